import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatNumber } from '../../platform/i18n/index.ts';

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
