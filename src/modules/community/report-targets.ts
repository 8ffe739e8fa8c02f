import { shorten } from '../../platform/text.ts';
import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import { maySeeCommentText, maySeeTopic } from './policy.ts';
import { topicPath } from './rules.ts';
import type { CommunityService } from './service.ts';

/**
 * How moderation reaches the community's content (⚑ on a topic or question — `topic` — and on each comment or answer —
 * `comment`; registered with the moderation service at start): `hide` takes it off the site and back to its author
 * with the reason, `delete` removes it for good (soft: staff keep reading it). The report's decision is audited by
 * the moderation service, with a snapshot of the content as it was.
 */
export function communityReportTargets(
  community: Pick<CommunityService, 'topics' | 'comments'>,
): Partial<Record<ReportTarget, TargetAdapter>> {
  const { topics, comments } = community;
  const stateOf = (status: string) => (status === 'deleted' ? 'removed' : status === 'hidden' ? 'hidden' : null);
  return {
    topic: {
      takeDowns: ['hide', 'delete'],
      async load(id) {
        const t = await topics.forModeration(id);
        if (!t) return null;
        return {
          authorId: t.authorId,
          title: t.title,
          text: [t.body, t.skills.join('، ')].filter(Boolean).join('\n\n'),
          url: topicPath(t),
          state: stateOf(t.status),
          visibleTo: (userId) => maySeeTopic({ id: userId, roles: [] }, t),
        };
      },
      apply: (tx, id, action, reason) => topics.takeDown(tx, id, action, reason),
    },
    comment: {
      takeDowns: ['hide', 'delete'],
      async load(id) {
        const c = await comments.byId(id);
        if (!c) return null;
        const t = await topics.forModeration(c.topicId);
        if (!t) return null;
        return {
          authorId: c.authorId,
          title: shorten(c.body.replace(/\s+/g, ' ')),
          text: c.body,
          url: `${topicPath(t)}#comment-${c.id}`,
          state: stateOf(c.status),
          visibleTo: (userId) => maySeeTopic({ id: userId, roles: [] }, t) && maySeeCommentText({ id: userId, roles: [] }, c),
        };
      },
      apply: (tx, id, action, reason) => comments.takeDown(tx, id, action, reason),
    },
  };
}
