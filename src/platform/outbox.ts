import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from './db/index.ts';
import { outbox } from './db/tables.ts';
import type { Mailer, MailMessage } from './mail.ts';

/**
 * Work that must happen after a transaction commits. Rows are written inside the business transaction,
 * so a crash loses nothing; the worker delivers them with retries and backoff.
 */
export type OutboxItem = { kind: 'mail'; payload: MailMessage };

export async function enqueue(tx: DbOrTx, item: OutboxItem): Promise<void> {
  await tx.insert(outbox).values({ kind: item.kind, payload: item.payload });
}

const MAX_ATTEMPTS = 8;

/** The Message-ID of an outbox mail: the same on every attempt, so a resent mail is recognised as the same one. */
export function outboxMessageId(row: { id: number; createdAt: Date }): string {
  return `<outbox-${row.id}.${row.createdAt.getTime()}@kafiil>`;
}

export interface OutboxDrainer {
  /** Delivers every due row; returns how many were delivered. */
  drain(now?: Date): Promise<{ delivered: number; failed: number }>;
  /** Asks for a drain soon (after a commit), without waiting. */
  kick(): void;
}

export function createOutboxDrainer(db: Db, mailer: Mailer, log: (msg: string, err?: unknown) => void): OutboxDrainer {
  let running: Promise<{ delivered: number; failed: number }> | null = null;
  let again = false;

  async function once(now: Date) {
    let delivered = 0;
    let failed = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(outbox)
          .where(and(isNull(outbox.doneAt), lte(outbox.runAt, now)))
          .orderBy(asc(outbox.id))
          .limit(20)
          .for('update', { skipLocked: true });
        for (const row of rows) {
          try {
            if (row.kind === 'mail') await mailer.send({ ...(row.payload as MailMessage), messageId: outboxMessageId(row) });
            await tx
              .update(outbox)
              .set({ doneAt: new Date(), attempts: row.attempts + 1 })
              .where(eq(outbox.id, row.id));
            delivered++;
          } catch (err) {
            failed++;
            const attempts = row.attempts + 1;
            const backoffMs = Math.min(2 ** attempts * 1000, 3_600_000);
            log(`outbox ${row.id} (${row.kind}) failed, attempt ${attempts}`, err);
            await tx
              .update(outbox)
              .set({
                attempts,
                lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
                runAt: attempts >= MAX_ATTEMPTS ? sql`'infinity'::timestamptz` : new Date(now.getTime() + backoffMs),
              })
              .where(eq(outbox.id, row.id));
          }
        }
        return rows.length;
      });
      if (batch < 20) break;
    }
    return { delivered, failed };
  }

  const drainer: OutboxDrainer = {
    async drain(now = new Date()) {
      while (running) await running.catch(() => {});
      running = once(now);
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    kick() {
      if (running) {
        again = true;
        return;
      }
      setImmediate(() => {
        drainer
          .drain()
          .catch((err) => log('outbox drain failed', err))
          .finally(() => {
            if (again) {
              again = false;
              drainer.kick();
            }
          });
      });
    },
  };
  return drainer;
}
