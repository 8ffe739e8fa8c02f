import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate, formatNumber, isolateAuto } from '../../../platform/i18n/index.ts';
import { Money } from '../../../web/components/bidi.tsx';
import { Card, EmptyCard, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { ReferralSettings } from '../rules.ts';
import type { ReferredView, RewardView } from '../service.ts';

export interface ReferralsPageProps {
  c: ViewCtx;
  /** The full address of the person's referral link. */
  link: string;
  settings: ReferralSettings;
  referred: ReferredView[];
  rewards: RewardView[];
}

/** The programme's numbers in force, in one sentence (read from the settings, never written here). */
function HowItWorks(props: { c: ViewCtx; s: ReferralSettings }) {
  const { c, s } = props;
  return (
    <p class="text-sm opacity-80" data-testid="referrals-how">
      {c.t('referrals.how', {
        percent: formatNumber(c.locale, s.rewardBp / 100),
        cap: s.capCents,
        days: s.windowDays,
      })}
    </p>
  );
}

function Stat(props: { title: string; children: preact.ComponentChildren; testId: string }) {
  return (
    <div class="stat px-3 py-2">
      <div class="stat-title text-xs whitespace-normal">{props.title}</div>
      <div class="stat-value text-lg" data-testid={props.testId}>
        {props.children}
      </div>
    </div>
  );
}

/** A reward's state: pending until its date, available, or a reward taken back. */
function RewardState(props: { c: ViewCtx; r: RewardView }) {
  const { c, r } = props;
  if (r.kind === 'reversal') return <span class="badge badge-error badge-sm">{c.t('referrals.state.reversed')}</span>;
  if (r.rewardCents === 0) return <span class="badge badge-ghost badge-sm">{c.t('referrals.state.none')}</span>;
  if (r.pendingCents > 0 && r.clearsAt)
    return (
      <span class="badge badge-warning badge-sm whitespace-normal h-auto" data-testid="reward-pending">
        {c.t('referrals.state.pending', { date: formatDate(c.locale, r.clearsAt) })}
      </span>
    );
  return <span class="badge badge-success badge-sm">{c.t('referrals.state.available')}</span>;
}

/** `/referrals`: the person's link, the people it brought (display names only), their purchases and the rewards. */
export function ReferralsPage(props: ReferralsPageProps) {
  const { c, settings: s, referred, rewards } = props;
  const earned = referred.reduce((a, r) => a + r.rewardCents, 0);
  const pending = rewards.reduce((a, r) => a + r.pendingCents, 0);
  const capLeft = referred.reduce((a, r) => a + r.capLeftCents, 0);
  return (
    <Layout c={c} title={c.t('referrals.title')} narrow scripts={['copy.js']}>
      <PageTitle>{c.t('referrals.title')}</PageTitle>
      <HowItWorks c={c} s={s} />
      <Card title={c.t('referrals.your_link')} class="mt-3">
        <div class="join w-full">
          <input
            id="referral-link"
            class="input join-item w-full min-w-0"
            dir="ltr"
            readonly
            value={props.link}
            aria-label={c.t('referrals.your_link')}
            data-testid="referral-link"
          />
          <button type="button" class="btn btn-primary join-item" data-copy="referral-link" data-copied={c.t('referrals.copied')}>
            {c.t('referrals.copy')}
          </button>
        </div>
        <p class="text-xs opacity-70 mt-1">{c.t('referrals.link_hint', { days: s.cookieDays })}</p>
      </Card>
      <div class="stats stats-vertical sm:stats-horizontal shadow bg-base-100 w-full my-4">
        <Stat title={c.t('referrals.total.people')} testId="referrals-people">
          {formatNumber(c.locale, referred.length)}
        </Stat>
        <Stat title={c.t('referrals.total.earned')} testId="referrals-earned">
          <Money c={c} cents={earned} />
        </Stat>
        <Stat title={c.t('referrals.total.pending')} testId="referrals-pending">
          <Money c={c} cents={pending} />
        </Stat>
        <Stat title={c.t('referrals.total.cap_left')} testId="referrals-cap-left">
          <Money c={c} cents={capLeft} />
        </Stat>
      </div>
      <h2 class="text-lg font-bold mb-2">{c.t('referrals.people')}</h2>
      {referred.length === 0 ? (
        <EmptyCard testId="referrals-empty">{c.t('referrals.empty')}</EmptyCard>
      ) : (
        <ul class="space-y-2" data-testid="referred-list">
          {referred.map((r) => (
            <li key={r.referralId} class="card bg-base-100 shadow-sm" data-testid={`referred-${r.referralId}`}>
              <div class="card-body p-3 gap-1">
                <p class="font-semibold break-words">
                  <bdi>{r.displayName}</bdi>
                </p>
                <p class="text-xs opacity-70">
                  {c.t('referrals.signed_up', { date: formatDate(c.locale, r.signedUpAt) })} ·{' '}
                  {c.t('referrals.earns_until', { date: formatDate(c.locale, r.earnsUntil) })}
                </p>
                {r.flagged ? (
                  <p class="text-sm text-warning" data-testid="referred-flagged">
                    {c.t('referrals.flagged')}
                  </p>
                ) : null}
                <dl class="grid grid-cols-3 gap-2 text-sm">
                  <div>
                    <dt class="opacity-70 text-xs">{c.t('referrals.purchases')}</dt>
                    <dd data-testid="referred-purchases">
                      <Money c={c} cents={r.purchasesCents} />
                    </dd>
                  </div>
                  <div>
                    <dt class="opacity-70 text-xs">{c.t('referrals.reward')}</dt>
                    <dd data-testid="referred-reward">
                      <Money c={c} cents={r.rewardCents} />
                    </dd>
                  </div>
                  <div>
                    <dt class="opacity-70 text-xs">{c.t('referrals.cap_left')}</dt>
                    <dd data-testid="referred-cap-left">
                      <Money c={c} cents={r.capLeftCents} />
                    </dd>
                  </div>
                </dl>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div class="flex items-center justify-between gap-2 mt-6 mb-2">
        <h2 class="text-lg font-bold">{c.t('referrals.rewards')}</h2>
        {rewards.length ? (
          <a class="btn btn-sm" href="/referrals.csv" download data-testid="referrals-csv">
            {c.t('referrals.csv')}
          </a>
        ) : null}
      </div>
      {rewards.length === 0 ? (
        <EmptyCard testId="rewards-empty">{c.t('referrals.rewards_empty')}</EmptyCard>
      ) : (
        <ul class="space-y-2" data-testid="rewards-list">
          {rewards.map((r) => (
            <li key={r.id} class="card bg-base-100 shadow-sm" data-testid={`reward-${r.id}`}>
              <div class="card-body p-3 flex-row items-start justify-between gap-3">
                <div class="min-w-0 space-y-1">
                  <p class="font-semibold break-words">
                    {c.t(r.kind === 'reward' ? 'referrals.reward_line' : 'referrals.reversal_line', {
                      name: isolateAuto(r.displayName),
                      amount: r.purchaseCents,
                    })}
                  </p>
                  <p class="text-xs opacity-70">{formatDate(c.locale, r.createdAt)}</p>
                  <RewardState c={c} r={r} />
                </div>
                <span class={r.kind === 'reward' ? 'font-bold text-success' : 'font-bold text-error'} data-testid="reward-amount">
                  <Money c={c} cents={r.kind === 'reward' ? r.rewardCents : -r.rewardCents} signed />
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
