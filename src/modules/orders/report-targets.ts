import { shorten } from '../../platform/text.ts';
import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import type { OrdersService } from './service.ts';

/** How moderation reaches a review (registered with the moderation service at start). */
export function ordersReportTargets(
  orders: Pick<OrdersService, 'reviewById' | 'removeReview'>,
): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    review: {
      takeDowns: ['delete'],
      async load(id) {
        const r = await orders.reviewById(id);
        if (!r) return null;
        const text = [r.comment, r.reply ? `↩ ${r.reply}` : ''].filter(Boolean).join('\n');
        return {
          authorId: r.authorId,
          title: shorten(r.comment.replace(/\s+/g, ' ')) || `#${id}`,
          text,
          url: r.serviceId ? `/services/${r.serviceId}` : `/orders/${r.orderId}`,
          state: r.removedAt ? 'removed' : null,
          visibleTo: (userId) => !r.removedAt && (r.publishedAt !== null || userId === r.subjectId || userId === r.authorId),
        };
      },
      apply: (tx, id) => orders.removeReview(tx, id),
    },
  };
}
