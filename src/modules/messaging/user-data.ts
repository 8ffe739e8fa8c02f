import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { conversationMembers, messages } from './schema.ts';

/**
 * The messaging's part of a legal export (ModuleManifest `userData`): the conversations the user is in (ids and
 * when they joined) and the messages they sent (the others' messages are theirs, not this user's).
 */
export async function messagingUserData(tx: DbOrTx, userId: number) {
  const sent = await tx
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      body: messages.body,
      fileIds: messages.fileIds,
      createdAt: messages.createdAt,
      removedAt: messages.removedAt,
    })
    .from(messages)
    .where(eq(messages.senderId, userId))
    .orderBy(asc(messages.id));
  const conversationIds = await tx
    .select({ conversationId: conversationMembers.conversationId, joinedAt: conversationMembers.joinedAt })
    .from(conversationMembers)
    .where(eq(conversationMembers.userId, userId))
    .orderBy(asc(conversationMembers.conversationId));
  return { conversations: conversationIds, messages: sent };
}
