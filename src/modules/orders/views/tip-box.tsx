import { newToken } from '../../../platform/crypto.ts';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatMoney } from '../../../platform/i18n/index.ts';
import { Field, Form, FormAlert } from '../../../web/components.tsx';

/**
 * A completed order's tip (issue 20): the buyer's form while none was sent (the amount kept on a refusal), then
 * what was sent; the seller reads what they received.
 */
export function TipBox(props: {
  c: ViewCtx;
  orderId: number;
  role: 'buyer' | 'seller';
  tip: { amountCents: number } | null;
  availableCents: number | null;
  state: FormState;
  failed: boolean;
}) {
  const { c, tip } = props;
  if (tip)
    return (
      <section class="card bg-base-100 p-4" data-testid="tip-box">
        <p data-testid="tip-done">{c.t(props.role === 'buyer' ? 'order.tip_given' : 'order.tip_received', { amount: tip.amountCents })}</p>
      </section>
    );
  if (props.role !== 'buyer' || props.availableCents === null) return null;
  const state: FormState = props.failed ? props.state : { values: {}, errors: {}, formError: null, params: {} };
  return (
    <section class="card bg-base-100 p-4 space-y-2" data-testid="tip-box">
      <h2 class="font-bold">{c.t('order.tip_title')}</h2>
      <p class="text-sm opacity-80">{c.t('order.tip_intro', { balance: formatMoney(c.locale, props.availableCents) })}</p>
      <Form c={c} action={`/orders/${props.orderId}/tip`} class="flex flex-wrap items-end gap-2">
        <FormAlert c={c} state={state} />
        <input type="hidden" name="idempotencyKey" value={state.values.idempotencyKey ?? newToken()} />
        <div class="w-40">
          <Field c={c} state={state} name="amount" label={c.t('order.tip_amount')} dir="ltr" maxLength={9} id="f-tip-amount" />
        </div>
        <button type="submit" class="btn btn-sm btn-primary" data-testid="tip-send">
          {c.t('order.tip_send')}
        </button>
      </Form>
    </section>
  );
}
