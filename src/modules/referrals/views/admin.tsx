import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import { Money } from '../../../web/components/bidi.tsx';
import { Field, Form, FormAlert } from '../../../web/components.tsx';
import type { ReferralSettings } from '../rules.ts';

const SETTING_FIELDS = ['rewardBp', 'capCents', 'windowDays', 'cookieDays'] as const;

/** `/admin/referrals`: the programme's totals (finance) and its numbers (admin). */
export function ReferralsAdminPage(props: {
  c: ViewCtx;
  state: FormState;
  totals: { referrals: number; flagged: number; paidCents: number; reversedCents: number };
  settings: ReferralSettings;
  mayEditSettings: boolean;
}) {
  const { c, totals, state } = props;
  return (
    <AdminShell c={c} title={c.t('referrals.admin.title')}>
      <section class="card bg-base-100 shadow-sm mb-4" data-testid="referrals-totals">
        <div class="card-body p-4">
          <dl class="grid grid-cols-2 gap-2 text-sm">
            <dt>{c.t('referrals.admin.referrals')}</dt>
            <dd>{formatNumber(c.locale, totals.referrals)}</dd>
            <dt>{c.t('referrals.admin.flagged')}</dt>
            <dd>{formatNumber(c.locale, totals.flagged)}</dd>
            <dt>{c.t('referrals.admin.paid')}</dt>
            <dd>
              <Money c={c} cents={totals.paidCents} />
            </dd>
            <dt>{c.t('referrals.admin.reversed')}</dt>
            <dd>
              <Money c={c} cents={totals.reversedCents} />
            </dd>
          </dl>
        </div>
      </section>
      {props.mayEditSettings ? (
        <section class="card bg-base-100 shadow-sm">
          <div class="card-body p-4">
            <h2 class="card-title">{c.t('referrals.admin.settings')}</h2>
            <Form c={c} action="/admin/referrals/settings">
              <FormAlert c={c} state={state} />
              {SETTING_FIELDS.map((k) => (
                <Field
                  key={k}
                  c={c}
                  state={state}
                  name={k}
                  label={c.t(`referrals.admin.${k}`)}
                  dir="ltr"
                  value={state.values[k] ?? String(props.settings[k])}
                />
              ))}
              <button type="submit" class="btn" data-testid="referrals-settings-submit">
                {c.t('referrals.admin.save')}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
    </AdminShell>
  );
}
