import { eq } from 'drizzle-orm';
import { audit } from './audit.ts';
import type { DbOrTx } from './db/index.ts';
import { settings } from './db/tables.ts';

/** Admin-changed settings override the defaults in code (RULES.md: every number is a setting). */
export async function readSetting(tx: DbOrTx, key: string): Promise<unknown | undefined> {
  const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** Stores a validated value and audits the change. */
export async function writeSetting(tx: DbOrTx, key: string, value: unknown, actorId: number, before: unknown): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value: value as object, updatedBy: actorId, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value: value as object, updatedBy: actorId, updatedAt: new Date() } });
  await audit(tx, { actorId, action: 'settings.update', targetType: 'setting', targetId: key, data: { before, after: value } });
}
