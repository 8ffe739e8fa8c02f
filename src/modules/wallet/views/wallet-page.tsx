import { newToken } from '../../../platform/crypto.ts';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.ts';
import type { DescribedReference } from '../../../platform/ledger-references.ts';
import { Ref, Money as SiteMoney } from '../../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../../web/components/confirm.tsx';
import { Card, emailUnverified, Field, Form, FormAlert, PageTitle, VerifyEmailFirst } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { detailFields, type WalletSettings, type WithdrawalMethod } from '../rules.ts';
import type { Deposit, Withdrawal } from '../service.ts';
import { RetryDeposit } from './deposit-page.tsx';
import { StatementReference } from './statement-reference.tsx';
import { PayoutPromises, WithdrawalList } from './withdrawals.tsx';

export interface StatementRow {
  id: number;
  type: string;
  grossCents: number;
  feeCents: number;
  netCents: number;
  escrowCents: number;
  availableAt: string | null;
  createdAt: string;
  reference: string;
}

export const STATEMENT_TYPES = [
  'deposit',
  'withdrawal',
  'withdrawal_paid',
  'withdrawal_rejected',
  'escrow_hold',
  'escrow_release',
  'escrow_refund',
  'clearance',
  'freeze',
  'unfreeze',
  'freeze_deduction',
  'referral_reward',
  'referral_reversal',
  'tip',
];

/** An amount (the site's one <Money>), coloured by its sign when `signed` (a statement's movements). */
export function Money(props: { c: ViewCtx; cents: number; signed?: boolean }) {
  const tone = props.signed ? (props.cents > 0 ? 'text-success' : props.cents < 0 ? 'text-error' : undefined) : undefined;
  return <SiteMoney c={props.c} cents={props.cents} signed={props.signed} class={tone} />;
}

