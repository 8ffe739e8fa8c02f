import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import { Card, Field, Form, FormAlert } from '../../../web/components.tsx';
import { MANUAL_METHODS, type WalletSettings, WITHDRAWAL_METHODS } from '../rules.ts';

const dollars = (cents: number) => (cents / 100).toFixed(2).replace(/\.00$/, '');

/** The admin's settings page for the wallet's numbers and method lists (RULES.md "Money"). */
export function WalletSettingsPage(props: { c: ViewCtx; settings: WalletSettings; state: FormState }) {
  const { c, settings: s, state } = props;
  const chosen = (name: string, list: readonly string[]) => (state.values[name] !== undefined ? state.values[name].split(',') : list);
  const wm = chosen('withdrawalMethods', s.withdrawalMethods);
  const dm = chosen('manualDepositMethods', s.manualDepositMethods);
  return (
    <AdminShell c={c} title={c.t('settings.title')}>
      <Card>
        <p class="text-sm">{c.t('settings.intro')}</p>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/admin/settings">
          <div class="grid gap-2 md:grid-cols-3">
            <Field c={c} state={state} name="minDeposit" label={c.t('settings.min_deposit')} value={dollars(s.minDepositCents)} dir="ltr" />
            <Field c={c} state={state} name="maxDeposit" label={c.t('settings.max_deposit')} value={dollars(s.maxDepositCents)} dir="ltr" />
            <Field
              c={c}
              state={state}
              name="minWithdrawal"
              label={c.t('settings.min_withdrawal')}
              value={dollars(s.minWithdrawalCents)}
              dir="ltr"
            />
            <Field
              c={c}
              state={state}
              name="commissionPercent"
              label={c.t('settings.commission')}
              value={String(s.commissionBp / 100)}
              dir="ltr"
            />
            <Field
              c={c}
              state={state}
              name="freezeReleaseBusinessDays"
              label={c.t('settings.freeze_days')}
              value={String(s.freezeReleaseBusinessDays)}
              dir="ltr"
            />
          </div>
          <fieldset class="fieldset" data-testid="payout-days">
            <legend class="fieldset-legend">{c.t('settings.payout_days')}</legend>
            <p class="text-xs opacity-70">{c.t('settings.payout_days_hint')}</p>
            <div class="grid gap-2 grid-cols-2 md:grid-cols-3">
              {WITHDRAWAL_METHODS.map((m) => (
                <Field
                  key={m}
                  c={c}
                  state={state}
                  name={`payoutDays_${m}`}
                  label={c.t(`wallet.method.${m}`)}
                  value={String(s.payoutDays[m])}
                  dir="ltr"
                />
              ))}
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend class="fieldset-legend">{c.t('settings.withdrawal_methods')}</legend>
            {WITHDRAWAL_METHODS.map((m) => (
              <label key={m} class="label gap-2">
                <input type="checkbox" class="checkbox checkbox-sm" name="withdrawalMethods" value={m} checked={wm.includes(m)} />
                {c.t(`wallet.method.${m}`)}
              </label>
            ))}
            {state.errors.withdrawalMethods ? <p class="text-error text-sm">{c.t(state.errors.withdrawalMethods)}</p> : null}
          </fieldset>
          <fieldset class="fieldset">
            <legend class="fieldset-legend">{c.t('settings.manual_methods')}</legend>
            {MANUAL_METHODS.map((m) => (
              <label key={m} class="label gap-2">
                <input type="checkbox" class="checkbox checkbox-sm" name="manualDepositMethods" value={m} checked={dm.includes(m)} />
                {c.t(`wallet.method.${m}`)}
              </label>
            ))}
          </fieldset>
          <input type="hidden" name="withdrawalMethods" value="" />
          <input type="hidden" name="manualDepositMethods" value="" />
          <button type="submit" class="btn btn-primary">
            {c.t('common.save')}
          </button>
        </Form>
      </Card>
    </AdminShell>
  );
}
