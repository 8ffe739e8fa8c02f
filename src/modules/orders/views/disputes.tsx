import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import { Ref } from '../../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../../web/components/confirm.tsx';
import { Form, FormAlert } from '../../../web/components.tsx';
import { MessageItem, type MessageView } from '../../messaging/index.ts';
import type { DisputeRow, OrderEventRow, OrderRow } from '../service.ts';

const money = (c: ViewCtx, cents: number) => formatMoney(c.locale, cents);

/** Staff: the open disputes, oldest first. */
export function DisputesPage(props: { c: ViewCtx; items: { dispute: DisputeRow; order: OrderRow }[] }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('dispute.queue')}>
      {props.items.length === 0 ? (
        <p class="card bg-base-100 p-6">{c.t('dispute.none')}</p>
      ) : (
        <ul class="menu bg-base-100 rounded-box w-full p-0 divide-y divide-base-200" data-testid="disputes">
          {props.items.map(({ dispute, order }) => (
            <li key={dispute.id}>
              <a href={c.href(`/admin/disputes/${order.id}`)} class="flex flex-wrap gap-2 py-3">
                <Ref id={order.id} />
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
    </AdminShell>
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
    <AdminShell c={c} title={c.t('dispute.title', { id: o.id })}>
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
            <ConfirmSubmit
              c={c}
              id="confirm-resolve"
              label={c.t('dispute.resolve')}
              question={c.t('dispute.resolve_confirm', { amount: formatMoney(c.locale, o.totalCents) })}
              confirm={c.t('dispute.resolve')}
              class="btn btn-primary"
              tone="primary"
              testid="resolve"
            />
          </Form>
        ) : (
          <p class="card bg-base-100 p-4">{c.t(`order.status.${o.status}`)}</p>
        )}
      </div>
    </AdminShell>
  );
}
