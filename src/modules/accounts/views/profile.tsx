import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Username } from '../../../web/components/bidi.tsx';
import { ReviewScores, type ReviewScoresView } from '../../../web/components/review-scores.tsx';
import { VerifiedBadge } from '../../../web/components/verified-badge.tsx';
import { Avatar, Card, ContactButton, ReportLink } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { PublicView } from '../service.ts';
import { freelancersHref } from './directory.tsx';
import { countryOf, OnlineDot, PresenceLine, RatingLine } from './person-bits.tsx';

/** A published review as the profile lists it, with its author's name. */
export interface ProfileReviewItem {
  r: ReviewScoresView & { id: number; comment: string; reply: string | null; publishedAt: Date | null };
  author: { username: string; displayName: string };
}

function ReviewList(props: { c: ViewCtx; items: ProfileReviewItem[]; empty: string; testId: string }) {
  const { c } = props;
  if (!props.items.length) return <p class="opacity-70">{props.empty}</p>;
  return (
    <ul class="space-y-3" data-testid={props.testId}>
      {props.items.map(({ r, author }) => (
        <li key={r.id} class="card bg-base-100 p-4 space-y-1" data-testid={`profile-review-${r.id}`}>
          <p class="text-sm">
            <bdi>{author.displayName || author.username}</bdi>
            {r.publishedAt ? <span class="opacity-80"> · {formatDate(c.locale, r.publishedAt)}</span> : null}
          </p>
          <ReviewScores c={c} review={r} />
          {r.comment ? (
            <p class="whitespace-pre-line" dir="auto">
              {r.comment}
            </p>
          ) : null}
          {r.reply ? (
            <p class="ms-4 ps-3 border-s-2 border-primary text-sm whitespace-pre-line" dir="auto">
              {r.reply}
            </p>
          ) : null}
          <ReportLink c={c} type="review" id={r.id} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The reviews a person received, in two tabs (radio inputs: no script needed): as seller (by their buyers) and as
 * buyer (by their sellers); the tab with reviews opens first.
 */
export function ProfileReviews(props: {
  c: ViewCtx;
  asSeller: ProfileReviewItem[];
  asBuyer: ProfileReviewItem[];
  counts: { seller: number; buyer: number };
}) {
  const { c } = props;
  const buyerFirst = props.asSeller.length === 0 && props.asBuyer.length > 0;
  return (
    <section class="mt-6" data-testid="profile-reviews">
      <h2 class="text-xl font-bold mb-2">{c.t('people.reviews_title')}</h2>
      <div class="tabs tabs-border">
        <input
          type="radio"
          name="profile_reviews"
          class="tab"
          aria-label={c.t('people.reviews_as_seller', { n: props.counts.seller })}
          checked={!buyerFirst}
          data-testid="tab-as-seller"
        />
        <div class="tab-content pt-3" data-testid="panel-as-seller">
          <ReviewList c={c} items={props.asSeller} empty={c.t('people.no_reviews_as_seller')} testId="reviews-as-seller" />
        </div>
        <input
          type="radio"
          name="profile_reviews"
          class="tab"
          aria-label={c.t('people.reviews_as_buyer', { n: props.counts.buyer })}
          checked={buyerFirst}
          data-testid="tab-as-buyer"
        />
        <div class="tab-content pt-3" data-testid="panel-as-buyer">
          <ReviewList c={c} items={props.asBuyer} empty={c.t('people.no_reviews_as_buyer')} testId="reviews-as-buyer" />
        </div>
      </div>
    </section>
  );
}

/** One figure of the profile's record: "4.8 ★ (12 reviews)", "23 completed jobs", "Member since…". */
function Stat(props: { label: string; children: ComponentChildren; testId: string }) {
  return (
    <div class="bg-base-200 rounded-field p-2 min-w-0">
      <dt class="text-xs opacity-70">{props.label}</dt>
      <dd class="font-bold text-sm break-words" data-testid={props.testId}>
        {props.children}
      </dd>
    </div>
  );
}

export type ProfileUser = PublicView & { online: boolean };

/**
 * The public profile (/u/username), the page a buyer reads before hiring: who (picture, name, @username, level,
 * country, verified), whether they are here now, their record (rating, jobs, member since), the contact button and
 * ⚑; then about and skills, their services, their works, and the reviews they received on either side.
 */
export function ProfilePage(props: {
  c: ViewCtx;
  user: ProfileUser;
  now: Date;
  /** The seller's live services (catalog's SellerServicesSection). */
  services?: ComponentChildren;
  /** SLOT(works): the portfolio module's WorksSection for `worksOfOwner(user.id)`, filled at the merge. */
  works?: ComponentChildren;
  /** SLOT(favorite-heart): the favourites module's heart button for this freelancer, filled at the merge. */
  heart?: ComponentChildren;
  reviews: ComponentChildren;
}) {
  const { c, user } = props;
  const own = c.user?.username === user.username;
  return (
    <Layout c={c} title={user.displayName} description={user.bio.slice(0, 150)}>
      <div class="grid gap-4 md:grid-cols-3">
        <Card>
          <div class="flex flex-col items-center text-center gap-2 min-w-0" data-testid="profile-card">
            <div class="relative">
              <Avatar name={user.displayName} url={user.avatarUrl} size="w-24" eager />
              <OnlineDot c={c} online={user.online} size="size-5" />
            </div>
            <h1 class="text-xl font-bold break-words max-w-full" dir="auto" data-testid="profile-name">
              {user.displayName}
            </h1>
            <p class="opacity-70">
              <Username username={user.username} testId="profile-username" />
            </p>
            <div class="flex flex-wrap justify-center items-center gap-2">
              <span class="badge badge-outline" data-testid="profile-level" title={c.t('levels.seller_short')}>
                {c.t('levels.seller_short')}: {c.t(`level.${user.sellerLevel}`)}
              </span>
              <span class="badge badge-outline" data-testid="profile-buyer-level" title={c.t('levels.buyer_short')}>
                {c.t('levels.buyer_short')}: {c.t(`level.${user.buyerLevel}`)}
              </span>
              <VerifiedBadge c={c} verified={user.verified} />
            </div>
            {user.country ? (
              <p class="text-sm" data-testid="profile-country">
                {countryOf(c, user.country)}
              </p>
            ) : null}
            <PresenceLine c={c} online={user.online} lastSeenAt={user.lastSeenAt} now={props.now} />
            <dl class="grid grid-cols-3 gap-2 w-full text-center">
              <Stat label={c.t('people.stat_rating')} testId="profile-rating">
                <RatingLine c={c} rating={user.rating} count={user.reviewsCount} />
              </Stat>
              <Stat label={c.t('people.stat_jobs')} testId="profile-jobs">
                <bdi>{user.completedJobs}</bdi>
              </Stat>
              <Stat label={c.t('people.stat_member')} testId="profile-member-since">
                {formatDate(c.locale, user.memberSince)}
              </Stat>
            </dl>
            {own ? null : (
              <div class="flex flex-wrap justify-center items-center gap-2">
                <ContactButton c={c} username={user.username} testId="contact-user" class="btn btn-sm btn-primary" />
                {props.heart}
              </div>
            )}
            {own ? null : <ReportLink c={c} type="user" id={user.id} />}
          </div>
        </Card>
        <div class="md:col-span-2 space-y-4 min-w-0">
          <Card title={c.t('profile.about')}>
            <p class="whitespace-pre-line break-words" dir="auto">
              {user.bio || c.t('profile.no_bio')}
            </p>
          </Card>
          {user.skills.length ? (
            <Card title={c.t('field.skills')}>
              <ul class="flex flex-wrap gap-2" data-testid="profile-skills">
                {user.skills.map((s) => (
                  <li key={s}>
                    <a class="badge badge-primary badge-outline" href={freelancersHref(c, { skill: s })} dir="auto">
                      {s}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {user.languages.length ? (
            <Card title={c.t('field.languages')}>
              <p>{user.languages.join(c.locale === 'ar' ? '، ' : ', ')}</p>
            </Card>
          ) : null}
        </div>
      </div>
      {props.services}
      {props.works}
      {props.reviews}
    </Layout>
  );
}
