import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { deposits, freezes, ledgerAccounts, ledgerEntries, ledgerTransactions, withdrawals } from './schema.ts';

/**
 * The wallet's part of a legal export (ModuleManifest `userData`): the user's balances and every ledger entry on
 * them (only the wallet touches ledger tables), their deposits, withdrawals and freezes. Never a deposit's checkout
 * secret: each select names its columns.
 */
export async function walletUserData(tx: DbOrTx, userId: number) {
  const accounts = await tx
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, balanceCents: ledgerAccounts.balanceCents })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.ownerId, userId))
    .orderBy(asc(ledgerAccounts.id));
  const kindOf = new Map(accounts.map((a) => [a.id, a.kind]));
  const entries = accounts.length
    ? await tx
        .select({
          entryId: ledgerEntries.id,
          transactionId: ledgerTransactions.id,
          type: ledgerTransactions.type,
          reference: ledgerTransactions.reference,
          meta: ledgerTransactions.meta,
          accountId: ledgerEntries.accountId,
          amountCents: ledgerEntries.amountCents,
          createdAt: ledgerTransactions.createdAt,
        })
        .from(ledgerEntries)
        .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
        .where(inArray(ledgerEntries.accountId, [...kindOf.keys()]))
        .orderBy(asc(ledgerEntries.id))
    : [];

  const depositRows = await tx
    .select({
      id: deposits.id,
      amountCents: deposits.amountCents,
      method: deposits.method,
      status: deposits.status,
      providerRef: deposits.providerRef,
      reason: deposits.reason,
      decidedBy: deposits.decidedBy,
      createdAt: deposits.createdAt,
      settledAt: deposits.settledAt,
    })
    .from(deposits)
    .where(eq(deposits.userId, userId))
    .orderBy(asc(deposits.id));
  const withdrawalRows = await tx
    .select({
      id: withdrawals.id,
      amountCents: withdrawals.amountCents,
      method: withdrawals.method,
      details: withdrawals.details,
      status: withdrawals.status,
      reference: withdrawals.reference,
      reason: withdrawals.reason,
      decidedBy: withdrawals.decidedBy,
      createdAt: withdrawals.createdAt,
      decidedAt: withdrawals.decidedAt,
      approvedAt: withdrawals.approvedAt,
      promisedBy: withdrawals.promisedBy,
      lateAt: withdrawals.lateAt,
      provider: withdrawals.provider,
      providerRef: withdrawals.providerRef,
    })
    .from(withdrawals)
    .where(eq(withdrawals.userId, userId))
    .orderBy(asc(withdrawals.id));
  const freezeRows = await tx
    .select({
      id: freezes.id,
      reason: freezes.reason,
      releaseAfter: freezes.releaseAfter,
      createdBy: freezes.createdBy,
      createdAt: freezes.createdAt,
      releasedAt: freezes.releasedAt,
    })
    .from(freezes)
    .where(eq(freezes.userId, userId))
    .orderBy(asc(freezes.id));

  return {
    wallet: {
      balances: accounts.map((a) => ({ kind: a.kind, balanceCents: a.balanceCents })),
      ledger: entries.map(({ accountId, ...e }) => ({ ...e, account: kindOf.get(accountId) ?? null })),
      deposits: depositRows,
      withdrawals: withdrawalRows,
      freezes: freezeRows,
    },
  };
}
