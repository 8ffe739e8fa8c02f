import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime, formatMoney, formatNumber, plural } from '../../../platform/i18n/index.ts';
import { commissionSplit } from '../../../platform/money.ts';
import { ReviewScores } from '../../../web/components/review-scores.tsx';
import { Form, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { MessageItem, type MessageView } from '../../messaging/index.ts';
import { isReviewable, type ORDER_STATES, type Role, transition } from '../rules.ts';
import type { DisputeRow, OrderEventRow, OrderRow, ReviewRow } from '../service.ts';
import { ACTION_ORDER, ActionForm, mainAction } from './order-forms.tsx';
import { ReviewForm } from './review-form.tsx';
import { StatusBadge } from './status-badge.tsx';
import { orderSteps, StatusSteps } from './status-steps.tsx';
import { TipBox } from './tip-box.tsx';

const money = (c: ViewCtx, cents: number) => formatMoney(c.locale, cents);

/** The order page: its state and deadline, the viewer's actions, reviews, the conversation, the summary and history. */
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
  tip: { amountCents: number } | null;
  availableCents: number | null;
}) {
  const { c, order: o, role } = props;
  const facts = {
    status: o.status as (typeof ORDER_STATES)[number],
    late: props.late,
    cancelRequestedBy: (o.cancelRequestedBy as 'buyer' | 'seller' | null) ?? null,
    extensionRequestedBy: (o.extensionRequestedBy as 'buyer' | 'seller' | null) ?? null,
  };
  const actions = role === 'buyer' || role === 'seller' ? ACTION_ORDER.filter((a) => 'to' in transition(facts, a, role)) : [];
  const main = mainAction(actions);
  /** A hired project's order: the project's brief and the agreed amount, not a service's instructions and price. */
  const project = o.kind === 'project';
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
      <section class="card bg-base-100 px-2 py-3 mb-4">
        <StatusSteps c={c} steps={orderSteps(o, props.events)} />
      </section>
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
            <p class="text-sm">
              {c.t(project ? 'order.parties_project' : 'order.parties', { buyer: props.names.buyer, seller: props.names.seller })}
            </p>
            {deadline && ['pending', 'in_progress', 'delivered'].includes(o.status) ? (
              <p class={`font-bold ${props.late ? 'text-error' : ''}`} data-testid="deadline">
                {c.t(`order.deadline.${o.status}`, { when: formatDateTime(c.locale, deadline) })}{' '}
                <span data-countdown={deadline.toISOString()} data-late-label={c.t('order.late')} class="badge badge-outline">
                  {countdown(c, deadline, props.now)}
                </span>
              </p>
            ) : null}
            {o.revisions !== null ? (
              <p class="text-sm" data-testid="revisions-left">
                {c.t('order.revisions_left', {
                  left: Math.max(0, o.revisions - props.events.filter((e) => e.kind === 'changes_requested').length),
                  max: o.revisions,
                })}
              </p>
            ) : null}
            {o.extensionRequestedBy && o.status === 'in_progress' ? (
              <div role="status" class="alert alert-info" data-testid="extension-request">
                {c.t('order.extension_requested_by', {
                  who: o.extensionRequestedBy === 'buyer' ? props.names.buyer : props.names.seller,
                  days: o.extensionDays ?? 0,
                  reason: o.extensionReason ?? '',
                })}
              </div>
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
                <h3 class="font-bold text-sm" data-testid="instructions-title">
                  {c.t(project ? 'order.project_brief' : 'order.instructions')}
                </h3>
                <p class="whitespace-pre-line text-sm" dir="auto">
                  {o.instructions}
                </p>
              </div>
            ) : null}
          </section>
          {actions.length ? (
            <section class="card bg-base-100 p-4 space-y-2" data-testid="actions">
              <h2 class="font-bold">{c.t('order.your_actions')}</h2>
              {main ? (
                <ActionForm c={c} orderId={o.id} action={main} state={props.state} failed={props.failedAction === main} main />
              ) : null}
              {actions
                .filter((a) => a !== main)
                .map((a) => (
                  <ActionForm key={a} c={c} orderId={o.id} action={a} state={props.state} failed={props.failedAction === a} />
                ))}
            </section>
          ) : null}
          {o.status === 'completed' && (role === 'buyer' || role === 'seller') ? (
            <TipBox
              c={c}
              orderId={o.id}
              role={role}
              tip={props.tip}
              availableCents={props.availableCents}
              state={props.state}
              failed={props.failedAction === 'tip'}
            />
          ) : null}
          {isReviewable(o) && (role === 'buyer' || role === 'seller') ? (
            <section class="card bg-base-100 p-4" data-testid="review-box">
              {mine ? (
                <p>{mine.publishedAt ? c.t('review.published') : c.t('review.waiting')}</p>
              ) : (
                <ReviewForm c={c} orderId={o.id} role={role} state={props.state} failed={props.failedAction === 'review'} other={other} />
              )}
              {aboutMe ? (
                <div class="mt-4 border-t border-base-200 pt-3" data-testid="review-about-me">
                  <h3 class="font-bold">{c.t('review.about_you', { name: other })}</h3>
                  <ReviewScores c={c} review={aboutMe} />
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
              <div class="flex justify-between gap-2">
                <dt>{c.t(project ? 'order.agreed_amount' : 'order.unit_price')}</dt>
                <dd data-testid="order-price">{money(c, o.unitPriceCents)}</dd>
              </div>
              {o.addons.map((a) => (
                <div key={a.id} class="flex justify-between gap-2">
                  <dt dir="auto">+ {a.title}</dt>
                  <dd>{money(c, a.priceCents)}</dd>
                </div>
              ))}
              {project ? null : (
                <div class="flex justify-between">
                  <dt>{c.t('order.quantity')}</dt>
                  <dd>× {formatNumber(c.locale, o.quantity)}</dd>
                </div>
              )}
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
                  <dt>{c.t('order.you_receive', { percent: formatNumber(c.locale, o.commissionBp / 100) })}</dt>
                  <dd data-testid="seller-net">{money(c, commissionSplit(o.totalCents, o.commissionBp).netCents)}</dd>
                </div>
              ) : null}
            </dl>
          </section>
          <section class="card bg-base-100 p-4">
            <h2 class="font-bold mb-2">{c.t('order.timeline')}</h2>
            <ol
              class="text-sm border-s-2 border-base-300 ps-3"
              data-testid="timeline"
              data-last-event={props.events.length ? props.events[props.events.length - 1].id : 0}
            >
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
  const [days, rest] = [Math.floor(hours / 24), hours % 24];
  if (days === 0) return hours === 0 ? c.t('order.left_under_hour') : c.t('order.left_hours', { hours });
  return c.t(rest === 0 ? 'order.left_days' : 'order.left', { days, hours: rest });
}
