import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatMoney, formatNumber } from '../../../platform/i18n/index.ts';
import { Ref } from '../../../web/components/bidi.tsx';
import { PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { ORDER_STATES } from '../rules.ts';
import type { OrderRow } from '../service.ts';
import { AfterDepositNotice, type DepositIntent } from './after-deposit.tsx';
import { StatusBadge } from './status-badge.tsx';

const money = (c: ViewCtx, cents: number) => formatMoney(c.locale, cents);

/** My purchases / my sales: the orders by state, and for a seller the earnings above them. */
export function OrdersListPage(props: {
  c: ViewCtx;
  side: 'buyer' | 'seller';
  items: OrderRow[];
  counts: Record<string, number>;
  status: string;
  earnings?: { completedCount: number; grossCents: number; netCents: number; activeCount: number; activeCents: number };
  /** After the gateway: what became of the order a top-up was for. */
  afterDeposit?: DepositIntent | null;
}) {
  const { c, side } = props;
  const base = side === 'buyer' ? '/my/purchases' : '/my/sales';
  const all = Object.values(props.counts).reduce((a, b) => a + b, 0);
  return (
    <Layout c={c} title={c.t(side === 'buyer' ? 'menu.purchases' : 'menu.sales')}>
      <PageTitle>{c.t(side === 'buyer' ? 'menu.purchases' : 'menu.sales')}</PageTitle>
      {props.afterDeposit ? <AfterDepositNotice c={c} intent={props.afterDeposit} /> : null}
      {props.earnings ? (
        <div class="stats stats-vertical sm:stats-horizontal bg-base-100 shadow-sm mb-4 w-full" data-testid="earnings">
          <div class="stat">
            <div class="stat-title">{c.t('order.earnings_completed')}</div>
            <div class="stat-value text-2xl">{money(c, props.earnings.netCents)}</div>
            <div class="stat-desc">
              {c.t('order.earnings_gross', {
                amount: money(c, props.earnings.grossCents),
                n: formatNumber(c.locale, props.earnings.completedCount),
              })}
            </div>
          </div>
          <div class="stat">
            <div class="stat-title">{c.t('order.earnings_active')}</div>
            <div class="stat-value text-2xl">{money(c, props.earnings.activeCents)}</div>
            <div class="stat-desc">
              <a class="link" href={c.href('/wallet')}>
                {c.t('order.earnings_wallet')}
              </a>
            </div>
          </div>
        </div>
      ) : null}
      <nav class="flex flex-wrap gap-1 mb-3" aria-label={c.t('order.filter')}>
        <a href={c.href(base)} class={`btn btn-sm ${props.status ? 'btn-ghost' : 'btn-active'}`}>
          {c.t('order.all')} ({formatNumber(c.locale, all)})
        </a>
        {ORDER_STATES.map((s) => (
          <a
            key={s}
            href={c.href(`${base}?status=${s}`)}
            class={`btn btn-sm ${props.status === s ? 'btn-active' : 'btn-ghost'}`}
            data-testid={`filter-${s}`}
          >
            {c.t(`order.status.${s}`)} ({formatNumber(c.locale, props.counts[s] ?? 0)})
          </a>
        ))}
      </nav>
      {props.items.length === 0 ? (
        <div class="card bg-base-100 p-6 text-center">
          <p>{c.t('order.none')}</p>
          {side === 'buyer' ? (
            <a class="link link-primary mt-2" href={c.href('/services')}>
              {c.t('messaging.inbox_empty_cta')}
            </a>
          ) : null}
        </div>
      ) : (
        <ul class="menu bg-base-100 rounded-box w-full p-0 divide-y divide-base-200" data-testid="orders">
          {props.items.map((o) => (
            <li key={o.id}>
              <a href={c.href(`/orders/${o.id}`)} class="flex flex-wrap items-center gap-2 py-3">
                <Ref id={o.id} class="opacity-70" />
                <span class="flex-1 min-w-0 truncate" dir="auto">
                  {o.title}
                </span>
                <StatusBadge c={c} status={o.status} />
                <strong>{money(c, o.totalCents)}</strong>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
