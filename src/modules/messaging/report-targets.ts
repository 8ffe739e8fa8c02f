import { shorten } from '../../platform/text.ts';
import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import type { MessagingService } from './service.ts';

/** How moderation reaches a message (registered with the moderation service at start). */
export function messagingReportTargets(
  messaging: Pick<MessagingService, 'messageById' | 'membersOf' | 'removeMessage'>,
): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    message: {
      takeDowns: ['delete'],
      async load(id) {
        const m = await messaging.messageById(id);
        if (!m) return null;
        return {
          authorId: m.senderId,
          title: shorten(m.body.replace(/\s+/g, ' ')),
          text: m.body,
          url: `/admin/conversations/${m.conversationId}`,
          state: m.removedAt ? 'removed' : null,
          // Only the conversation's members can see (and so report) a message.
          visibleTo: async (userId) => !m.removedAt && ((await messaging.membersOf(m.conversationId)) ?? []).includes(userId),
        };
      },
      apply: (tx, id) => messaging.removeMessage(tx, id),
    },
  };
}
