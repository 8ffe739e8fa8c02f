import { and, asc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { contestAwards, contestComments, contestEntries, contests } from './schema.ts';

const commentColumns = {
  id: contestComments.id,
  contestId: contestComments.contestId,
  parentId: contestComments.parentId,
  entryId: contestComments.entryId,
  body: contestComments.body,
  status: contestComments.status,
  createdAt: contestComments.createdAt,
  editedAt: contestComments.editedAt,
};

/**
 * The contests' part of a legal export (ModuleManifest `userData`): the contests the user held, the entries they
 * made, the comments they wrote on contests' public threads, the private notes they wrote on entries (a comment
 * with an `entryId`: between the owner and the entry's author), and the handovers of the places awarded — those the
 * user won (their note and final files) and those on contests they held. Files are given by id, never their
 * contents. Each select names its columns.
 */
export async function contestsUserData(tx: DbOrTx, userId: number) {
  const held = await tx
    .select({
      id: contests.id,
      status: contests.status,
      title: contests.title,
      description: contests.description,
      conditions: contests.conditions,
      categoryId: contests.categoryId,
      skills: contests.skills,
      prizesCents: contests.prizesCents,
      prizeTotalCents: contests.prizeTotalCents,
      entryDays: contests.entryDays,
      deliveryDays: contests.deliveryDays,
      blind: contests.blind,
      fileIds: contests.fileIds,
      rejectReason: contests.rejectReason,
      commissionBp: contests.commissionBp,
      publishedAt: contests.publishedAt,
      startsAt: contests.startsAt,
      endsAt: contests.endsAt,
      extended: contests.extended,
      endedEarly: contests.endedEarly,
      entriesCount: contests.entriesCount,
      closedAt: contests.closedAt,
      topupDepositId: contests.topupDepositId,
      topupFailure: contests.topupFailure,
      createdAt: contests.createdAt,
      updatedAt: contests.updatedAt,
    })
    .from(contests)
    .where(eq(contests.ownerId, userId))
    .orderBy(asc(contests.id));
  const entries = await tx
    .select({
      id: contestEntries.id,
      contestId: contestEntries.contestId,
      status: contestEntries.status,
      description: contestEntries.description,
      fileIds: contestEntries.fileIds,
      rating: contestEntries.rating,
      shortlisted: contestEntries.shortlisted,
      createdAt: contestEntries.createdAt,
      withdrawnAt: contestEntries.withdrawnAt,
    })
    .from(contestEntries)
    .where(eq(contestEntries.userId, userId))
    .orderBy(asc(contestEntries.id));
  const comments = await tx
    .select(commentColumns)
    .from(contestComments)
    .where(and(eq(contestComments.userId, userId), isNull(contestComments.entryId)))
    .orderBy(asc(contestComments.id));
  const privateNotes = await tx
    .select(commentColumns)
    .from(contestComments)
    .where(and(eq(contestComments.userId, userId), isNotNull(contestComments.entryId)))
    .orderBy(asc(contestComments.id));
  const heldIds = held.map((c) => c.id);
  const handovers = await tx
    .select({
      id: contestAwards.id,
      contestId: contestAwards.contestId,
      place: contestAwards.place,
      entryId: contestAwards.entryId,
      winnerId: contestAwards.winnerId,
      prizeCents: contestAwards.prizeCents,
      status: contestAwards.status,
      awardedBy: contestAwards.awardedBy,
      awardedAt: contestAwards.awardedAt,
      handoverNote: contestAwards.handoverNote,
      handoverFileIds: contestAwards.handoverFileIds,
      deliveredAt: contestAwards.deliveredAt,
      paidAt: contestAwards.paidAt,
      disputedBy: contestAwards.disputedBy,
      disputeReason: contestAwards.disputeReason,
      disputedAt: contestAwards.disputedAt,
      decision: contestAwards.decision,
      decisionReason: contestAwards.decisionReason,
      decidedBy: contestAwards.decidedBy,
      decidedAt: contestAwards.decidedAt,
    })
    .from(contestAwards)
    .where(
      heldIds.length
        ? or(eq(contestAwards.winnerId, userId), inArray(contestAwards.contestId, heldIds))
        : eq(contestAwards.winnerId, userId),
    )
    .orderBy(asc(contestAwards.id));
  return {
    contests: {
      held,
      entries,
      comments,
      privateNotes,
      handovers: {
        asWinner: handovers.filter((h) => h.winnerId === userId),
        asOwner: handovers.filter((h) => heldIds.includes(h.contestId)),
      },
    },
  };
}
