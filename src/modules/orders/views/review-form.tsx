import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { CRITERIA, criterionLabel } from '../../../web/components/review-scores.tsx';
import { StarRating } from '../../../web/components/stars.tsx';
import { Form } from '../../../web/components.tsx';

/** The review of the other side, once the order is complete: three star scores (none chosen beforehand) and a comment. */
export function ReviewForm(props: {
  c: ViewCtx;
  orderId: number;
  /** The reviewer's side: what the three scores ask depends on it. */
  role: 'buyer' | 'seller';
  state: FormState;
  failed: boolean;
  other: string;
}) {
  const { c } = props;
  const v = props.failed ? props.state.values : {};
  const errors = props.failed ? props.state.errors : {};
  return (
    <Form c={c} action={`/orders/${props.orderId}/review`} class="space-y-3">
      <h3 class="font-bold">{c.t('review.title', { name: props.other })}</h3>
      <p class="text-sm">{c.t(`review.hint.${props.role}`)}</p>
      <p class="text-xs opacity-80">{c.t('review.blind_note')}</p>
      {CRITERIA.map((k) => (
        <StarRating key={k} c={c} name={k} legend={criterionLabel(c, props.role, k)} value={v[k]} error={errors[k]} />
      ))}
      <label class="block text-sm" for="f-comment">
        {c.t('review.comment')}
      </label>
      <textarea id="f-comment" name="comment" rows={3} dir="auto" class={`textarea w-full ${errors.comment ? 'textarea-error' : ''}`}>
        {v.comment ?? ''}
      </textarea>
      {errors.comment ? (
        <p class="text-error text-sm" data-testid="error-comment">
          {c.t(errors.comment, props.state.params)}
        </p>
      ) : null}
      <button type="submit" class="btn btn-primary btn-sm" data-testid="send-review">
        {c.t('review.send')}
      </button>
    </Form>
  );
}