export function WalletPage(props: {
  c: ViewCtx;
  balances: { availableCents: number; pendingCents: number; escrowCents: number; withdrawingCents: number; frozenCents: number };
  pending: { id: number; amountCents: number; clearsAt: Date; held: Date | null }[];
  statement: { items: StatementRow[]; nextCursor: number | null };
  /** The statement's references in words (wallet.describeReferences). */
  references: ReadonlyMap<string, DescribedReference>;
  filter: { type?: string; from?: string; to?: string };
  deposits: Deposit[];
  withdrawals: Withdrawal[];
  settings: WalletSettings;
  /** The date a withdrawal asked for now is promised by, per method (null: no promise). */
  promises: Record<WithdrawalMethod, Date | null>;
  provider: 'sandbox' | 'stripe';
  frozen: { reason: string; releaseAfter: Date | null } | null;
  deposit: FormState;
  withdraw: FormState;
}) {
  const { c, balances: b, settings: s } = props;
  const cards: [string, number, string][] = [
    ['wallet.available', b.availableCents, 'wallet.available_hint'],
    ['wallet.pending', b.pendingCents, 'wallet.pending_hint'],
    ['wallet.escrow', b.escrowCents, 'wallet.escrow_hint'],
    ['wallet.withdrawing', b.withdrawingCents, 'wallet.withdrawing_hint'],
    ['wallet.frozen', b.frozenCents, 'wallet.frozen_hint'],
  ];
  const q = new URLSearchParams(Object.entries(props.filter).filter(([, v]) => v) as [string, string][]);
  const selectedWithdrawal = props.withdraw.values.method ?? s.withdrawalMethods[0];
  // An unconfirmed e-mail address moves no money: each form says so and its button is off.
  const locked = emailUnverified(c);
  return (
    <Layout c={c} title={c.t('wallet.title')} scripts={['wallet.js']}>
      <PageTitle>{c.t('wallet.title')}</PageTitle>
      {props.frozen ? (
        <div role="alert" class="alert alert-error mb-4" data-testid="frozen-notice">
          {c.t('wallet.frozen_notice', {
            reason: props.frozen.reason,
            date: props.frozen.releaseAfter ? formatDate(c.locale, props.frozen.releaseAfter) : '—',
          })}
        </div>
      ) : null}
      <ul class="grid gap-3 grid-cols-2 md:grid-cols-5 mb-4" data-testid="balances">
        {cards.map(([key, cents, hint]) => (
          <li key={key} class="card bg-base-100 shadow-sm">
            <div class="card-body p-3">
              <p class="text-sm opacity-80">{c.t(key)}</p>
              <p class="text-xl font-bold" data-testid={key}>
                <Money c={c} cents={cents} />
              </p>
              <p class="text-xs opacity-60">{c.t(hint)}</p>
            </div>
          </li>
        ))}
      </ul>
      {props.pending.length ? (
        <Card title={c.t('wallet.pending_list')} class="mb-4">
          <ul class="text-sm" data-testid="pending-list">
            {props.pending.map((p) => (
              <li key={p.id}>
                <Money c={c} cents={p.amountCents} /> —{' '}
                {p.held ? c.t('wallet.pending_held') : c.t('wallet.clears_on', { date: formatDate(c.locale, p.clearsAt) })}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div class="grid gap-4 md:grid-cols-2 mb-4">
        <Card title={c.t('wallet.deposit')}>
          <p class="text-sm opacity-80">{c.t('wallet.deposit_intro', { min: s.minDepositCents })}</p>
          <VerifyEmailFirst c={c} />
          <FormAlert c={c} state={props.deposit} />
          <Form c={c} action="/wallet/deposits" id="deposit-form">
            <input type="hidden" name="idempotencyKey" value={props.deposit.values.idempotencyKey ?? newToken()} />
            <Field c={c} state={props.deposit} name="amount" label={c.t('wallet.amount_usd')} dir="ltr" required />
            <fieldset class="fieldset">
              <legend class="fieldset-legend">{c.t('wallet.method')}</legend>
              <label class="label gap-2">
                <input
                  type="radio"
                  class="radio radio-sm"
                  name="method"
                  value={props.provider}
                  checked={(props.deposit.values.method ?? props.provider) === props.provider}
                />
                {c.t(`wallet.method.${props.provider}`)}
              </label>
              {s.manualDepositMethods.map((m) => (
                <label key={m} class="label gap-2">
                  <input type="radio" class="radio radio-sm" name="method" value={m} checked={props.deposit.values.method === m} />
                  {c.t(`wallet.method.${m}`)}
                </label>
              ))}
              {props.deposit.errors.method ? <p class="text-error text-sm">{c.t(props.deposit.errors.method)}</p> : null}
            </fieldset>
            <Field
              c={c}
              state={props.deposit}
              name="reference"
              label={c.t('wallet.transfer_reference')}
              hint={c.t('wallet.transfer_reference_hint')}
              dir="ltr"
            />
            <button type="submit" class="btn btn-primary" disabled={locked}>
              {c.t('wallet.deposit_submit')}
            </button>
          </Form>
        </Card>
        <Card title={c.t('wallet.withdraw')}>
          <p class="text-sm opacity-80">{c.t('wallet.withdraw_intro', { min: s.minWithdrawalCents })}</p>
          <VerifyEmailFirst c={c} />
          <FormAlert c={c} state={props.withdraw} />
          <Form c={c} action="/wallet/withdrawals" id="withdraw-form">
            <input type="hidden" name="idempotencyKey" value={props.withdraw.values.idempotencyKey ?? newToken()} />
            <Field c={c} state={props.withdraw} name="amount" id="f-wamount" label={c.t('wallet.amount_usd')} dir="ltr" required />
            <div class="fieldset">
              <label class="fieldset-legend" for="f-wmethod">
                {c.t('wallet.method')}
              </label>
              <select id="f-wmethod" name="method" class="select w-full">
                {s.withdrawalMethods.map((m) => (
                  <option key={m} value={m} selected={selectedWithdrawal === m}>
                    {c.t(`wallet.method.${m}`)}
                  </option>
                ))}
              </select>
              {props.withdraw.errors.method ? <p class="text-error text-sm">{c.t(props.withdraw.errors.method)}</p> : null}
              <PayoutPromises c={c} methods={s.withdrawalMethods} days={s.payoutDays} dates={props.promises} />
            </div>
            <p class="text-xs opacity-70">{c.t('wallet.details_hint')}</p>
            {[...new Set(s.withdrawalMethods.flatMap((m) => detailFields(m as WithdrawalMethod)))].map((f) => (
              <div key={f} data-for={s.withdrawalMethods.filter((m) => detailFields(m as WithdrawalMethod).includes(f)).join(' ')}>
                <Field c={c} state={props.withdraw} name={f} label={c.t(`wallet.detail.${f}`)} dir="ltr" />
              </div>
            ))}
            <ConfirmSubmit
              c={c}
              id="confirm-withdraw"
              label={c.t('wallet.withdraw_submit')}
              question={c.t('wallet.withdraw_confirm')}
              confirm={c.t('wallet.withdraw_yes')}
              class="btn btn-primary"
              tone="primary"
              testid="withdraw"
              disabled={locked}
            />
          </Form>
        </Card>
      </div>
      {props.deposits.length || props.withdrawals.length ? (
        <div class="grid gap-4 md:grid-cols-2 mb-4">
          <Card title={c.t('wallet.recent_deposits')}>
            <ul class="text-sm" data-testid="deposits">
              {props.deposits.map((d) => (
                <li key={d.id}>
                  <Ref id={d.id} /> · <Money c={c} cents={d.amountCents} /> · {c.t(`wallet.method.${d.method}`)} ·{' '}
                  {c.t(`wallet.status.${d.status}`)}
                  {d.reason && d.status === 'rejected' ? ` — ${d.reason}` : ''}
                  {d.status === 'failed' || d.status === 'expired' ? (
                    <RetryDeposit c={c} deposit={d} back={null} class="inline ms-2" />
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={c.t('wallet.recent_withdrawals')}>
            <WithdrawalList c={c} withdrawals={props.withdrawals} />
          </Card>
        </div>
      ) : null}
      <Card title={c.t('wallet.statement')}>
        <form method="get" action={c.href('/wallet')} class="flex flex-wrap items-end gap-2 mb-2">
          <label>
            <span class="text-sm block">{c.t('wallet.filter_type')}</span>
            <select name="type" class="select select-sm">
              <option value="">{c.t('wallet.all_types')}</option>
              {STATEMENT_TYPES.map((t) => (
                <option key={t} value={t} selected={props.filter.type === t}>
                  {c.t(`ledger.${t}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span class="text-sm block">{c.t('wallet.from')}</span>
            <input type="date" name="from" value={props.filter.from ?? ''} class="input input-sm" />
          </label>
          <label>
            <span class="text-sm block">{c.t('wallet.to')}</span>
            <input type="date" name="to" value={props.filter.to ?? ''} class="input input-sm" />
          </label>
          <button class="btn btn-sm" type="submit">
            {c.t('directory.submit')}
          </button>
          <a class="btn btn-sm btn-outline" href={c.href(`/wallet/statement.csv${q.size ? `?${q}` : ''}`)} download>
            {c.t('wallet.export_csv')}
          </a>
        </form>
        {props.statement.items.length === 0 ? (
          <p class="opacity-70">{c.t('wallet.no_movements')}</p>
        ) : (
          <div class="overflow-x-auto">
            <table class="table table-sm" data-testid="statement">
              <thead>
                <tr>
                  <th>{c.t('admin.when')}</th>
                  <th>{c.t('wallet.col_type')}</th>
                  <th>{c.t('wallet.col_gross')}</th>
                  <th>{c.t('wallet.col_fee')}</th>
                  <th>{c.t('wallet.col_net')}</th>
                  <th>{c.t('wallet.col_available')}</th>
                  <th>{c.t('wallet.col_reference')}</th>
                </tr>
              </thead>
              <tbody>
                {props.statement.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(c.locale, new Date(r.createdAt))}</td>
                    <td>{c.t(`ledger.${r.type}`)}</td>
                    <td>
                      <Money c={c} cents={r.grossCents} />
                    </td>
                    <td>{r.feeCents ? <Money c={c} cents={-r.feeCents} /> : '—'}</td>
                    <td>
                      <Money c={c} cents={r.netCents} signed />
                      {r.escrowCents ? (
                        <span class="block text-xs opacity-70">
                          {c.t('wallet.escrow')}: <Money c={c} cents={r.escrowCents} signed />
                        </span>
                      ) : null}
                    </td>
                    <td>{r.availableAt ? formatDate(c.locale, r.availableAt) : '—'}</td>
                    <td class="min-w-40" data-testid={`reference-${r.id}`}>
                      <StatementReference c={c} reference={r.reference} described={props.references.get(r.reference)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.statement.nextCursor ? (
          <a
            class="btn btn-sm mt-2"
            href={c.href(`/wallet?${new URLSearchParams({ ...Object.fromEntries(q), cursor: String(props.statement.nextCursor) })}`)}
          >
            {c.t('common.more')}
          </a>
        ) : null}
      </Card>
    </Layout>
  );
}
