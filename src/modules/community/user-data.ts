import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import {
  communityAcceptances,
  communityComments,
  communityFollows,
  communityRevisions,
  communityTopics,
  communityVotes,
} from './schema.ts';

/**
 * The community's part of a legal export (ModuleManifest `userData`): the user's topics and questions and their
 * comments and answers in every status (a hidden or deleted one's row stays for staff), every earlier version of
 * them, the votes they gave, the answers they accepted, and the topics they follow. Each select names its columns.
 */
export async function communityUserData(tx: DbOrTx, userId: number) {
  const topics = await tx
    .select({
      id: communityTopics.id,
      type: communityTopics.type,
      sectionId: communityTopics.sectionId,
      title: communityTopics.title,
      body: communityTopics.body,
      skills: communityTopics.skills,
      status: communityTopics.status,
      hiddenReason: communityTopics.hiddenReason,
      lockedAt: communityTopics.lockedAt,
      acceptedCommentId: communityTopics.acceptedCommentId,
      editedAt: communityTopics.editedAt,
      deletedAt: communityTopics.deletedAt,
      createdAt: communityTopics.createdAt,
    })
    .from(communityTopics)
    .where(eq(communityTopics.authorId, userId))
    .orderBy(asc(communityTopics.id));
  const comments = await tx
    .select({
      id: communityComments.id,
      topicId: communityComments.topicId,
      parentId: communityComments.parentId,
      body: communityComments.body,
      status: communityComments.status,
      hiddenReason: communityComments.hiddenReason,
      editedAt: communityComments.editedAt,
      createdAt: communityComments.createdAt,
    })
    .from(communityComments)
    .where(eq(communityComments.authorId, userId))
    .orderBy(asc(communityComments.id));
  const revisionOf = async (targetType: 'topic' | 'comment', ids: number[]) =>
    ids.length === 0
      ? []
      : tx
          .select({
            targetType: communityRevisions.targetType,
            targetId: communityRevisions.targetId,
            title: communityRevisions.title,
            body: communityRevisions.body,
            skills: communityRevisions.skills,
            writtenAt: communityRevisions.writtenAt,
            replacedAt: communityRevisions.replacedAt,
          })
          .from(communityRevisions)
          .where(and(eq(communityRevisions.targetType, targetType), inArray(communityRevisions.targetId, ids)))
          .orderBy(asc(communityRevisions.id));
  const revisions = [
    ...(await revisionOf(
      'topic',
      topics.map((t) => t.id),
    )),
    ...(await revisionOf(
      'comment',
      comments.map((c) => c.id),
    )),
  ];
  const votesGiven = await tx
    .select({ targetType: communityVotes.targetType, targetId: communityVotes.targetId, createdAt: communityVotes.createdAt })
    .from(communityVotes)
    .where(eq(communityVotes.userId, userId))
    .orderBy(asc(communityVotes.createdAt));
  const acceptances = await tx
    .select({
      topicId: communityAcceptances.topicId,
      commentId: communityAcceptances.commentId,
      answererId: communityAcceptances.answererId,
      createdAt: communityAcceptances.createdAt,
      withdrawnAt: communityAcceptances.withdrawnAt,
    })
    .from(communityAcceptances)
    .where(eq(communityAcceptances.acceptedBy, userId))
    .orderBy(asc(communityAcceptances.id));
  const follows = await tx
    .select({ topicId: communityFollows.topicId, createdAt: communityFollows.createdAt })
    .from(communityFollows)
    .where(eq(communityFollows.userId, userId))
    .orderBy(asc(communityFollows.topicId));
  return { community: { topics, comments, revisions, votesGiven, acceptances, follows } };
}
