import { shorten } from '../../platform/text.ts';
import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import type { BidsService } from './bids.ts';
import type { ProjectsService } from './service.ts';

/** How moderation reaches a project and a bid (registered with the moderation service at start). */
export function projectsReportTargets(
  projects: Pick<ProjectsService, 'forModeration' | 'moderate' | 'changed'>,
  bids: Pick<BidsService, 'byIds' | 'removeBid' | 'changed'>,
): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    project: {
      takeDowns: ['hide', 'delete'],
      async load(id) {
        const p = await projects.forModeration(id);
        if (!p) return null;
        const publicNow = ['open', 'hired', 'closed', 'expired'].includes(p.status);
        return {
          authorId: p.ownerId,
          title: p.title,
          text: p.description,
          url: `/projects/${id}`,
          state: p.status === 'hidden' || p.status === 'removed' ? p.status : null,
          visibleTo: (userId) => publicNow || userId === p.ownerId,
        };
      },
      apply: (tx, id, action, reason) => projects.moderate(tx, id, action === 'hide' ? 'hidden' : 'removed', reason),
      afterCommit: () => projects.changed(),
    },
    bid: {
      takeDowns: ['delete'],
      async load(id) {
        const [b] = await bids.byIds([id]);
        if (!b) return null;
        const p = await projects.forModeration(b.projectId);
        return {
          authorId: b.freelancerId,
          title: shorten(b.proposal.replace(/\s+/g, ' ')),
          text: b.proposal,
          url: `/projects/${b.projectId}#bid-${id}`,
          state: b.status === 'removed' ? 'removed' : null,
          // Bidders are public on an open project; the proposal is the owner's to read (and so to report).
          visibleTo: (userId) => b.status !== 'removed' && (userId === p?.ownerId || userId === b.freelancerId),
        };
      },
      apply: (tx, id) => bids.removeBid(tx, id),
      afterCommit: () => bids.changed(),
    },
  };
}
