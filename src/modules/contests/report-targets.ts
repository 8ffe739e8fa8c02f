import { shorten } from '../../platform/text.ts';
import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import type { ContestComments } from './comments.ts';
import type { ContestEntries } from './entries.ts';
import { maySeeContest, maySeeEntry } from './policy.ts';
import type { ContestsCore } from './service.ts';

/**
 * How moderation reaches a contest, an entry and a comment of a contest's thread (⚑ on each; registered with the
 * moderation service at start). A contest can be taken down only while nobody has entered it (service.ts
 * `takeDown`); an entry is removed from the contest unless it already won a place; a comment keeps its place
 * in the thread without its text.
 */
export function contestsReportTargets(
  contests: Pick<ContestsCore, 'forModeration' | 'takeDown'>,
  entries: Pick<ContestEntries, 'entryForModeration' | 'removeEntry'>,
  comments: Pick<ContestComments, 'byId' | 'remove'>,
): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    contest: {
      takeDowns: ['hide'],
      async load(id) {
        const c = await contests.forModeration(id);
        if (!c) return null;
        return {
          authorId: c.ownerId,
          title: c.title,
          text: [c.description, c.conditions].filter(Boolean).join('\n\n'),
          url: `/contests/${c.id}`,
          state: c.status === 'rejected' && c.rejectReason ? 'hidden' : null,
          visibleTo: (userId) => maySeeContest({ id: userId, roles: [] }, c),
        };
      },
      apply: (tx, id, _action, reason) => contests.takeDown(tx, id, reason),
    },
    entry: {
      takeDowns: ['delete'],
      async load(id) {
        const found = await entries.entryForModeration(id);
        if (!found) return null;
        const { e, c } = found;
        return {
          authorId: e.userId,
          title: shorten(e.description.replace(/\s+/g, ' ')),
          text: e.description,
          url: `/contests/${c.id}#entry-${e.id}`,
          state: e.status === 'removed' ? 'removed' : null,
          visibleTo: (userId) => maySeeEntry(userId, e, c),
        };
      },
      apply: (tx, id) => entries.removeEntry(tx, id),
    },
    contest_comment: {
      takeDowns: ['delete'],
      async load(id) {
        const row = await comments.byId(id);
        if (!row) return null;
        const c = await contests.forModeration(row.contestId);
        return {
          authorId: row.userId,
          title: shorten(row.body.replace(/\s+/g, ' ')),
          text: row.body,
          url: `/contests/${row.contestId}#${row.entryId ? `entry-${row.entryId}` : `comment-${row.id}`}`,
          state: row.status === 'removed' ? 'removed' : null,
          // A public comment: whoever sees the contest; a private note on an entry: the two people in it.
          visibleTo: async (userId) => {
            if (!c || row.status !== 'visible') return false;
            if (row.entryId === null) return maySeeContest({ id: userId, roles: [] }, c);
            const found = await entries.entryForModeration(row.entryId);
            return found !== null && (userId === found.e.userId || userId === found.c.ownerId);
          },
        };
      },
      apply: (tx, id) => comments.remove(tx, id),
    },
  };
}
