import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { verificationRequests } from './schema.ts';

/**
 * The identity verification's part of a legal export (ModuleManifest `userData`): every request the user made, with
 * the name as on the document and the ids of the document and selfie files — never the files themselves, which
 * stay behind their own audited download. Staff reading this metadata here is recorded by the export's own audit
 * row (`user.legal_export`), written in the same transaction, so it writes no row of its own.
 */
export async function verificationUserData(tx: DbOrTx, userId: number) {
  const requests = await tx
    .select({
      id: verificationRequests.id,
      status: verificationRequests.status,
      documentKind: verificationRequests.documentKind,
      fullName: verificationRequests.fullName,
      documentFileId: verificationRequests.documentFileId,
      selfieFileId: verificationRequests.selfieFileId,
      replacing: verificationRequests.replacing,
      dueAt: verificationRequests.dueAt,
      decidedAt: verificationRequests.decidedAt,
      decidedBy: verificationRequests.decidedBy,
      rejectReason: verificationRequests.rejectReason,
      createdAt: verificationRequests.createdAt,
    })
    .from(verificationRequests)
    .where(eq(verificationRequests.userId, userId))
    .orderBy(asc(verificationRequests.id));
  return { verification: { requests } };
}
