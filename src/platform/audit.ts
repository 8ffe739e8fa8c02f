import type { DbOrTx } from './db/index.ts';
import { auditLog } from './db/tables.ts';

/** Writes one append-only audit row: who did what to which thing (policy 2 and 9). */
export async function audit(
  tx: DbOrTx,
  entry: { actorId: number | null; action: string; targetType: string; targetId: string | number; data?: object; ip?: string | null },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    data: entry.data ?? {},
    ip: entry.ip ?? null,
  });
}
