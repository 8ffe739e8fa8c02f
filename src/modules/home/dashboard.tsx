import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, formatMoney, plural } from '../../platform/i18n/index.ts';
import { Money } from '../../web/components/bidi.tsx';
import { Layout } from '../../web/layout.tsx';
import { type HomeData, HomeSearch, HomeSection, MarketplaceSections } from './views.tsx';

/** An order under way as the dashboard lists it. */
export interface DashboardOrder {
  id: number;
  title: string;
  status: string;
  role: 'buyer' | 'seller';
  /** The next deadline: the seller's answer, the delivery, or the automatic completion. */
  dueAt: Date | null;
  late: boolean;
  totalCents: number;
  other: { username: string; displayName: string } | null;
}

interface NextStep {
  key: string;
  href: string;
  testId: string;
  params?: Record<string, string | number>;
  /** A step done by a button (a POST form) rather than a link. */
  post?: boolean;
}

/** What a person should do next, the most pressing first: late deliveries, orders to answer or accept, the profile. */
export function nextSteps(p: {
  orders: DashboardOrder[];
  emailVerified: boolean;
  profile: { complete: boolean; avatar: boolean };
  liveServices: number;
}): NextStep[] {
  const steps: NextStep[] = [];
  for (const o of p.orders.filter((x) => x.role === 'seller' && x.late))
    steps.push({ key: 'dashboard.step_deliver_late', href: `/orders/${o.id}`, testId: `step-late-${o.id}`, params: { title: o.title } });
  for (const o of p.orders.filter((x) => x.role === 'seller' && x.status === 'pending'))
    steps.push({ key: 'dashboard.step_accept', href: `/orders/${o.id}`, testId: `step-accept-${o.id}`, params: { title: o.title } });
  for (const o of p.orders.filter((x) => x.role === 'buyer' && x.status === 'delivered'))
    steps.push({
      key: 'dashboard.step_review_delivery',
      href: `/orders/${o.id}`,
      testId: `step-delivery-${o.id}`,
      params: { title: o.title },
    });
  if (!p.emailVerified) steps.push({ key: 'dashboard.step_verify', href: '/verify-email/resend', testId: 'step-verify', post: true });
  if (!p.profile.complete) steps.push({ key: 'dashboard.step_profile', href: '/account', testId: 'step-profile' });
  else if (!p.profile.avatar) steps.push({ key: 'dashboard.step_avatar', href: '/account', testId: 'step-avatar' });
  if (p.liveServices === 0) steps.push({ key: 'dashboard.step_first_service', href: '/my/services/new', testId: 'step-first-service' });
  return steps;
}

function Stat(props: { label: string; value: string; href: string; testId: string; hint?: string; money?: boolean }) {
  return (
    <li>
      <a href={props.href} class="card bg-base-100 shadow-sm h-full hover:bg-base-300 transition-colors" data-testid={props.testId}>
        <span class="card-body p-3 gap-0">
          <span class="text-sm">{props.label}</span>
          <span class="text-xl font-bold">{props.money ? <bdi dir="ltr">{props.value}</bdi> : props.value}</span>
          {props.hint ? <span class="text-xs">{props.hint}</span> : null}
        </span>
      </a>
    </li>
  );
}

