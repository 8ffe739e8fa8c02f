import { desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { platformAccounts, reconcile } from '../ledger.ts';
import { mayExploreLedger, mayWorkPaymentQueue, refuseUnless } from '../policy.ts';
import { OPEN_WITHDRAWAL_STATES } from '../rules.ts';
import { deposits, ledgerTransactions, withdrawals } from '../schema.ts';
import type { Staff, WalletContext } from './context.ts';
import type { StatementUseCases } from './statement.ts';

/** The finance area: the queue of payments to decide, the ledger explorer, revenue and the reconciliation. */
export function financeUseCases(ctx: WalletContext, statement: Pick<StatementUseCases, 'balances' | 'statement'>) {
  const { db, activeFreeze } = ctx;
  return {
    async queue(actor: Staff) {
      refuseUnless(actor, mayWorkPaymentQueue(actor));
      const [ws, ds] = [
        // Requested and approved (being sent), the late ones first, then the oldest first.
        await db
          .select()
          .from(withdrawals)
          .where(inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATES]))
          .orderBy(sql`${withdrawals.lateAt} IS NULL`, withdrawals.id)
          .limit(200),
        await db.select().from(deposits).where(eq(deposits.status, 'pending')).orderBy(desc(deposits.id)).limit(200),
      ];
      return { withdrawals: ws, deposits: ds };
    },

    async recentWithdrawals(actor: Staff, limit = 50) {
      refuseUnless(actor, mayExploreLedger(actor));
      return db.select().from(withdrawals).orderBy(desc(withdrawals.id)).limit(limit);
    },

    async recentDeposits(actor: Staff, limit = 50) {
      refuseUnless(actor, mayExploreLedger(actor));
      return db.select().from(deposits).orderBy(desc(deposits.id)).limit(limit);
    },

    async reconcile(actor: Staff) {
      refuseUnless(actor, mayExploreLedger(actor));
      return reconcile(db);
    },

    /** Platform revenue: the balance of the revenue account and commission by month. */
    async revenue(actor: Staff) {
      refuseUnless(actor, mayExploreLedger(actor));
      const plat = await platformAccounts(db);
      const byMonth = await queryRows<{ month: string; cents: string | number }>(
        db,
        sql`SELECT to_char(date_trunc('month', t.created_at), 'YYYY-MM') AS month, sum(e.amount_cents)::bigint AS cents
            FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE e.account_id = ${plat.revenue} GROUP BY 1 ORDER BY 1 DESC LIMIT 24`,
      );
      const [bal] = await queryRows<{ revenue: string | number; world: string | number; referrals: string | number }>(
        db,
        sql`SELECT (SELECT balance_cents FROM ledger_accounts WHERE id = ${plat.revenue}) AS revenue,
                   (SELECT balance_cents FROM ledger_accounts WHERE id = ${plat.world}) AS world,
                   (SELECT coalesce(-sum(e.amount_cents), 0)::bigint FROM ledger_entries e
                      JOIN ledger_transactions t ON t.id = e.transaction_id AND t.type IN ('referral_reward', 'referral_reversal')
                     WHERE e.account_id = ${plat.revenue}) AS referrals`,
      );
      // What the revenue came from: each ledger type's total into the revenue account (commission, promotions…).
      const byType = await queryRows<{ type: string; cents: string | number }>(
        db,
        sql`SELECT t.type, sum(e.amount_cents)::bigint AS cents
            FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE e.account_id = ${plat.revenue} GROUP BY 1 ORDER BY 2 DESC, 1`,
      );
      return {
        revenueCents: Number(bal.revenue),
        byType: byType.map((r) => ({ type: r.type, cents: Number(r.cents) })),
        worldCents: Number(bal.world),
        /** Paid out of revenue as referral rewards, less the rewards taken back (the revenue above is after them). */
        referralRewardsCents: Number(bal.referrals),
        byMonth: byMonth.map((m) => ({ month: m.month, cents: Number(m.cents) })),
      };
    },

    /** The ledger explorer: one transaction with its entries, or a user's transactions. */
    async transaction(actor: Staff, id: number) {
      refuseUnless(actor, mayExploreLedger(actor));
      const [t] = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.id, id));
      if (!t) throw new AppError('wallet.transaction_not_found');
      const entries = await queryRows<{ account_id: number; owner_id: number | null; kind: string; amount_cents: string | number }>(
        db,
        sql`SELECT e.account_id, a.owner_id, a.kind, e.amount_cents FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
            WHERE e.transaction_id = ${id} ORDER BY e.id`,
      );
      return {
        ...t,
        entries: entries.map((e) => ({ accountId: e.account_id, ownerId: e.owner_id, kind: e.kind, amountCents: Number(e.amount_cents) })),
      };
    },

    async userLedger(actor: Staff, userId: number, origin: { ip: string | null }) {
      refuseUnless(actor, mayExploreLedger(actor));
      await audit(db, { actorId: actor.id, action: 'wallet.view', targetType: 'user', targetId: userId, ip: origin.ip });
      return {
        balances: await statement.balances(userId),
        statement: await statement.statement(userId, { limit: 200 }),
        freeze: await activeFreeze(db, userId),
      };
    },
  };
}
