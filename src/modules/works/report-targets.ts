import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import { maySeeWork } from './policy.ts';
import type { WorksCore } from './service.ts';

/**
 * How moderation reaches a portfolio work (⚑ `portfolio` on its page; registered with the moderation service at start):
 * `hide` takes it off the site and back to its owner with the reason (they may fix it and publish it again), `delete`
 * removes it for good (soft: staff keep reading it).
 */
export function worksReportTargets(works: Pick<WorksCore, 'forModeration' | 'takeDown'>): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    portfolio: {
      takeDowns: ['hide', 'delete'],
      async load(id) {
        const w = await works.forModeration(id);
        if (!w) return null;
        return {
          authorId: w.ownerId,
          title: w.title,
          text: [w.description, w.skills.join('، '), w.link ?? ''].filter(Boolean).join('\n\n'),
          url: `/works/${w.id}`,
          state: w.status === 'deleted' ? 'removed' : w.status === 'hidden' && w.hiddenReason ? 'hidden' : null,
          visibleTo: (userId) => maySeeWork({ id: userId, roles: [] }, w),
        };
      },
      apply: (tx, id, action, reason) => works.takeDown(tx, id, action, reason),
    },
  };
}
