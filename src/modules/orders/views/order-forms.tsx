import type { ComponentChildren } from 'preact';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { ConfirmSubmit } from '../../../web/components/confirm.tsx';
import { Form } from '../../../web/components.tsx';
import { EXTENSION_DAYS_MAX, type OrderAction } from '../rules.ts';

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
  'accept-extension',
  'reject-extension',
  'request-extension',
  'dispute',
];
/** Actions whose form carries a text (required or optional) and, for a delivery, files. */
const NEEDS_TEXT: Partial<Record<OrderAction, { field: 'message' | 'reason'; required: boolean }>> = {
  deliver: { field: 'message', required: true },
  'request-changes': { field: 'message', required: true },
  'request-cancel': { field: 'reason', required: true },
  'request-extension': { field: 'reason', required: true },
  dispute: { field: 'reason', required: true },
  decline: { field: 'reason', required: false },
  cancel: { field: 'reason', required: false },
};

/**
 * The main action of a side in a state: the step that moves the order on (the seller accepts a new order and
 * delivers one in progress; the buyer accepts a delivery). The order page shows it first, open and as the primary
 * button; the other actions follow as secondary ones.
 */
export function mainAction(actions: readonly OrderAction[]): OrderAction | null {
  return actions.find((a) => a === 'deliver' || a === 'complete' || a === 'accept') ?? null;
}

/** How many days a deadline extension asks for (1–30), kept on a refusal. */
function ExtensionDays(props: { c: ViewCtx; state: FormState; failed: boolean }) {
  const { c } = props;
  const err = props.failed ? props.state.errors.days : undefined;
  return (
    <div class="grid gap-1">
      <label class="text-sm" for="f-extension-days">
        {c.t('order.field.days')}
      </label>
      <input
        id="f-extension-days"
        name="days"
        dir="ltr"
        inputmode="numeric"
        maxLength={2}
        class={`input input-sm w-24 ${err ? 'input-error' : ''}`}
        value={props.failed ? (props.state.values.days ?? '') : ''}
        aria-invalid={err ? 'true' : undefined}
      />
      {err ? (
        <p class="text-error text-sm" data-testid="error-days">
          {c.t(err, { max: EXTENSION_DAYS_MAX })}
        </p>
      ) : null}
    </div>
  );
}

/** Actions that ask before they are done: accepting a delivery pays the seller; the others refund the buyer. */
const CONFIRMS: OrderAction[] = ['complete', 'cancel', 'decline', 'accept-cancel'];

export function ActionForm(props: { c: ViewCtx; orderId: number; action: OrderAction; state: FormState; failed: boolean; main?: boolean }) {
  const { c, action } = props;
  const text = NEEDS_TEXT[action];
  const danger = ['decline', 'cancel', 'dispute', 'request-cancel'].includes(action);
  const primary = props.main === true;
  const err = props.failed
    ? (props.state.errors.message ?? props.state.errors.reason ?? props.state.errors.files ?? props.state.errors.file)
    : undefined;
  // Money moves on these (the seller paid, the buyer refunded): the button asks first (web/components/confirm.tsx).
  const button = CONFIRMS.includes(action) ? (
    <ConfirmSubmit
      c={c}
      id={`confirm-${action}`}
      label={c.t(`order.action.${action}`)}
      question={c.t(`order.confirm.${action}`)}
      confirm={c.t(`order.confirm_yes.${action}`)}
      class={`btn ${primary ? 'btn-primary w-full sm:w-auto' : danger ? 'btn-sm btn-outline btn-error' : 'btn-sm btn-outline'}`}
      tone={action === 'complete' ? 'primary' : 'danger'}
      testid={`action-${action}`}
    />
  ) : (
    <button
      type="submit"
      class={`btn ${primary ? 'btn-primary w-full sm:w-auto' : danger ? 'btn-sm btn-outline btn-error' : 'btn-sm btn-outline'}`}
      data-testid={`action-${action}`}
    >
      {c.t(`order.action.${action}`)}
    </button>
  );
  // The main action comes first, framed and open at once: the next step, not a choice to look for.
  const main = (body: ComponentChildren) => (
    <div class="rounded-box border-2 border-primary p-3 space-y-2" data-testid={`main-${action}`}>
      <h3 class="font-bold">{c.t('order.next_step')}</h3>
      {body}
    </div>
  );
  if (!text) {
    const form = (
      <Form c={c} action={`/orders/${props.orderId}/${action}`} class={primary ? undefined : 'inline'}>
        {button}
      </Form>
    );
    return primary ? main(form) : form;
  }
  const form = (
    <Form c={c} action={`/orders/${props.orderId}/${action}`} multipart={action === 'deliver'} class="space-y-2">
      <label class="text-sm" for={`f-${action}`}>
        {c.t(`order.field.${text.field}.${action}`)}
      </label>
      {action === 'request-extension' ? <ExtensionDays c={c} state={props.state} failed={props.failed} /> : null}
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
  );
  if (primary) return main(form);
  return (
    <details class="collapse collapse-arrow bg-base-200" open={props.failed}>
      <summary class="collapse-title text-sm font-bold">{c.t(`order.action.${action}`)}</summary>
      <div class="collapse-content">{form}</div>
    </details>
  );
}
