import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { Form } from '../../../web/components.tsx';
import type { OrderAction } from '../rules.ts';

/** The order of the action buttons on the order page. */
export const ACTION_ORDER: OrderAction[] = [
  'accept',
  'decline',
  'deliver',
  'complete',
  'request-changes',
  'accept-cancel',
  'reject-cancel',
  'cancel',
  'request-cancel',
  'dispute',
];
/** Actions whose form carries a text (required or optional) and, for a delivery, files. */
const NEEDS_TEXT: Partial<Record<OrderAction, { field: 'message' | 'reason'; required: boolean }>> = {
  deliver: { field: 'message', required: true },
  'request-changes': { field: 'message', required: true },
  'request-cancel': { field: 'reason', required: true },
  dispute: { field: 'reason', required: true },
  decline: { field: 'reason', required: false },
  cancel: { field: 'reason', required: false },
};

export function ActionForm(props: { c: ViewCtx; orderId: number; action: OrderAction; state: FormState; failed: boolean }) {
  const { c, action } = props;
  const text = NEEDS_TEXT[action];
  const danger = ['decline', 'cancel', 'dispute', 'request-cancel'].includes(action);
  const primary = ['accept', 'deliver', 'complete'].includes(action);
  const err = props.failed
    ? (props.state.errors.message ?? props.state.errors.reason ?? props.state.errors.files ?? props.state.errors.file)
    : undefined;
  const button = (
    <button
      type="submit"
      class={`btn btn-sm ${primary ? 'btn-primary' : danger ? 'btn-outline btn-error' : 'btn-outline'}`}
      data-testid={`action-${action}`}
    >
      {c.t(`order.action.${action}`)}
    </button>
  );
  if (!text) {
    return (
      <Form c={c} action={`/orders/${props.orderId}/${action}`} class="inline">
        {button}
      </Form>
    );
  }
  return (
    <details class="collapse collapse-arrow bg-base-200" open={props.failed}>
      <summary class="collapse-title text-sm font-bold">{c.t(`order.action.${action}`)}</summary>
      <div class="collapse-content">
        <Form c={c} action={`/orders/${props.orderId}/${action}`} multipart={action === 'deliver'} class="space-y-2">
          <label class="text-sm" for={`f-${action}`}>
            {c.t(`order.field.${text.field}.${action}`)}
          </label>
          <textarea id={`f-${action}`} name={text.field} rows={3} dir="auto" class={`textarea w-full ${err ? 'textarea-error' : ''}`}>
            {props.failed ? (props.state.values[text.field] ?? '') : ''}
          </textarea>
          {err ? (
            <p class="text-error text-sm" data-testid={`error-${action}`}>
              {c.t(err, { max: 5000, files: 10, ...props.state.params })}
            </p>
          ) : null}
          {action === 'deliver' ? (
            <input type="file" name="files" multiple class="file-input file-input-sm max-w-full" aria-label={c.t('messaging.attach')} />
          ) : null}
          {button}
        </Form>
      </div>
    </details>
  );
}

export function ReviewForm(props: { c: ViewCtx; orderId: number; state: FormState; failed: boolean; other: string }) {
  const { c } = props;
  const v = props.failed ? props.state.values : {};
  return (
    <Form c={c} action={`/orders/${props.orderId}/review`} class="space-y-2">
      <h3 class="font-bold">{c.t('review.title', { name: props.other })}</h3>
      <p class="text-xs opacity-70">{c.t('review.blind_note')}</p>
      {(['quality', 'communication', 'onTime'] as const).map((k) => (
        <div key={k} class="flex flex-wrap items-center gap-2">
          <label class="w-40" for={`f-${k}`}>
            {c.t(`review.${k}`)}
          </label>
          <select id={`f-${k}`} name={k} class={`select select-sm w-24 ${props.failed && props.state.errors[k] ? 'select-error' : ''}`}>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={String(n)} selected={v[k] === String(n)}>
                {'★'.repeat(n)}
              </option>
            ))}
          </select>
        </div>
      ))}
      <label class="text-sm" for="f-comment">
        {c.t('review.comment')}
      </label>
      <textarea id="f-comment" name="comment" rows={3} dir="auto" class="textarea w-full">
        {v.comment ?? ''}
      </textarea>
      <button type="submit" class="btn btn-primary btn-sm" data-testid="send-review">
        {c.t('review.send')}
      </button>
    </Form>
  );
}
