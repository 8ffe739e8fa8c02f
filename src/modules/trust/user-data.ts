import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { contactAttempts, moderatedContent, moderationCases, reports, sanctions } from './schema.ts';

const reportColumns = {
  id: reports.id,
  reporterId: reports.reporterId,
  targetType: reports.targetType,
  targetId: reports.targetId,
  authorId: reports.authorId,
  reason: reports.reason,
  details: reports.details,
  status: reports.status,
  decision: reports.decision,
  decidedBy: reports.decidedBy,
  decidedAt: reports.decidedAt,
  createdAt: reports.createdAt,
};

/**
 * Trust and safety's part of a legal export (ModuleManifest `userData`): the refused contact-details attempts, the
 * moderation cases about the user, their warnings and sanctions, their content moderators acted on (with its
 * snapshot), and the reports they filed and those filed against them. Each select names its columns.
 */
export async function trustUserData(tx: DbOrTx, userId: number) {
  const attempts = await tx
    .select({
      id: contactAttempts.id,
      context: contactAttempts.context,
      found: contactAttempts.found,
      createdAt: contactAttempts.createdAt,
    })
    .from(contactAttempts)
    .where(eq(contactAttempts.userId, userId))
    .orderBy(asc(contactAttempts.id));
  const cases = await tx
    .select({
      id: moderationCases.id,
      userId: moderationCases.userId,
      kind: moderationCases.kind,
      status: moderationCases.status,
      data: moderationCases.data,
      createdAt: moderationCases.createdAt,
      closedAt: moderationCases.closedAt,
    })
    .from(moderationCases)
    .where(eq(moderationCases.userId, userId))
    .orderBy(asc(moderationCases.id));
  const sanctionRows = await tx
    .select({
      id: sanctions.id,
      userId: sanctions.userId,
      kind: sanctions.kind,
      scopes: sanctions.scopes,
      reason: sanctions.reason,
      endsAt: sanctions.endsAt,
      source: sanctions.source,
      createdBy: sanctions.createdBy,
      createdAt: sanctions.createdAt,
      liftedAt: sanctions.liftedAt,
      liftedBy: sanctions.liftedBy,
      liftReason: sanctions.liftReason,
    })
    .from(sanctions)
    .where(eq(sanctions.userId, userId))
    .orderBy(asc(sanctions.id));
  const moderated = await tx
    .select({
      id: moderatedContent.id,
      targetType: moderatedContent.targetType,
      targetId: moderatedContent.targetId,
      authorId: moderatedContent.authorId,
      action: moderatedContent.action,
      reason: moderatedContent.reason,
      snapshot: moderatedContent.snapshot,
      actorId: moderatedContent.actorId,
      createdAt: moderatedContent.createdAt,
    })
    .from(moderatedContent)
    .where(eq(moderatedContent.authorId, userId))
    .orderBy(asc(moderatedContent.id));
  const filed = await tx.select(reportColumns).from(reports).where(eq(reports.reporterId, userId)).orderBy(asc(reports.id));
  const against = await tx.select(reportColumns).from(reports).where(eq(reports.authorId, userId)).orderBy(asc(reports.id));

  return {
    contactAttempts: attempts,
    moderationCases: cases,
    sanctions: sanctionRows,
    moderatedContent: moderated,
    reports: { filed, against },
  };
}
