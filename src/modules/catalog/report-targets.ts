import type { Db } from '../../platform/db/index.ts';
import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import type { CatalogService } from './service.ts';

/** How moderation reaches a service (registered with the moderation service at start). */
export function catalogReportTargets(
  catalog: Pick<CatalogService, 'forOrder' | 'moderate' | 'changed'>,
  db: Db,
): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    service: {
      takeDowns: ['hide', 'delete'],
      async load(id) {
        const s = await catalog.forOrder(id, db);
        if (!s) return null;
        return {
          authorId: s.sellerId,
          title: s.title,
          text: s.description,
          url: `/services/${s.id}`,
          state: s.status === 'hidden' || s.status === 'removed' ? s.status : null,
          visibleTo: (userId) => s.status === 'published' || userId === s.sellerId,
        };
      },
      async apply(tx, id, action, reason) {
        return Boolean(await catalog.moderate(tx, id, action === 'hide' ? 'hidden' : 'removed', reason));
      },
      afterCommit: () => catalog.changed(),
    },
  };
}
