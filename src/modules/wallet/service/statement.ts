import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/index.ts';
import { describeReferences } from '../../../platform/ledger-references.ts';
import { balancesOf } from '../ledger.ts';
import { clearances, ledgerAccounts, ledgerEntries, ledgerTransactions } from '../schema.ts';
import type { WalletContext } from './context.ts';

/** What a user owns and every movement of it: balances, pending clearances, the statement. */
export function statementUseCases(ctx: WalletContext) {
  const { db } = ctx;
  return {
    /** What the statement's references are, in words and with links (each module describes its own kinds). */
    describeReferences: (references: readonly string[]) => describeReferences(db, references),

    async balances(userId: number) {
      const b = await balancesOf(db, userId);
      return {
        availableCents: b.available,
        pendingCents: b.pending,
        escrowCents: b.escrow,
        withdrawingCents: b.withdrawing,
        frozenCents: b.frozen,
      };
    },

    /**
     * What escrow holds for one reference ("contest:7", "order:42"): its holds less its releases and refunds — the
     * money a contest or an order still keeps, for its module's checks and tests.
     */
    async escrowHeldFor(reference: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<string>`coalesce(sum(${ledgerEntries.amountCents}), 0)::bigint` })
        .from(ledgerEntries)
        .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .where(and(eq(ledgerTransactions.reference, reference), eq(ledgerAccounts.kind, 'escrow')));
      return Number(r?.n ?? 0);
    },

    /**
     * What is still pending of the payments made by these transactions (their clearances not yet cleared, nor held by a
     * freeze), by transaction: a module's own list of what it paid (the referrals' rewards) shows it as the wallet has it.
     */
    async pendingOfPayments(transactionIds: readonly number[]): Promise<Map<number, number>> {
      if (transactionIds.length === 0) return new Map();
      const rows = await db
        .select({ tx: clearances.sourceTransactionId, cents: clearances.amountCents })
        .from(clearances)
        .where(and(inArray(clearances.sourceTransactionId, [...transactionIds]), isNull(clearances.clearedAt), isNull(clearances.heldAt)));
      return new Map(rows.map((r) => [Number(r.tx), Number(r.cents)]));
    },

    /** Amounts in pending with the date each becomes available. */
    async pendingClearances(userId: number) {
      return db
        .select({ id: clearances.id, amountCents: clearances.amountCents, clearsAt: clearances.clearsAt, held: clearances.heldAt })
        .from(clearances)
        .where(and(eq(clearances.userId, userId), isNull(clearances.clearedAt)))
        .orderBy(clearances.clearsAt);
    },

    /**
     * Every movement of the user's money, newest first. `net` is the change to what the user owns outside
     * escrow (available + pending + withdrawing + frozen); for a seller's payout `gross` and `fee` show the
     * order amount and the commission kept.
     */
    async statement(userId: number, q: { type?: string; from?: Date; to?: Date; limit?: number; cursor?: number }) {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
      const rows = await queryRows<{
        id: string | number;
        type: string;
        reference: string;
        meta: { grossCents?: number; feeCents?: number; availableAt?: string };
        created_at: string | Date;
        own: string | number | null;
        available: string | number | null;
        escrow: string | number | null;
      }>(
        db,
        sql`SELECT t.id, t.type, t.reference, t.meta, t.created_at,
              sum(e.amount_cents) FILTER (WHERE a.kind IN ('available','pending','withdrawing','frozen')) AS own,
              sum(e.amount_cents) FILTER (WHERE a.kind = 'available') AS available,
              sum(e.amount_cents) FILTER (WHERE a.kind = 'escrow') AS escrow
            FROM ledger_entries e
            JOIN ledger_accounts a ON a.id = e.account_id
            JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE a.owner_id = ${userId}
              ${q.type ? sql`AND t.type = ${q.type}` : sql``}
              ${q.from ? sql`AND t.created_at >= ${q.from.toISOString()}` : sql``}
              ${q.to ? sql`AND t.created_at < ${q.to.toISOString()}` : sql``}
              ${q.cursor ? sql`AND t.id < ${q.cursor}` : sql``}
            GROUP BY t.id ORDER BY t.id DESC LIMIT ${limit + 1}`,
      );
      const items = rows.slice(0, limit).map((r) => {
        const net = Number(r.own ?? 0);
        const escrow = Number(r.escrow ?? 0);
        const own = net;
        const createdAt = new Date(r.created_at).toISOString();
        const fee = r.meta?.feeCents && own > 0 ? r.meta.feeCents : 0;
        return {
          id: Number(r.id),
          type: r.type,
          grossCents: fee ? (r.meta.grossCents ?? net + fee) : net,
          feeCents: fee,
          netCents: net,
          escrowCents: escrow,
          availableAt: Number(r.available ?? 0) !== 0 ? createdAt : (r.meta?.availableAt ?? null),
          createdAt,
          reference: r.reference,
        };
      });
      return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
    },
  };
}

export type StatementUseCases = ReturnType<typeof statementUseCases>;