function OrdersList(props: { c: ViewCtx; orders: DashboardOrder[] }) {
  const { c } = props;
  if (props.orders.length === 0) return <p class="text-sm">{c.t('dashboard.no_orders')}</p>;
  return (
    <ul class="divide-y divide-base-300 bg-base-100 rounded-box shadow-sm" data-testid="dashboard-orders">
      {props.orders.map((o) => (
        <li key={o.id} class="p-3 relative" data-testid={`dashboard-order-${o.id}`}>
          <p class="font-bold break-words" dir="auto">
            <a href={c.href(`/orders/${o.id}`)} class="link link-hover after:absolute after:inset-0">
              {o.title}
            </a>
          </p>
          <p class="text-sm flex flex-wrap items-center gap-x-3 gap-y-1 mt-1">
            <span class="badge badge-sm badge-outline">{c.t(o.role === 'buyer' ? 'dashboard.as_buyer' : 'dashboard.as_seller')}</span>
            <span>{c.t(`order.status.${o.status}`)}</span>
            {o.other ? (
              <span dir="auto">
                {c.t(o.role === 'buyer' ? 'dashboard.seller' : 'dashboard.buyer')}: <bdi>{o.other.displayName}</bdi>
              </span>
            ) : null}
            <span>
              <Money c={c} cents={o.totalCents} />
            </span>
            {o.late ? (
              <span class="badge badge-sm badge-error" data-testid="order-late">
                {c.t('dashboard.late')}
              </span>
            ) : null}
            {o.dueAt ? (
              <span data-testid="order-due">
                {c.t(
                  o.status === 'pending' ? 'dashboard.answer_by' : o.status === 'delivered' ? 'dashboard.completes_on' : 'dashboard.due',
                  {
                    date: formatDateTime(c.locale, o.dueAt),
                  },
                )}
              </span>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The home page for someone signed in: their work first, then the marketplace. */
export function DashboardPage(props: {
  c: ViewCtx;
  market: HomeData;
  orders: DashboardOrder[];
  unread: number;
  balances: { availableCents: number; pendingCents: number; escrowCents: number };
  profile: { complete: boolean; avatar: boolean };
  liveServices: number;
}) {
  const { c, orders } = props;
  const user = c.user;
  if (!user) throw new Error('the dashboard is for a signed-in user');
  const steps = nextSteps({ orders, emailVerified: user.emailVerified, profile: props.profile, liveServices: props.liveServices });
  const buying = orders.filter((o) => o.role === 'buyer').length;
  const selling = orders.length - buying;
  return (
    <Layout c={c} title={c.t('dashboard.title')}>
      <h1 class="text-2xl md:text-3xl font-bold mb-3 [overflow-wrap:anywhere]" data-testid="dashboard-title">
        {c.t('dashboard.hello', { name: user.displayName })}
      </h1>
      <HomeSearch c={c} />
      <ul class="grid gap-2 grid-cols-2 md:grid-cols-4 mt-4" data-testid="dashboard-stats">
        <Stat
          label={c.t('dashboard.balance')}
          value={formatMoney(c.locale, props.balances.availableCents)}
          href={c.href('/wallet')}
          testId="stat-balance"
          money
          hint={
            props.balances.pendingCents
              ? c.t('dashboard.pending', { amount: formatMoney(c.locale, props.balances.pendingCents) })
              : undefined
          }
        />
        <Stat
          label={c.t('dashboard.unread')}
          value={plural(c.locale, 'dashboard.conversations', props.unread)}
          href={c.href('/messages')}
          testId="stat-unread"
        />
        <Stat
          label={c.t('dashboard.buying')}
          value={plural(c.locale, 'dashboard.orders', buying)}
          href={c.href('/my/purchases')}
          testId="stat-buying"
        />
        <Stat
          label={c.t('dashboard.selling')}
          value={plural(c.locale, 'dashboard.orders', selling)}
          href={c.href('/my/sales')}
          testId="stat-selling"
        />
      </ul>
      {steps.length ? (
        <HomeSection c={c} id="steps" title={c.t('dashboard.next_steps')}>
          <ul class="space-y-2">
            {steps.map((s) => (
              <li key={s.testId}>
                {s.post ? (
                  <form method="post" action={c.href(s.href)} class="alert alert-info py-2 flex flex-wrap" data-testid={s.testId}>
                    <input type="hidden" name="_csrf" value={c.csrf} />
                    <span class="break-words">{c.t(s.key, s.params)}</span>
                    <button type="submit" class="btn btn-xs">
                      {c.t('verify.resend')}
                    </button>
                  </form>
                ) : (
                  <a href={c.href(s.href)} class="alert alert-info py-2 break-words" data-testid={s.testId}>
                    {c.t(s.key, s.params)}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </HomeSection>
      ) : null}
      <HomeSection c={c} id="orders" title={c.t('dashboard.active_orders')}>
        <OrdersList c={c} orders={orders} />
      </HomeSection>
      <MarketplaceSections c={c} data={props.market} />
    </Layout>
  );
}
