import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, formatMoney, formatNumber, plural } from '../../platform/i18n/index.ts';
import { Form, FormAlert, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { MessageItem, type MessageView } from '../messaging/index.ts';
import { ORDER_STATES, type OrderAction, type Role, transition } from './rules.ts';
import type { DisputeRow, OrderEventRow, OrderRow, ReviewRow } from './service.ts';

const money = (c: ViewCtx, cents: number) => formatMoney(c.locale, cents);

function StatusBadge(props: { c: ViewCtx; status: string }) {
  const tone: Record<string, string> = {
    pending: 'badge-warning',
    in_progress: 'badge-info',
    delivered: 'badge-primary',
    completed: 'badge-success',
    cancelled: 'badge-ghost',
    disputed: 'badge-error',
  };
  return (
    <span class={`badge ${tone[props.status] ?? ''}`} data-testid="order-status">
      {props.c.t(`order.status.${props.status}`)}
    </span>
  );
}

/** The checkout: what is bought, the total, the balance, and pay (or deposit the difference first). */
export function CheckoutPage(props: {
  c: ViewCtx;
  service: { id: number; title: string; priceCents: number; deliveryDays: number };
  addons: { id: number; title: string; priceCents: number; extraDays: number }[];
  quantity: number;
  totalCents: number;
  availableCents: number;
  idemKey: string;
  state: FormState;
}) {
  const { c } = props;
  const short = Math.max(0, props.totalCents - props.availableCents);
  return (
    <Layout c={c} title={c.t('order.checkout_title')} narrow>
      <PageTitle>{c.t('order.checkout_title')}</PageTitle>
      <section class="card bg-base-100 p-4 space-y-3">
        <FormAlert c={c} state={props.state} />
        <h2 class="font-bold" dir="auto">
          {props.service.title}
        </h2>
        <table class="table table-sm">
          <tbody>
            <tr>
              <td>{c.t('order.unit_price')}</td>
              <td class="text-end">{money(c, props.service.priceCents)}</td>
            </tr>
            {props.addons.map((a) => (
              <tr key={a.id}>
                <td dir="auto">+ {a.title}</td>
                <td class="text-end">{money(c, a.priceCents)}</td>
              </tr>
            ))}
            <tr>
              <td>{c.t('order.quantity')}</td>
              <td class="text-end">× {formatNumber(c.locale, props.quantity)}</td>
            </tr>
            <tr class="font-bold text-lg">
              <td>{c.t('order.total')}</td>
              <td class="text-end" data-testid="checkout-total">
                {money(c, props.totalCents)}
              </td>
            </tr>
          </tbody>
        </table>
        <p class="text-sm">
          {c.t('order.balance_is', { amount: money(c, props.availableCents) })}
          {short > 0 ? (
            <strong class="block text-warning-content" data-testid="checkout-short">
              {c.t('order.short_by', { amount: money(c, short) })}
            </strong>
          ) : null}
        </p>
        <p class="text-xs opacity-70">{c.t('order.escrow_note')}</p>
        <Form c={c} action="/orders/new" class="space-y-2">
          <input type="hidden" name="serviceId" value={String(props.service.id)} />
          <input type="hidden" name="qty" value={String(props.quantity)} />
          {props.addons.map((a) => (
            <input key={a.id} type="hidden" name="addon" value={String(a.id)} />
          ))}
          <input type="hidden" name="idem" value={props.idemKey} />
          <button type="submit" class="btn btn-primary w-full" data-testid="pay">
            {short > 0
              ? c.t('order.deposit_and_order', { amount: money(c, short) })
              : c.t('order.pay_and_order', { amount: money(c, props.totalCents) })}
          </button>
        </Form>
      </section>
    </Layout>
  );
}

export function OrdersListPage(props: {
  c: ViewCtx;
  side: 'buyer' | 'seller';
  items: OrderRow[];
  counts: Record<string, number>;
  status: string;
  earnings?: { completedCount: number; grossCents: number; netCents: number; activeCount: number; activeCents: number };
}) {
  const { c, side } = props;
  const base = side === 'buyer' ? '/my/purchases' : '/my/sales';
  const all = Object.values(props.counts).reduce((a, b) => a + b, 0);
  return (
    <Layout c={c} title={c.t(side === 'buyer' ? 'menu.purchases' : 'menu.sales')}>
      <PageTitle>{c.t(side === 'buyer' ? 'menu.purchases' : 'menu.sales')}</PageTitle>
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
                <span class="opacity-70">#{o.id}</span>
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

const ACTION_ORDER: OrderAction[] = [
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

function ActionForm(props: { c: ViewCtx; orderId: number; action: OrderAction; state: FormState; failed: boolean }) {
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

function ReviewForm(props: { c: ViewCtx; orderId: number; state: FormState; failed: boolean; other: string }) {
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

export function OrderPage(props: {
  c: ViewCtx;
  order: OrderRow;
  role: Role;
  late: boolean;
  events: OrderEventRow[];
  dispute: DisputeRow | null;
  reviews: ReviewRow[];
  names: { buyer: string; seller: string };
  messages: MessageView[];
  meId: number;
  now: Date;
  state: FormState;
  failedAction: string | null;
}) {
  const { c, order: o, role } = props;
  const facts = {
    status: o.status as (typeof ORDER_STATES)[number],
    late: props.late,
    cancelRequestedBy: (o.cancelRequestedBy as 'buyer' | 'seller' | null) ?? null,
  };
  const actions = role === 'buyer' || role === 'seller' ? ACTION_ORDER.filter((a) => 'to' in transition(facts, a, role)) : [];
  const deadline =
    o.status === 'pending' ? o.acceptBy : o.status === 'delivered' ? o.autoCompleteAt : o.status === 'in_progress' ? o.deadlineAt : null;
  const mine = props.reviews.find((r) => r.authorId === props.meId);
  const aboutMe = props.reviews.find((r) => r.subjectId === props.meId && r.publishedAt);
  const other = role === 'buyer' ? props.names.seller : props.names.buyer;
  const actorName = (id: number | null) =>
    id === null
      ? c.t('order.platform')
      : id === o.buyerId
        ? props.names.buyer
        : id === o.sellerId
          ? props.names.seller
          : c.t('order.staff');
  return (
    <Layout c={c} title={c.t('order.title', { id: o.id })} scripts={['order.js']}>
      <div class="flex flex-wrap items-center gap-2 mb-3">
        <PageTitle>{c.t('order.title', { id: o.id })}</PageTitle>
        <StatusBadge c={c} status={o.status} />
      </div>
      {props.state.formError && props.failedAction ? (
        <div role="alert" class="alert alert-error mb-3" data-testid="form-error">
          {c.t(props.state.formError, props.state.params)}
        </div>
      ) : null}
      <div class="grid gap-4 md:grid-cols-3">
        <div class="md:col-span-2 space-y-4 min-w-0">
          <section class="card bg-base-100 p-4 space-y-2">
            <h2 class="font-bold text-lg" dir="auto">
              <a class="link link-hover" href={c.href(o.projectId ? `/projects/${o.projectId}` : `/services/${o.serviceId}`)}>
                {o.title}
              </a>
            </h2>
            <p class="text-sm">{c.t('order.parties', { buyer: props.names.buyer, seller: props.names.seller })}</p>
            {deadline && ['pending', 'in_progress', 'delivered'].includes(o.status) ? (
              <p class={`font-bold ${props.late ? 'text-error' : ''}`} data-testid="deadline">
                {c.t(`order.deadline.${o.status}`, { when: formatDateTime(c.locale, deadline) })}{' '}
                <span data-countdown={deadline.toISOString()} data-late-label={c.t('order.late')} class="badge badge-outline">
                  {countdown(c, deadline, props.now)}
                </span>
              </p>
            ) : null}
            {o.cancelRequestedBy ? (
              <div role="status" class="alert alert-warning" data-testid="cancel-request">
                {c.t('order.cancel_requested_by', {
                  who: o.cancelRequestedBy === 'buyer' ? props.names.buyer : props.names.seller,
                  reason: o.cancelReason ?? '',
                })}
              </div>
            ) : null}
            {props.dispute ? (
              <div role="status" class={`alert ${props.dispute.status === 'open' ? 'alert-error' : 'alert-info'}`} data-testid="dispute">
                {props.dispute.status === 'open'
                  ? c.t('order.dispute_open', { reason: props.dispute.reason })
                  : c.t(`order.dispute_decided.${props.dispute.decision}`, {
                      reason: props.dispute.decisionReason ?? '',
                      amount: money(c, props.dispute.buyerCents ?? 0),
                    })}
              </div>
            ) : null}
            {(role === 'buyer' || role === 'seller' || role === 'staff') && o.instructions ? (
              <div>
                <h3 class="font-bold text-sm">{c.t('order.instructions')}</h3>
                <p class="whitespace-pre-line text-sm" dir="auto">
                  {o.instructions}
                </p>
              </div>
            ) : null}
          </section>
          {actions.length ? (
            <section class="card bg-base-100 p-4 space-y-2" data-testid="actions">
              <h2 class="font-bold">{c.t('order.your_actions')}</h2>
              {actions.map((a) => (
                <ActionForm key={a} c={c} orderId={o.id} action={a} state={props.state} failed={props.failedAction === a} />
              ))}
            </section>
          ) : null}
          {o.status === 'completed' && (role === 'buyer' || role === 'seller') ? (
            <section class="card bg-base-100 p-4" data-testid="review-box">
              {mine ? (
                <p>{mine.publishedAt ? c.t('review.published') : c.t('review.waiting')}</p>
              ) : (
                <ReviewForm c={c} orderId={o.id} state={props.state} failed={props.failedAction === 'review'} other={other} />
              )}
              {aboutMe ? (
                <div class="mt-4 border-t border-base-200 pt-3" data-testid="review-about-me">
                  <h3 class="font-bold">{c.t('review.about_you', { name: other })}</h3>
                  <p class="text-sm">{c.t('review.scores', { q: aboutMe.quality, c: aboutMe.communication, t: aboutMe.onTime })}</p>
                  {aboutMe.comment ? (
                    <p class="whitespace-pre-line" dir="auto">
                      {aboutMe.comment}
                    </p>
                  ) : null}
                  {aboutMe.reply ? (
                    <p class="mt-2 ms-4 ps-3 border-s-2 border-primary text-sm whitespace-pre-line" dir="auto">
                      {aboutMe.reply}
                    </p>
                  ) : (
                    <Form c={c} action={`/orders/${o.id}/reply`} class="mt-2 space-y-2">
                      <input type="hidden" name="review" value={String(aboutMe.id)} />
                      <label class="text-sm" for="f-reply">
                        {c.t('review.reply_label')}
                      </label>
                      <textarea id="f-reply" name="reply" rows={2} dir="auto" class="textarea w-full">
                        {props.failedAction === 'reply' ? (props.state.values.reply ?? '') : ''}
                      </textarea>
                      {props.failedAction === 'reply' && (props.state.formError || props.state.errors.reply) ? (
                        <p class="text-error text-sm" data-testid="error-reply">
                          {c.t(props.state.errors.reply ?? props.state.formError ?? '', { max: 5000 })}
                        </p>
                      ) : null}
                      <button type="submit" class="btn btn-sm" data-testid="send-reply">
                        {c.t('review.reply_send')}
                      </button>
                    </Form>
                  )}
                </div>
              ) : null}
            </section>
          ) : null}
          {role === 'buyer' || role === 'seller' ? (
            <section class="card bg-base-100 p-4" aria-label={c.t('order.conversation')}>
              <h2 class="font-bold mb-2">{c.t('order.conversation')}</h2>
              <ol class="space-y-1" id="order-thread" data-conversation={o.conversationId ?? undefined}>
                {props.messages.map((m) => (
                  <MessageItem key={m.id} c={c} m={m} mine={m.sender.id === props.meId} seen={false} filesBase="/messages/files" />
                ))}
              </ol>
              {o.conversationId ? (
                <Form c={c} action={`/orders/${o.id}/messages`} multipart class="mt-3 space-y-2">
                  <textarea
                    name="body"
                    rows={2}
                    dir="auto"
                    class="textarea w-full"
                    aria-label={c.t('messaging.write')}
                    placeholder={c.t('messaging.write')}
                  >
                    {props.failedAction === 'message' ? (props.state.values.body ?? '') : ''}
                  </textarea>
                  {props.failedAction === 'message' && (props.state.errors.body || props.state.errors.files || props.state.errors.file) ? (
                    <p class="text-error text-sm" data-testid="error-message">
                      {c.t(props.state.errors.body ?? props.state.errors.files ?? props.state.errors.file, {
                        max: 5000,
                        files: 10,
                        ...props.state.params,
                      })}
                    </p>
                  ) : null}
                  <div class="flex flex-wrap items-center gap-2">
                    <input
                      type="file"
                      name="files"
                      multiple
                      class="file-input file-input-sm max-w-full"
                      aria-label={c.t('messaging.attach')}
                    />
                    <button type="submit" class="btn btn-sm btn-primary ms-auto">
                      {c.t('messaging.send')}
                    </button>
                  </div>
                </Form>
              ) : null}
            </section>
          ) : null}
        </div>
        <aside class="space-y-4 min-w-0">
          <section class="card bg-base-100 p-4">
            <h2 class="font-bold mb-2">{c.t('order.summary')}</h2>
            <dl class="text-sm space-y-1">
              <div class="flex justify-between">
                <dt>{c.t('order.unit_price')}</dt>
                <dd>{money(c, o.unitPriceCents)}</dd>
              </div>
              {o.addons.map((a) => (
                <div key={a.id} class="flex justify-between gap-2">
                  <dt dir="auto">+ {a.title}</dt>
                  <dd>{money(c, a.priceCents)}</dd>
                </div>
              ))}
              <div class="flex justify-between">
                <dt>{c.t('order.quantity')}</dt>
                <dd>× {formatNumber(c.locale, o.quantity)}</dd>
              </div>
              <div class="flex justify-between font-bold">
                <dt>{c.t('order.total')}</dt>
                <dd data-testid="order-total">{money(c, o.totalCents)}</dd>
              </div>
              <div class="flex justify-between">
                <dt>{c.t('order.delivery_days')}</dt>
                <dd>{plural(c.locale, 'service.days', o.deliveryDays)}</dd>
              </div>
              {role === 'seller' ? (
                <div class="flex justify-between">
                  <dt>{c.t('order.you_receive')}</dt>
                  <dd>{money(c, o.totalCents - Math.floor((o.totalCents * o.commissionBp + 5000) / 10000))}</dd>
                </div>
              ) : null}
            </dl>
          </section>
          <section class="card bg-base-100 p-4">
            <h2 class="font-bold mb-2">{c.t('order.timeline')}</h2>
            <ol class="text-sm border-s-2 border-base-300 ps-3" data-testid="timeline">
              {props.events.map((e) => (
                <li key={e.id} class="mb-2">
                  <div>
                    <strong>{c.t(`order.event.${e.kind}`)}</strong> — {actorName(e.actorId)}
                  </div>
                  <time class="text-xs opacity-70" datetime={e.createdAt.toISOString()}>
                    {formatDateTime(c.locale, e.createdAt)}
                  </time>
                  {e.message ? (
                    <p class="whitespace-pre-line opacity-80" dir="auto">
                      {e.message}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </Layout>
  );
}

function countdown(c: ViewCtx, to: Date, now: Date): string {
  const ms = to.getTime() - now.getTime();
  if (ms <= 0) return c.t('order.late');
  const hours = Math.floor(ms / 3_600_000);
  return c.t('order.left', { days: formatNumber(c.locale, Math.floor(hours / 24)), hours: formatNumber(c.locale, hours % 24) });
}

export function DisputesPage(props: { c: ViewCtx; items: { dispute: DisputeRow; order: OrderRow }[] }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('dispute.queue')}>
      <PageTitle>{c.t('dispute.queue')}</PageTitle>
      {props.items.length === 0 ? (
        <p class="card bg-base-100 p-6">{c.t('dispute.none')}</p>
      ) : (
        <ul class="menu bg-base-100 rounded-box w-full p-0 divide-y divide-base-200" data-testid="disputes">
          {props.items.map(({ dispute, order }) => (
            <li key={dispute.id}>
              <a href={c.href(`/admin/disputes/${order.id}`)} class="flex flex-wrap gap-2 py-3">
                <span>#{order.id}</span>
                <span class="flex-1 truncate" dir="auto">
                  {dispute.reason}
                </span>
                <strong>{money(c, order.totalCents)}</strong>
                <time class="text-xs opacity-70">{formatDateTime(c.locale, dispute.createdAt)}</time>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Staff: the whole order history and conversation, and the decision form. */
export function DisputePage(props: {
  c: ViewCtx;
  order: OrderRow;
  dispute: DisputeRow | null;
  events: OrderEventRow[];
  messages: MessageView[];
  names: { buyer: string; seller: string };
  state: FormState;
}) {
  const { c, order: o } = props;
  const v = props.state.values;
  return (
    <Layout c={c} title={c.t('dispute.title', { id: o.id })}>
      <PageTitle>{c.t('dispute.title', { id: o.id })}</PageTitle>
      <div class="grid gap-4 md:grid-cols-2">
        <section class="card bg-base-100 p-4 space-y-2">
          <p dir="auto">
            <strong>{o.title}</strong> — {money(c, o.totalCents)}
          </p>
          <p class="text-sm">{c.t('order.parties', { buyer: props.names.buyer, seller: props.names.seller })}</p>
          {props.dispute ? <p class="alert alert-error">{c.t('order.dispute_open', { reason: props.dispute.reason })}</p> : null}
          <h2 class="font-bold">{c.t('order.timeline')}</h2>
          <ol class="text-sm space-y-1">
            {props.events.map((e) => (
              <li key={e.id}>
                <strong>{c.t(`order.event.${e.kind}`)}</strong> · {formatDateTime(c.locale, e.createdAt)}
                {e.message ? <span dir="auto"> — {e.message}</span> : null}
              </li>
            ))}
          </ol>
          <h2 class="font-bold">{c.t('order.conversation')}</h2>
          <ol class="space-y-1">
            {props.messages.map((m) => (
              <MessageItem key={m.id} c={c} m={m} mine={m.sender.id === o.sellerId} seen={false} filesBase="/messages/files" />
            ))}
          </ol>
        </section>
        {o.status === 'disputed' ? (
          <Form c={c} action={`/admin/disputes/${o.id}`} class="card bg-base-100 p-4 space-y-3 self-start">
            <FormAlert c={c} state={props.state} />
            <fieldset class="space-y-1">
              <legend class="font-bold">{c.t('dispute.decision')}</legend>
              {(['release', 'refund', 'split'] as const).map((d) => (
                <label key={d} class="flex items-center gap-2">
                  <input type="radio" name="decision" value={d} class="radio radio-sm" checked={v.decision === d} />
                  {c.t(`dispute.decision.${d}`)}
                </label>
              ))}
              {props.state.errors.decision ? <p class="text-error text-sm">{c.t(props.state.errors.decision)}</p> : null}
            </fieldset>
            <label class="block text-sm" for="f-buyer">
              {c.t('dispute.buyer_amount')}
            </label>
            <input id="f-buyer" name="buyerDollars" inputmode="decimal" class="input" value={v.buyerDollars ?? ''} dir="ltr" />
            {props.state.errors.buyerCents ? (
              <p class="text-error text-sm">{c.t(props.state.errors.buyerCents, { max: o.totalCents })}</p>
            ) : null}
            <label class="block text-sm" for="f-reason">
              {c.t('dispute.reason')}
            </label>
            <textarea id="f-reason" name="reason" rows={3} class="textarea w-full">
              {v.reason ?? ''}
            </textarea>
            {props.state.errors.reason ? <p class="text-error text-sm">{c.t(props.state.errors.reason)}</p> : null}
            <button class="btn btn-primary" type="submit" data-testid="resolve">
              {c.t('dispute.resolve')}
            </button>
          </Form>
        ) : (
          <p class="card bg-base-100 p-4">{c.t(`order.status.${o.status}`)}</p>
        )}
      </div>
    </Layout>
  );
}
