import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import type { DescribedReference } from '../../../platform/ledger-references.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import { Ref } from '../../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../../web/components/confirm.tsx';
import { Card, Field, Form, FormAlert } from '../../../web/components.tsx';
import type { Deposit, Withdrawal } from '../service.ts';
import { StatementReference } from './statement-reference.tsx';
import { Money } from './wallet-page.tsx';
import { WithdrawalQueue } from './withdrawals.tsx';

export function FinanceQueuePage(props: {
  c: ViewCtx;
  withdrawals: Withdrawal[];
  deposits: Deposit[];
  state: FormState;
  manualMethods: readonly string[];
  /** The payout provider of each withdrawal method now (`manual`: by hand). */
  providers: Readonly<Record<string, string>>;
}) {
  const { c, state } = props;
  const target = state.values.target;
  const manual = props.deposits.filter((d) => props.manualMethods.includes(d.method));
  return (
    <AdminShell c={c} title={c.t('finance.queue')}>
      <FormAlert c={c} state={state} />
      <h2 class="text-lg font-bold mb-2">{c.t('finance.withdrawals')}</h2>
      {props.withdrawals.length === 0 ? <p class="opacity-70 mb-4">{c.t('finance.none')}</p> : null}
      <WithdrawalQueue c={c} withdrawals={props.withdrawals} state={state} providers={props.providers} />
      <h2 class="text-lg font-bold mb-2">{c.t('finance.manual_deposits')}</h2>
      {manual.length === 0 ? <p class="opacity-70">{c.t('finance.none')}</p> : null}
      <ul class="space-y-3" data-testid="deposit-queue">
        {manual.map((d) => {
          const s: FormState = target === `d${d.id}` ? state : { values: {}, errors: {}, formError: null, params: {} };
          return (
            <li key={d.id} class="card bg-base-100 shadow-sm">
              <div class="card-body p-4 gap-2">
                <p class="font-bold">
                  <Ref id={d.id} /> · <Money c={c} cents={d.amountCents} /> · {c.t(`wallet.method.${d.method}`)} ·{' '}
                  <a class="link" href={c.href(`/admin/finance/users/${d.userId}`)}>
                    {c.t('finance.user', { id: d.userId })}
                  </a>
                </p>
                <p class="text-sm">
                  {c.t('wallet.transfer_reference')}: <span dir="ltr">{d.providerRef}</span>
                </p>
                <div class="flex flex-wrap gap-2 items-end">
                  <Form c={c} action={`/admin/finance/deposits/${d.id}/confirm`} class="">
                    <input type="hidden" name="target" value={`d${d.id}`} />
                    <ConfirmSubmit
                      c={c}
                      id={`confirm-deposit-${d.id}`}
                      label={c.t('finance.confirm_deposit')}
                      question={c.t('finance.confirm.deposit', { id: d.id, amount: formatMoney(c.locale, d.amountCents) })}
                      confirm={c.t('finance.confirm_deposit')}
                      class="btn btn-sm btn-primary"
                      tone="primary"
                      testid={`confirm-d${d.id}`}
                    />
                  </Form>
                  <Form c={c} action={`/admin/finance/deposits/${d.id}/reject`} class="flex items-end gap-2">
                    <input type="hidden" name="target" value={`d${d.id}`} />
                    <Field c={c} state={s} name="reason" label={c.t('finance.reject_reason')} />
                    <ConfirmSubmit
                      c={c}
                      id={`confirm-reject-d${d.id}`}
                      label={c.t('finance.reject')}
                      question={c.t('finance.confirm.reject_deposit', { id: d.id })}
                      confirm={c.t('finance.reject')}
                      class="btn btn-sm btn-outline btn-error"
                      testid={`reject-d${d.id}`}
                    />
                  </Form>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </AdminShell>
  );
}

export function LedgerPage(props: {
  c: ViewCtx;
  check: {
    ok: boolean;
    transactions: number;
    entries: number;
    unbalancedTransactions: unknown[];
    negativeBalances: unknown[];
    mismatchedBalances: unknown[];
    transactionsWithoutEntries: unknown[];
  };
  revenue: {
    revenueCents: number;
    worldCents: number;
    referralRewardsCents: number;
    byMonth: { month: string; cents: number }[];
    byType: { type: string; cents: number }[];
  };
  recent: { deposits: Deposit[]; withdrawals: Withdrawal[] };
}) {
  const { c, check } = props;
  return (
    <AdminShell c={c} title={c.t('finance.ledger')}>
      <div class="grid gap-4 md:grid-cols-2">
        <Card title={c.t('finance.reconciliation')}>
          <p class={`alert ${check.ok ? 'alert-success' : 'alert-error'}`} data-testid="reconcile">
            {check.ok
              ? c.t('finance.reconcile_ok', { transactions: check.transactions, entries: check.entries })
              : c.t('finance.reconcile_bad')}
          </p>
          <ul class="text-sm">
            <li>
              {c.t('finance.unbalanced')}: {check.unbalancedTransactions.length}
            </li>
            <li>
              {c.t('finance.negative')}: {check.negativeBalances.length}
            </li>
            <li>
              {c.t('finance.mismatched')}: {check.mismatchedBalances.length}
            </li>
          </ul>
          {!check.ok ? (
            <pre dir="ltr" class="text-xs overflow-x-auto">
              {JSON.stringify(check, null, 1)}
            </pre>
          ) : null}
        </Card>
        <Card title={c.t('finance.revenue')}>
          <p class="text-2xl font-bold" data-testid="revenue">
            <Money c={c} cents={props.revenue.revenueCents} />
          </p>
          <p class="text-sm opacity-70">
            {c.t('finance.world')}: <Money c={c} cents={-props.revenue.worldCents} />
          </p>
          <ul class="text-sm mb-2" data-testid="revenue-by-type">
            {props.revenue.byType.map((r) => (
              <li key={r.type}>
                {c.t(`ledger.${r.type}`)}: <Money c={c} cents={r.cents} />
              </li>
            ))}
          </ul>
          <p class="text-sm opacity-70" data-testid="referral-rewards">
            {c.t('finance.referral_rewards')}: <Money c={c} cents={props.revenue.referralRewardsCents} />
          </p>
          <ul class="text-sm">
            {props.revenue.byMonth.map((m) => (
              <li key={m.month}>
                <span dir="ltr">{m.month}</span>: <Money c={c} cents={m.cents} />
              </li>
            ))}
          </ul>
        </Card>
        <Card title={c.t('finance.lookup')}>
          <form method="get" action={c.href('/admin/finance/lookup')} class="join w-full">
            <input
              name="q"
              class="input join-item w-full"
              dir="ltr"
              placeholder={c.t('finance.lookup_hint')}
              aria-label={c.t('finance.lookup')}
            />
            <button class="btn join-item" type="submit">
              {c.t('directory.submit')}
            </button>
          </form>
        </Card>
        <Card title={c.t('finance.recent')}>
          <ul class="text-sm">
            {props.recent.deposits.slice(0, 10).map((d) => (
              <li key={`d${d.id}`}>
                {c.t('ledger.deposit')} <Ref id={d.id} /> · <Money c={c} cents={d.amountCents} /> · {c.t(`wallet.status.${d.status}`)}
              </li>
            ))}
            {props.recent.withdrawals.slice(0, 10).map((w) => (
              <li key={`w${w.id}`}>
                {c.t('ledger.withdrawal')} <Ref id={w.id} /> · <Money c={c} cents={w.amountCents} /> · {c.t(`wallet.status.${w.status}`)}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </AdminShell>
  );
}

export function TransactionPage(props: {
  c: ViewCtx;
  t: {
    id: number;
    type: string;
    reference: string;
    createdAt: Date;
    actorId: number | null;
    meta: object;
    entries: { accountId: number; ownerId: number | null; kind: string; amountCents: number }[];
  };
  /** The reference in words (wallet.describeReferences). */
  references: ReadonlyMap<string, DescribedReference>;
}) {
  const { c, t } = props;
  return (
    <AdminShell c={c} title={`${c.t('finance.transaction')} #${t.id}`}>
      <Card>
        <p>
          {c.t(`ledger.${t.type}`)} ·{' '}
          <StatementReference c={c} reference={t.reference} described={props.references.get(t.reference)} staff /> ·{' '}
          {formatDateTime(c.locale, t.createdAt)}
        </p>
        <table class="table table-sm" data-testid="entries">
          <thead>
            <tr>
              <th>{c.t('finance.account')}</th>
              <th>{c.t('finance.owner')}</th>
              <th>{c.t('finance.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {t.entries.map((e) => (
              <tr key={e.accountId}>
                <td>
                  <Ref id={e.accountId} /> {c.t(`wallet.${e.kind}`)}
                </td>
                <td>
                  {e.ownerId ? (
                    <a class="link" href={c.href(`/admin/finance/users/${e.ownerId}`)}>
                      {c.t('finance.user', { id: e.ownerId })}
                    </a>
                  ) : (
                    c.t('finance.platform')
                  )}
                </td>
                <td>
                  <Money c={c} cents={e.amountCents} signed />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </AdminShell>
  );
}

export function UserLedgerPage(props: {
  c: ViewCtx;
  userId: number;
  balances: Record<string, number>;
  items: { id: number; type: string; netCents: number; escrowCents: number; createdAt: string; reference: string }[];
  freeze: { reason: string; releaseAfter: Date | null; createdAt: Date } | null;
  /** The statement's references in words (wallet.describeReferences). */
  references: ReadonlyMap<string, DescribedReference>;
  state: FormState;
}) {
  const { c, state } = props;
  const frozen = props.balances.frozenCents ?? 0;
  return (
    <AdminShell c={c} title={c.t('finance.user', { id: props.userId })}>
      {props.freeze || frozen > 0 ? (
        <Card title={c.t('finance.frozen_title')} class="mb-4">
          <div data-testid="frozen-card" class="space-y-2">
            <p>
              {c.t('finance.frozen_amount')}: <Money c={c} cents={frozen} />
              {props.freeze ? (
                <>
                  {' '}
                  · {c.t('finance.frozen_since', { date: formatDateTime(c.locale, props.freeze.createdAt) })} ·{' '}
                  {props.freeze.releaseAfter
                    ? c.t('finance.frozen_release_after', { date: formatDateTime(c.locale, props.freeze.releaseAfter) })
                    : null}
                </>
              ) : null}
            </p>
            {props.freeze ? (
              <p class="text-sm" dir="auto">
                {props.freeze.reason}
              </p>
            ) : null}
            <FormAlert c={c} state={state} />
            <Form c={c} action={`/admin/finance/users/${props.userId}/deduct-frozen`} class="grid gap-2 sm:grid-cols-3 items-end">
              <Field c={c} state={state} name="toUserId" type="number" label={c.t('finance.deduct_to')} dir="ltr" />
              <Field c={c} state={state} name="amount" type="number" label={c.t('finance.deduct_amount')} dir="ltr" />
              <Field c={c} state={state} name="reason" label={c.t('finance.deduct_reason')} dir="auto" />
              <div class="sm:col-span-3 justify-self-start">
                <ConfirmSubmit
                  c={c}
                  id="confirm-deduct-frozen"
                  label={c.t('finance.deduct')}
                  question={c.t('finance.confirm.deduct')}
                  confirm={c.t('finance.deduct')}
                  class="btn btn-sm btn-warning"
                  testid="deduct-frozen"
                />
              </div>
            </Form>
            {props.freeze ? (
              <Form c={c} action={`/admin/finance/users/${props.userId}/release-frozen`}>
                <ConfirmSubmit
                  c={c}
                  id="confirm-release-frozen"
                  label={c.t('finance.release_frozen')}
                  question={c.t('finance.confirm.release')}
                  confirm={c.t('finance.release_frozen')}
                  class="btn btn-sm"
                  tone="primary"
                  testid="release-frozen"
                />
              </Form>
            ) : null}
          </div>
        </Card>
      ) : null}
      <Card>
        <ul class="flex flex-wrap gap-4 text-sm">
          {Object.entries(props.balances).map(([k, v]) => (
            <li key={k}>
              {c.t(`wallet.${k.replace('Cents', '')}`)}: <Money c={c} cents={v} />
            </li>
          ))}
        </ul>
        <a class="link" href={c.href(`/admin/users/${props.userId}`)}>
          {c.t('admin.account')}
        </a>
        <table class="table table-sm" data-testid="user-ledger">
          <tbody>
            {props.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <a class="link" href={c.href(`/admin/finance/tx/${r.id}`)}>
                    <Ref id={r.id} />
                  </a>
                </td>
                <td>{formatDateTime(c.locale, new Date(r.createdAt))}</td>
                <td>{c.t(`ledger.${r.type}`)}</td>
                <td>
                  <Money c={c} cents={r.netCents} signed />
                </td>
                <td>
                  <StatementReference c={c} reference={r.reference} described={props.references.get(r.reference)} staff />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </AdminShell>
  );
}
