import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber } from '../../platform/i18n/index.ts';

/** A review's three scores, in the columns' order (the orders module's `reviews`: quality, communication, on_time). */
export const CRITERIA = ['quality', 'communication', 'onTime'] as const;
export type Criterion = (typeof CRITERIA)[number];

/**
 * What a score means depends on who wrote the review (`reviews.author_role`): a buyer rates the seller's work
 * (quality of work, communication, on time), a seller rates what a buyer does (clarity of the brief, communication,
 * timely answers).
 */
export const criterionLabel = (c: ViewCtx, authorRole: string, k: Criterion) =>
  c.t(`review.criterion.${authorRole === 'seller' ? 'seller' : 'buyer'}.${k}`);

export interface ReviewScoresView {
  authorRole: string;
  quality: number;
  communication: number;
  onTime: number;
}

/** A review's three scores in a line, each under its meaning for the author's side ("Clarity of the brief 5/5 · …"). */
export function ReviewScores(props: { c: ViewCtx; review: ReviewScoresView }) {
  const { c, review: r } = props;
  return (
    <p class="text-sm" data-testid="review-scores">
      {CRITERIA.map((k, i) => (
        <span key={k}>
          {i ? ' · ' : ''}
          {criterionLabel(c, r.authorRole, k)} <bdi>{`${formatNumber(c.locale, r[k])}/${formatNumber(c.locale, 5)}`}</bdi>
        </span>
      ))}
    </p>
  );
}

/**
 * The published reviews of a person on their public profile: each says which side the person was on — a seller
 * reviewed by a buyer, or a buyer reviewed by a seller — with the scores under that side's names.
 */
export function ProfileReviews(props: {
  c: ViewCtx;
  items: {
    r: ReviewScoresView & { id: number; comment: string; reply: string | null; publishedAt: Date | null };
    author: { username: string; displayName: string };
  }[];
}) {
  const { c } = props;
  if (!props.items.length) return null;
  return (
    <section class="mt-6" data-testid="profile-reviews">
      <h2 class="text-xl font-bold mb-2">{c.t('review.profile_title')}</h2>
      <ul class="space-y-3">
        {props.items.map(({ r, author }) => (
          <li key={r.id} class="card bg-base-100 p-4 space-y-1" data-testid={`profile-review-${r.id}`}>
            <p class="text-sm">
              <span class="badge badge-outline me-2">{c.t(r.authorRole === 'seller' ? 'review.as_buyer' : 'review.as_seller')}</span>
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
          </li>
        ))}
      </ul>
    </section>
  );
}
