import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatMoney } from '../../../platform/i18n/index.ts';
import { Card, Form, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { mayRetryDeposit } from '../rules.ts';
import type { Deposit } from '../service.ts';

/**
 * "Try again" for a top-up that was not paid (declined, left, expired): a new checkout of the same amount that comes
 * back to the same place (`back`, a path of this site with its language). Used by the gateway's pages and the wallet.
 */
export function RetryDeposit(props: { c: ViewCtx; deposit: Deposit; back: string | null; class?: string }) {
  const { c, deposit: d } = props;
  if (!mayRetryDeposit(d)) return null;
  return (
    <Form c={c} action={`/wallet/deposits/${d.id}/retry`} class={props.class ?? 'inline'}>
      {props.back ? <input type="hidden" name="r" value={props.back} /> : null}
      <button type="submit" class="btn btn-primary btn-sm" data-testid={`deposit-retry-${d.id}`}>
        {c.t('wallet.retry')} <bdi dir="ltr">{formatMoney(c.locale, d.amountCents)}</bdi>
      </button>
    </Form>
  );
}

/** What a deposit's state says to its payer on the way back from the gateway. */
function outcomeKey(d: Deposit, result: 'success' | 'cancel' | null): string {
  if (d.status === 'paid') return 'wallet.return.paid';
  if (d.status === 'expired') return 'wallet.return.expired';
  if (d.status === 'failed') return d.reason === 'card_declined' ? 'wallet.card_declined' : 'wallet.return.failed';
  if (d.status === 'rejected') return 'wallet.return.rejected';
  return result === 'cancel' ? 'wallet.return.cancelled' : 'wallet.return.pending';
}

/**
 * The page a payment provider sends the payer back to (`/wallet/deposits/:id?result=success|cancel&r=…`): how the
 * top-up went and the next step — continue to what they were doing once paid, or try again with the same amount.
 */
export function DepositReturnPage(props: {
  c: ViewCtx;
  deposit: Deposit;
  result: 'success' | 'cancel' | null;
  back: string | null;
  /** Why "try again" was refused (e.g. the provider is unavailable). */
  error?: string | null;
}) {
  const { c, deposit: d } = props;
  const key = outcomeKey(d, props.result);
  const good = d.status === 'paid';
  const waiting = d.status === 'pending' && props.result !== 'cancel';
  return (
    <Layout c={c} title={c.t('wallet.return.title', { id: d.id })} narrow>
      <PageTitle>{c.t('wallet.return.title', { id: d.id })}</PageTitle>
      <Card>
        <p class="text-lg">
          {c.t('sandbox.amount')}: <strong>{formatMoney(c.locale, d.amountCents)}</strong>
        </p>
        {props.error ? (
          <div role="alert" class="alert alert-error mb-2" data-testid="form-error">
            {c.t(props.error)}
          </div>
        ) : null}
        <div
          role={good || waiting ? 'status' : 'alert'}
          class={`alert ${good ? 'alert-success' : waiting ? 'alert-info' : 'alert-warning'}`}
          data-testid="deposit-outcome"
        >
          {c.t(key)}
        </div>
        <div class="flex flex-wrap gap-2 mt-2">
          {good && props.back ? (
            <a class="btn btn-primary btn-sm" href={props.back} data-testid="deposit-continue">
              {c.t('wallet.return.continue')}
            </a>
          ) : null}
          {waiting ? (
            <a
              class="btn btn-sm"
              href={c.href(`/wallet/deposits/${d.id}?result=success${props.back ? `&r=${encodeURIComponent(props.back)}` : ''}`)}
            >
              {c.t('wallet.return.refresh')}
            </a>
          ) : (
            <RetryDeposit c={c} deposit={d} back={props.back} />
          )}
          <a class="btn btn-ghost btn-sm" href={c.href('/wallet')}>
            {c.t('sandbox.back')}
          </a>
        </div>
      </Card>
    </Layout>
  );
}
