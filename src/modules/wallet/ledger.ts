import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { PLATFORM_KINDS, type PlatformKind, USER_KINDS, type UserKind } from './rules.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from './schema.ts';

export type UserAccounts = Record<UserKind, number>;
export type PlatformAccounts = Record<PlatformKind, number>;

/** The ids of a user's five accounts, created on first use. */
export async function userAccounts(tx: DbOrTx, userId: number): Promise<UserAccounts> {
  let rows = await tx
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ownerId, userId));
  if (rows.length < USER_KINDS.length) {
    await tx
      .insert(ledgerAccounts)
      .values(USER_KINDS.map((kind) => ({ ownerId: userId, kind })))
      .onConflictDoNothing();
    rows = await tx
      .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.ownerId, userId));
  }
  return Object.fromEntries(rows.map((r) => [r.kind, r.id])) as UserAccounts;
}

export async function platformAccounts(tx: DbOrTx): Promise<PlatformAccounts> {
  let rows = await tx
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind })
    .from(ledgerAccounts)
    .where(isNull(ledgerAccounts.ownerId));
  if (rows.length < PLATFORM_KINDS.length) {
    await tx
      .insert(ledgerAccounts)
      .values(PLATFORM_KINDS.map((kind) => ({ ownerId: null, kind })))
      .onConflictDoNothing();
    rows = await tx.select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind }).from(ledgerAccounts).where(isNull(ledgerAccounts.ownerId));
  }
  return Object.fromEntries(rows.map((r) => [r.kind, r.id])) as PlatformAccounts;
}

export interface Posting {
  type: string;
  reference: string;
  meta?: { grossCents?: number; feeCents?: number; availableAt?: string; note?: string };
  actorId?: number | null;
  entries: { accountId: number; amountCents: number }[];
}

/**
 * Posts one balanced transaction: locks the touched balances in account-id order (FOR UPDATE), refuses
 * with wallet.insufficient_funds if any balance but `world` would go below zero, then writes the
 * transaction, its entries and the new balances. Must run inside the caller's database transaction.
 */
export async function post(tx: DbOrTx, p: Posting): Promise<number> {
  const deltas = new Map<number, number>();
  for (const e of p.entries) {
    if (!Number.isSafeInteger(e.amountCents)) throw new Error(`ledger: amount must be whole cents, got ${e.amountCents}`);
    if (e.amountCents === 0) continue;
    deltas.set(e.accountId, (deltas.get(e.accountId) ?? 0) + e.amountCents);
  }
  const sum = [...deltas.values()].reduce((a, b) => a + b, 0);
  if (sum !== 0) throw new Error(`ledger: transaction ${p.type} does not balance (${sum})`);
  const ids = [...deltas.keys()].filter((id) => deltas.get(id) !== 0).sort((a, b) => a - b);
  if (ids.length === 0) throw new Error(`ledger: transaction ${p.type} moves nothing`);
  const locked = await tx
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, balance: ledgerAccounts.balanceCents })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, ids))
    .orderBy(asc(ledgerAccounts.id))
    .for('update');
  if (locked.length !== ids.length) throw new Error('ledger: unknown account');
  for (const a of locked) {
    const next = Number(a.balance) + (deltas.get(a.id) ?? 0);
    if (a.kind !== 'world' && next < 0) throw new AppError('wallet.insufficient_funds');
  }
  const [row] = await tx
    .insert(ledgerTransactions)
    .values({ type: p.type, reference: p.reference, meta: p.meta ?? {}, actorId: p.actorId ?? null })
    .returning({ id: ledgerTransactions.id });
  await tx
    .insert(ledgerEntries)
    .values(ids.map((accountId) => ({ transactionId: row.id, accountId, amountCents: deltas.get(accountId) as number })));
  for (const id of ids) {
    await tx
      .update(ledgerAccounts)
      .set({ balanceCents: sql`${ledgerAccounts.balanceCents} + ${deltas.get(id)}` })
      .where(eq(ledgerAccounts.id, id));
  }
  return row.id;
}

/**
 * A user's balances by kind (zeros when they have no accounts yet). With `lock`, the rows are locked
 * (FOR UPDATE, in id order) so a movement computed from them cannot race another one.
 */
export async function balancesOf(tx: DbOrTx, userId: number, lock = false): Promise<Record<UserKind, number>> {
  const q = tx
    .select({ kind: ledgerAccounts.kind, balance: ledgerAccounts.balanceCents })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ownerId, userId))
    .orderBy(asc(ledgerAccounts.id));
  const rows = lock ? await q.for('update') : await q;
  const out = Object.fromEntries(USER_KINDS.map((k) => [k, 0])) as Record<UserKind, number>;
  for (const r of rows) out[r.kind as UserKind] = Number(r.balance);
  return out;
}

/** The proofs the finance area shows: every transaction sums to zero, no balance is negative, balances equal their entries. */
export async function reconcile(tx: DbOrTx) {
  type Row = Record<string, unknown>;
  const result = {
    unbalancedTransactions: await queryRows<Row>(
      tx,
      sql`SELECT transaction_id AS id, sum(amount_cents)::bigint AS total FROM ledger_entries
          GROUP BY transaction_id HAVING sum(amount_cents) <> 0 LIMIT 20`,
    ),
    negativeBalances: await queryRows<Row>(
      tx,
      sql`SELECT id, owner_id, kind, balance_cents FROM ledger_accounts WHERE kind <> 'world' AND balance_cents < 0 LIMIT 20`,
    ),
    mismatchedBalances: await queryRows<Row>(
      tx,
      sql`SELECT a.id, a.kind, a.owner_id, a.balance_cents, coalesce(sum(e.amount_cents), 0)::bigint AS entries
          FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
          GROUP BY a.id HAVING a.balance_cents <> coalesce(sum(e.amount_cents), 0) LIMIT 20`,
    ),
    transactionsWithoutEntries: await queryRows<Row>(
      tx,
      sql`SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
          GROUP BY t.id HAVING count(e.id) < 2 LIMIT 20`,
    ),
    ...(
      await queryRows<{ transactions: number; entries: number }>(
        tx,
        sql`SELECT (SELECT count(*) FROM ledger_transactions)::int AS transactions, (SELECT count(*) FROM ledger_entries)::int AS entries`,
      )
    )[0],
  };
  return {
    ok:
      result.unbalancedTransactions.length === 0 &&
      result.negativeBalances.length === 0 &&
      result.mismatchedBalances.length === 0 &&
      result.transactionsWithoutEntries.length === 0,
    ...result,
  };
}
