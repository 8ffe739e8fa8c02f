import type { ViewCtx } from '../../../platform/http/pages.ts';

/** What became of the order a top-up was for (orders.intentOfDeposit). */
export type DepositIntent = { status: string; orderId: number | null; failure: string | null; serviceId: number; depositId: number };

/**
 * On "my purchases" after the gateway (`?deposit=<id>`): the order the top-up was for is placed (open it), still waits
 * for the payment (the top-up's page: its state and "try again"), or was refused when the money came (why, and the
 * service to order again from the balance).
 */
export function AfterDepositNotice(props: { c: ViewCtx; intent: DepositIntent }) {
  const { c, intent: i } = props;
  if (i.status === 'placed' && i.orderId) {
    return (
      <div role="status" class="alert alert-success mb-4 flex flex-wrap" data-testid="after-deposit">
        <span>{c.t('order.after_deposit.placed', { id: i.orderId })}</span>
        <a class="btn btn-sm btn-primary" href={c.href(`/orders/${i.orderId}`)} data-testid="after-deposit-order">
          {c.t('order.after_deposit.open', { id: i.orderId })}
        </a>
      </div>
    );
  }
  if (i.status === 'failed') {
    return (
      <div role="alert" class="alert alert-warning mb-4 flex flex-wrap" data-testid="after-deposit">
        <span>{c.t('order.after_deposit.failed', { reason: c.t(i.failure ?? 'http.internal') })}</span>
        <a class="btn btn-sm" href={c.href(`/services/${i.serviceId}`)}>
          {c.t('order.after_deposit.service')}
        </a>
      </div>
    );
  }
  return (
    <div role="status" class="alert alert-info mb-4 flex flex-wrap" data-testid="after-deposit">
      <span>{c.t('order.after_deposit.waiting')}</span>
      <a
        class="btn btn-sm"
        href={c.href(`/wallet/deposits/${i.depositId}?r=${encodeURIComponent(c.href(`/my/purchases?deposit=${i.depositId}`))}`)}
      >
        {c.t('order.after_deposit.deposit', { id: i.depositId })}
      </a>
    </div>
  );
}
