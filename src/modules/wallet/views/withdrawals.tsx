import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate, formatDateTime, formatMoney, isolateAuto, isolateLtr } from '../../../platform/i18n/index.ts';
import { Money, Ref } from '../../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../../web/components/confirm.tsx';
import { Field, Form } from '../../../web/components.tsx';
import { mayRejectWithdrawal, OPEN_WITHDRAWAL_STATES, type WithdrawalMethod } from '../rules.ts';
import type { Withdrawal } from '../service.ts';

const open = (w: Withdrawal) => (OPEN_WITHDRAWAL_STATES as readonly string[]).includes(w.status);
/** Late: still not sent past its promise, as the worker flagged it. */
const late = (w: Withdrawal) => open(w) && w.lateAt !== null;

/** A payout reference or a provider's id: a code typed in Latin letters, laid out left to right on its own. */
function Code(props: { text: string; testId?: string }) {
  return (
    <bdi dir="ltr" class="font-mono break-all" data-testid={props.testId}>
      {props.text}
    </bdi>
  );
}

/** The user's withdrawals on /wallet, each with its timeline: requested, accepted, sent (reference) or rejected, promised. */
export function WithdrawalList(props: { c: ViewCtx; withdrawals: Withdrawal[] }) {
  const { c } = props;
  return (
    <ul class="text-sm divide-y divide-base-200" data-testid="withdrawals">
      {props.withdrawals.map((w) => (
        <li key={w.id} class="py-2" data-testid={`withdrawal-${w.id}`}>
          <p class="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Ref id={w.id} /> · <Money c={c} cents={w.amountCents} /> · {c.t(`wallet.method.${w.method}`)}
            <span class={`badge badge-sm ${w.status === 'paid' ? 'badge-success' : w.status === 'rejected' ? 'badge-error' : ''}`}>
              {c.t(`wallet.status.${w.status}`)}
            </span>
            {late(w) ? (
              <span class="badge badge-sm badge-warning" data-testid={`late-${w.id}`}>
                {c.t('wallet.late')}
              </span>
            ) : null}
          </p>
          <ol class="mt-1 ms-3 space-y-0.5 text-xs opacity-80 list-disc ps-3" data-testid={`timeline-${w.id}`}>
            <li>
              {c.t('wallet.tl.requested')}: {formatDateTime(c.locale, w.createdAt)}
            </li>
            {w.approvedAt ? (
              <li>
                {c.t('wallet.tl.approved')}: {formatDateTime(c.locale, w.approvedAt)}
              </li>
            ) : null}
            {w.status === 'paid' && w.decidedAt ? (
              <li>
                {c.t('wallet.tl.sent')}: {formatDateTime(c.locale, w.decidedAt)} · {c.t('wallet.tl.reference')}:{' '}
                <Code text={w.reference ?? ''} testId={`reference-w${w.id}`} />
              </li>
            ) : null}
            {w.status === 'rejected' && w.decidedAt ? (
              <li>
                {c.t('wallet.tl.rejected')}: {formatDateTime(c.locale, w.decidedAt)}
                {w.reason ? (
                  <>
                    {' — '}
                    <bdi dir="auto">{w.reason}</bdi>
                  </>
                ) : null}
              </li>
            ) : null}
            {w.promisedBy ? (
              <li class={late(w) ? 'text-error font-bold opacity-100' : undefined}>
                {c.t('wallet.tl.promised', { date: formatDate(c.locale, w.promisedBy) })}
              </li>
            ) : null}
          </ol>
          {late(w) ? <p class="text-xs text-error mt-1">{c.t('wallet.late_note')}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the withdraw form promises for each method (shown for the chosen one by wallet.js through `data-for`, all of
 * them without the script): within N business days, i.e. by a date.
 */
export function PayoutPromises(props: {
  c: ViewCtx;
  methods: readonly string[];
  days: Record<WithdrawalMethod, number>;
  dates: Record<WithdrawalMethod, Date | null>;
}) {
  const { c } = props;
  return (
    <>
      {props.methods.map((m) => {
        const method = m as WithdrawalMethod;
        const date = props.dates[method];
        const name = c.t(`wallet.method.${m}`);
        return (
          <p key={m} class="text-xs opacity-80" data-for={m} data-testid={`promise-${m}`}>
            {date
              ? c.t('wallet.promise', { method: name, days: props.days[method], date: formatDate(c.locale, date) })
              : c.t('wallet.no_promise', { method: name })}
          </p>
        );
      })}
    </>
  );
}

/**
 * Finance's withdrawals: the late first (badge), each with what comes next: process (accept and send, by hand or
 * through the method's provider) while requested, mark paid with the reference, reject while no provider is sending it.
 */
export function WithdrawalQueue(props: {
  c: ViewCtx;
  withdrawals: Withdrawal[];
  state: FormState;
  /** The payout provider of each method now (`manual`: by hand). */
  providers: Readonly<Record<string, string>>;
}) {
  const { c, state } = props;
  const target = state.values.target;
  return (
    <ul class="space-y-3 mb-6" data-testid="withdrawal-queue">
      {props.withdrawals.map((w) => {
        const s: FormState = target === `w${w.id}` ? state : { values: {}, errors: {}, formError: null, params: {} };
        const provider = w.status === 'requested' ? (props.providers[w.method] ?? 'manual') : (w.provider ?? 'manual');
        const amount = formatMoney(c.locale, w.amountCents);
        return (
          <li key={w.id} class={`card bg-base-100 shadow-sm ${late(w) ? 'border-s-4 border-warning' : ''}`} data-testid={`queue-w${w.id}`}>
            <div class="card-body p-4 gap-2">
              <p class="font-bold flex flex-wrap items-center gap-x-2 gap-y-1">
                {late(w) ? (
                  <span class="badge badge-warning" data-testid={`late-w${w.id}`}>
                    {c.t('finance.late')}
                  </span>
                ) : null}
                <Ref id={w.id} /> · <Money c={c} cents={w.amountCents} /> · {c.t(`wallet.method.${w.method}`)} ·{' '}
                <a class="link" href={c.href(`/admin/finance/users/${w.userId}`)}>
                  {c.t('finance.user', { id: w.userId })}
                </a>
                <span class="badge badge-sm">{c.t(`wallet.status.${w.status}`)}</span>
              </p>
              <p class="text-sm break-all" dir="ltr">
                {Object.entries(w.details)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </p>
              <p class="text-xs opacity-70 flex flex-wrap gap-x-3">
                <span>{c.t('finance.requested_at', { date: formatDateTime(c.locale, w.createdAt) })}</span>
                {w.approvedAt ? <span>{c.t('finance.approved_at', { date: formatDateTime(c.locale, w.approvedAt) })}</span> : null}
                <span class={late(w) ? 'text-error font-bold' : undefined}>
                  {w.promisedBy ? c.t('finance.promised_by', { date: formatDate(c.locale, w.promisedBy) }) : c.t('finance.no_promise')}
                </span>
              </p>
              {w.status === 'approved' ? <ProviderState c={c} w={w} /> : null}
              <div class="grid gap-2 md:grid-cols-3 items-end">
                {w.status === 'requested' ? (
                  <Form c={c} action={`/admin/finance/withdrawals/${w.id}/process`}>
                    <input type="hidden" name="target" value={`w${w.id}`} />
                    <ConfirmSubmit
                      c={c}
                      id={`confirm-process-${w.id}`}
                      label={provider === 'manual' ? c.t('finance.process') : c.t('finance.process_via', { provider })}
                      question={
                        provider === 'manual'
                          ? c.t('finance.confirm.process', { id: w.id, amount })
                          : c.t('finance.confirm.process_via', { id: w.id, amount, provider })
                      }
                      confirm={provider === 'manual' ? c.t('finance.process') : c.t('finance.process_via', { provider })}
                      class="btn btn-sm"
                      tone="primary"
                      testid={`process-${w.id}`}
                    />
                  </Form>
                ) : null}
                <Form c={c} action={`/admin/finance/withdrawals/${w.id}/approve`} class="space-y-1">
                  <input type="hidden" name="target" value={`w${w.id}`} />
                  <Field c={c} state={s} name="reference" label={c.t('finance.payout_reference')} dir="ltr" />
                  <ConfirmSubmit
                    c={c}
                    id={`confirm-paid-${w.id}`}
                    label={c.t('finance.mark_paid')}
                    question={c.t('finance.confirm.paid', { id: w.id, amount })}
                    confirm={c.t('finance.mark_paid')}
                    class="btn btn-sm btn-primary"
                    tone="primary"
                    testid={`paid-${w.id}`}
                  />
                </Form>
                {mayRejectWithdrawal(w) ? (
                  <Form c={c} action={`/admin/finance/withdrawals/${w.id}/reject`} class="space-y-1">
                    <input type="hidden" name="target" value={`w${w.id}`} />
                    <Field c={c} state={s} name="reason" label={c.t('finance.reject_reason')} />
                    <ConfirmSubmit
                      c={c}
                      id={`confirm-reject-w${w.id}`}
                      label={c.t('finance.reject')}
                      question={c.t('finance.confirm.reject_withdrawal', { id: w.id })}
                      confirm={c.t('finance.reject')}
                      class="btn btn-sm btn-outline btn-error"
                      testid={`reject-w${w.id}`}
                    />
                  </Form>
                ) : null}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Where an approved withdrawal is: sent by hand, being sent by a provider, accepted by it, or failed there. */
function ProviderState(props: { c: ViewCtx; w: Withdrawal }) {
  const { c, w } = props;
  const provider = w.provider ?? 'manual';
  const text =
    provider === 'manual'
      ? c.t('finance.by_hand')
      : w.providerError
        ? c.t('finance.provider_error', { provider, error: isolateAuto(w.providerError) })
        : w.providerRef
          ? c.t('finance.provider_pending', { provider, ref: isolateLtr(w.providerRef) })
          : c.t('finance.provider_sending', { provider });
  return (
    <p class={`text-sm ${w.providerError ? 'text-error' : ''}`} data-testid={`provider-w${w.id}`} dir="auto">
      {text}
    </p>
  );
}
