import { parseId } from '../../platform/http/request.ts';
import type { AppealTarget } from '../trust/index.ts';
import type { MessagingService } from './service.ts';

const USERNAME = /^[a-z0-9_]{3,30}$/;

/**
 * Where an appealed message goes (trust's appeals): the conversation its author is a member of, or the person a
 * first message was for; delivered by the messaging service once a moderator allows it.
 */
export function messageAppealTarget(
  messaging: Pick<MessagingService, 'membersOf' | 'deliverReviewed'>,
  accounts: { byUsername(username: string): Promise<{ id: number } | null | undefined> },
): AppealTarget {
  return {
    async check(userId, raw): Promise<Record<string, string | number> | null> {
      const conversationId = parseId(raw.conversationId);
      if (conversationId !== null) {
        const members = await messaging.membersOf(conversationId);
        return members?.includes(userId) ? { conversationId } : null;
      }
      const to = String(raw.to ?? '')
        .trim()
        .replace(/^@/, '')
        .toLowerCase();
      if (!USERNAME.test(to)) return null;
      const other = await accounts.byUsername(to);
      return other && other.id !== userId ? { to, toId: other.id } : null;
    },
    deliver: (tx, userId, target, body) => messaging.deliverReviewed(tx, userId, target, body),
  };
}
