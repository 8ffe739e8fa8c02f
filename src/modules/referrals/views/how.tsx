import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ReferralSettings } from '../rules.ts';

/** `/referrals/how` (public, linked from the footer): the programme as the settings in force make it. */
export function ReferralsHowPage(props: { c: ViewCtx; s: ReferralSettings }) {
  const { c, s } = props;
  const percent = formatNumber(c.locale, s.rewardBp / 100);
  return (
    <Layout c={c} title={c.t('referrals.title')} narrow description={c.t('referrals.how.description', { percent })}>
      <PageTitle>{c.t('referrals.title')}</PageTitle>
      <ul class="list-disc ps-6 space-y-2 mb-4" data-testid="referrals-rules">
        <li>{c.t('referrals.how.link')}</li>
        <li>{c.t('referrals.how.reward', { percent, days: s.windowDays })}</li>
        <li>{c.t('referrals.how.cap', { cap: s.capCents })}</li>
        <li>{c.t('referrals.how.paid')}</li>
        <li>{c.t('referrals.how.cookie', { days: s.cookieDays })}</li>
        <li>{c.t('referrals.how.fair')}</li>
      </ul>
      <a class="btn btn-primary" href={c.href(c.user ? '/referrals' : '/signup')} data-testid="referrals-how-cta">
        {c.t(c.user ? 'referrals.how.mine' : 'referrals.how.join')}
      </a>
    </Layout>
  );
}
