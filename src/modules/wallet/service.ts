import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { newToken, sha256 } from '../../platform/crypto.ts';
import { type DbOrTx, queryRows, type Tx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { claimKey, completeKey, type IdempotencyKey, idempotent, releaseKey } from '../../platform/idempotency.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';
import type { NotificationsService } from '../notifications/index.ts';
import { balancesOf, platformAccounts, post, reconcile, userAccounts } from './ledger.ts';
import { walletMail } from './mails.ts';
import type { CheckoutProvider, ProviderConfirmation } from './providers.ts';
import { SANDBOX_CARD_DECLINED, SANDBOX_CARD_PAYS, sandboxProvider } from './providers.ts';
import {
  addBusinessDays,
  amountProblem,
  commissionSplit,
  DEFAULT_WALLET_SETTINGS,
  detailFields,
  detailProblems,
  dollarsToCents,
  isWithdrawalMethod,
  MANUAL_METHODS,
  type ManualMethod,
  type WalletSettings,
  WITHDRAWAL_METHODS,
  type WithdrawalMethod,
} from './rules.ts';
import { clearances, deposits, freezes, ledgerAccounts, ledgerEntries, ledgerTransactions, paymentEvents, withdrawals } from './schema.ts';

export type Deposit = typeof deposits.$inferSelect;
type DepositAnswer = { id: number; status: 'pending'; checkoutUrl: string | null };
export type Withdrawal = typeof withdrawals.$inferSelect;
type Staff = Pick<AuthUser, 'id' | 'roles'>;

function requireFinance(actor: Staff) {
  if (!actor.roles.includes('finance') && !actor.roles.includes('admin')) throw new AppError('auth.forbidden');
}

/** How the wallet reaches the accounts module without depending on it: the address and language to write to. */
export interface Recipients {
  /** Reads inside the caller's transaction (`tx`): on PGlite a second connection would wait on it forever. */
  contactOf(userId: number, tx: DbOrTx): Promise<{ email: string; name: string; locale: 'ar' | 'en' } | null>;
}

export function createWalletService(
  deps: Deps,
  notifier: Pick<NotificationsService, 'notify'>,
  providers: { stripe: CheckoutProvider | null },
  /** The sanction guard (trust): a withdrawing sanction refuses withdrawal requests. */
  guard: { assertAllowed(userId: number, scope: 'withdrawing', tx?: DbOrTx): Promise<void> },
) {
  const { db, clock, config } = deps;
  /** The sandbox is on when no real provider is configured (API.md). */
  const checkout: CheckoutProvider = providers.stripe ?? sandboxProvider(config.baseUrl);

  async function settingsOf(tx: DbOrTx = db): Promise<WalletSettings> {
    const stored = (await readSetting(tx, 'wallet')) as Partial<WalletSettings> | undefined;
    return { ...DEFAULT_WALLET_SETTINGS, ...(stored ?? {}) };
  }

  async function notify(tx: DbOrTx, userId: number, kind: Parameters<typeof walletMail>[0], params: Record<string, string | number>) {
    await notifier.notify(tx, {
      userId,
      type: `wallet.${kind}`,
      params,
      url: '/wallet',
      mail: (to) => walletMail(kind, { ...to, baseUrl: config.baseUrl, params }),
    });
  }

  async function activeFreeze(tx: DbOrTx, userId: number) {
    const [f] = await tx
      .select()
      .from(freezes)
      .where(and(eq(freezes.userId, userId), isNull(freezes.releasedAt)))
      .limit(1);
    return f ?? null;
  }

  const paidHooks: ((tx: Tx, deposit: Deposit) => Promise<void>)[] = [];

  /** Credits a confirmed payment once: the provider's event id and the deposit's state both guard it. */
  async function settleDeposit(tx: Tx, c: ProviderConfirmation, actorId: number | null): Promise<{ deposit: Deposit; duplicate: boolean }> {
    const seen = await tx
      .insert(paymentEvents)
      .values({ provider: c.provider, eventId: c.eventId, depositId: c.depositId })
      .onConflictDoNothing()
      .returning({ eventId: paymentEvents.eventId });
    const [deposit] = await tx.select().from(deposits).where(eq(deposits.id, c.depositId));
    if (!deposit) throw new AppError('wallet.deposit_not_found');
    if (seen.length === 0) return { deposit, duplicate: true };
    if (deposit.amountCents !== c.amountCents) throw new AppError('wallet.amount_mismatch');
    const [paid] = await tx
      .update(deposits)
      .set({ status: 'paid', settledAt: clock(), decidedBy: actorId })
      .where(and(eq(deposits.id, c.depositId), eq(deposits.status, 'pending')))
      .returning();
    if (!paid) throw new AppError('wallet.deposit_settled');
    const [acc, plat] = [await userAccounts(tx, paid.userId), await platformAccounts(tx)];
    await post(tx, {
      type: 'deposit',
      reference: `deposit:${paid.id}`,
      actorId,
      entries: [
        { accountId: plat.world, amountCents: -paid.amountCents },
        { accountId: acc.available, amountCents: paid.amountCents },
      ],
    });
    await notify(tx, paid.userId, 'deposit_paid', { amount: paid.amountCents, id: paid.id });
    for (const hook of paidHooks) await hook(tx, paid);
    return { deposit: paid, duplicate: false };
  }

  const service = {
    settings: settingsOf,

    /** Admin changes the wallet's numbers and method lists (RULES.md: every number is a setting); audited. */
    async updateSettings(actor: Staff, input: Record<string, string>) {
      if (!actor.roles.includes('admin')) throw new AppError('auth.forbidden');
      const fields: Record<string, string> = {};
      const dollars = (name: string, min: number, max: number) => {
        const cents = dollarsToCents(input[name] ?? '');
        if (cents === null || cents < min || cents > max) fields[name] = 'settings.amount_invalid';
        return cents ?? 0;
      };
      const minDepositCents = dollars('minDeposit', 100, 100_000);
      const minWithdrawalCents = dollars('minWithdrawal', 100, 100_000);
      const maxDepositCents = dollars('maxDeposit', 100, 100_000_000);
      const pct = Number(input.commissionPercent);
      if (!/^\d{1,2}(\.\d{1,2})?$/.test(input.commissionPercent ?? '') || pct > 50) fields.commissionPercent = 'settings.percent_invalid';
      const days = Number(input.freezeReleaseBusinessDays);
      if (!/^\d{1,3}$/.test(input.freezeReleaseBusinessDays ?? '') || days > 365)
        fields.freezeReleaseBusinessDays = 'settings.days_invalid';
      const list = (name: string, allowed: readonly string[]) => (input[name] ?? '').split(',').filter((m) => allowed.includes(m));
      const withdrawalMethods = list('withdrawalMethods', WITHDRAWAL_METHODS) as WithdrawalMethod[];
      const manualDepositMethods = list('manualDepositMethods', MANUAL_METHODS) as ManualMethod[];
      if (withdrawalMethods.length === 0) fields.withdrawalMethods = 'settings.methods_required';
      if (minDepositCents > maxDepositCents) fields.maxDeposit = 'settings.amount_invalid';
      if (Object.keys(fields).length) throw invalid(fields);
      const next: WalletSettings = {
        minDepositCents,
        minWithdrawalCents,
        maxDepositCents,
        commissionBp: Math.round(pct * 100),
        freezeReleaseBusinessDays: days,
        withdrawalMethods,
        manualDepositMethods,
      };
      await db.transaction(async (tx) => writeSetting(tx, 'wallet', next, actor.id, await settingsOf(tx)));
      return next;
    },
    sandboxOn: checkout.id === 'sandbox',
    /** The checkout provider deposits go through ('sandbox' or 'stripe'). */
    checkoutId: checkout.id,

    /**
     * Runs `fn` inside the transaction that credits a paid deposit (after the credit), e.g. to place the order
     * the deposit was made for. A failure inside `fn` must be contained by `fn` (the credit stands).
     */
    onDepositPaid(fn: (tx: Tx, deposit: Deposit) => Promise<void>) {
      paidHooks.push(fn);
    },
    providerId: checkout.id,

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

    // ——— deposits ———

    /** Starts a deposit: a provider checkout, or a manual transfer whose reference finance staff confirm. */
    async createDeposit(
      actor: AuthUser,
      input: { amountCents: unknown; method?: string; reference?: string },
      idem: IdempotencyKey | null,
      opts: { returnPath?: string } = {},
    ) {
      const s = await settingsOf();
      const method = input.method || 'sandbox';
      const fields: Record<string, string> = {};
      const a = amountProblem(input.amountCents);
      if (a) fields.amountCents = a;
      else if ((input.amountCents as number) < s.minDepositCents) fields.amountCents = 'wallet.below_min_deposit';
      else if ((input.amountCents as number) > s.maxDepositCents) fields.amountCents = 'wallet.above_max_deposit';
      const manual = (MANUAL_METHODS as readonly string[]).includes(method) && s.manualDepositMethods.includes(method as ManualMethod);
      if (!manual && method !== checkout.id) fields.method = 'wallet.method_unknown';
      const reference = (input.reference ?? '').trim();
      if (manual && (reference.length < 4 || reference.length > 100)) fields.reference = 'wallet.reference_required';
      if (Object.keys(fields).length) throw invalid(fields, { min: s.minDepositCents / 100, max: s.maxDepositCents / 100 });
      const amountCents = input.amountCents as number;
      const secret = newToken();
      // Phase 1: claim the key and record the deposit. The provider is called after this commits, never
      // inside a transaction (a slow provider must not hold database locks, and on PGlite the database).
      const first = await db.transaction(async (tx) => {
        const replay = idem ? await claimKey<DepositAnswer>(tx, idem) : null;
        if (replay) return { replay };
        const [d] = await tx
          .insert(deposits)
          .values({
            userId: actor.id,
            amountCents,
            method: manual ? method : checkout.id,
            status: 'pending',
            providerRef: manual ? reference : null,
            secretHash: manual ? null : sha256(secret),
          })
          .returning();
        const answer: DepositAnswer = { id: d.id, status: 'pending', checkoutUrl: null };
        if (manual && idem) await completeKey(tx, idem, { status: 201, body: answer });
        return { deposit: d, answer };
      });
      if ('replay' in first && first.replay) return first.replay.body;
      if (manual) return first.answer;
      const d = first.deposit;
      let c: { checkoutUrl: string; providerRef: string };
      try {
        c = await checkout.createCheckout({
          depositId: d.id,
          amountCents,
          email: actor.email,
          locale: actor.locale,
          returnUrl: `${config.baseUrl}${actor.locale === 'en' ? '/en' : ''}${opts.returnPath ?? '/wallet'}`,
          secret,
        });
      } catch {
        await db.transaction(async (tx) => {
          await tx
            .update(deposits)
            .set({ status: 'failed', reason: 'provider_unavailable', settledAt: clock() })
            .where(eq(deposits.id, d.id));
          if (idem) await releaseKey(tx, idem);
        });
        throw new AppError('wallet.provider_unavailable');
      }
      const answer: DepositAnswer = { id: d.id, status: 'pending', checkoutUrl: c.checkoutUrl };
      await db.transaction(async (tx) => {
        await tx.update(deposits).set({ providerRef: c.providerRef }).where(eq(deposits.id, d.id));
        if (idem) await completeKey(tx, idem, { status: 201, body: answer });
      });
      return answer;
    },

    /** The sandbox checkout page's deposit, if the secret in its URL matches. */
    async sandboxDeposit(id: number, secret: string): Promise<Deposit> {
      const [d] = await db.select().from(deposits).where(eq(deposits.id, id));
      if (d?.method !== 'sandbox' || !d.secretHash || d.secretHash !== sha256(secret ?? '')) throw new AppError('wallet.deposit_not_found');
      return d;
    },

    /** The sandbox gateway's payment form: 4242… pays, 4000…0002 is declined, anything else is not a test card. */
    async paySandbox(id: number, secret: string, card: string): Promise<Deposit> {
      if (checkout.id !== 'sandbox') throw new AppError('wallet.deposit_not_found');
      const d = await service.sandboxDeposit(id, secret);
      const digits = (card ?? '').replace(/[\s-]/g, '');
      if (d.status !== 'pending') throw new AppError('wallet.deposit_settled');
      if (digits === SANDBOX_CARD_PAYS) {
        const r = await db.transaction((tx) =>
          settleDeposit(tx, { provider: 'sandbox', eventId: `sandbox-${id}`, depositId: id, amountCents: d.amountCents }, null),
        );
        deps.outbox.kick();
        return r.deposit;
      }
      if (digits === SANDBOX_CARD_DECLINED) {
        const [failed] = await db
          .update(deposits)
          .set({ status: 'failed', reason: 'card_declined', settledAt: clock() })
          .where(and(eq(deposits.id, id), eq(deposits.status, 'pending')))
          .returning();
        if (!failed) throw new AppError('wallet.deposit_settled');
        throw new AppError('wallet.card_declined');
      }
      throw invalid({ card: 'wallet.card_invalid' });
    },

    /** A provider's confirmation (webhook). Replays of the same event add nothing and are not errors. */
    async confirmDeposit(c: ProviderConfirmation) {
      const r = await db.transaction((tx) => settleDeposit(tx, c, null));
      deps.outbox.kick();
      return r;
    },

    async deposit(actor: AuthUser, id: number): Promise<Deposit> {
      const [d] = await db.select().from(deposits).where(eq(deposits.id, id));
      if (!d || (d.userId !== actor.id && !actor.roles.some((r) => r === 'finance' || r === 'admin')))
        throw new AppError('wallet.deposit_not_found');
      return d;
    },

    async myDeposits(userId: number, limit = 20) {
      return db.select().from(deposits).where(eq(deposits.userId, userId)).orderBy(desc(deposits.id)).limit(limit);
    },

    /** Finance confirms a manual transfer after checking it arrived. */
    async confirmManualDeposit(actor: Staff, id: number) {
      requireFinance(actor);
      const [d] = await db.select().from(deposits).where(eq(deposits.id, id));
      if (!d) throw new AppError('wallet.deposit_not_found');
      if (!(MANUAL_METHODS as readonly string[]).includes(d.method)) throw new AppError('wallet.not_manual');
      const r = await db.transaction(async (tx) => {
        const out = await settleDeposit(
          tx,
          { provider: 'manual', eventId: `manual-${id}`, depositId: id, amountCents: d.amountCents },
          actor.id,
        );
        if (out.duplicate) throw new AppError('wallet.deposit_settled');
        await audit(tx, {
          actorId: actor.id,
          action: 'deposit.confirm',
          targetType: 'deposit',
          targetId: id,
          data: { amountCents: d.amountCents },
        });
        return out.deposit;
      });
      deps.outbox.kick();
      return r;
    },

    async rejectDeposit(actor: Staff, id: number, reason: string) {
      requireFinance(actor);
      const why = (reason ?? '').trim();
      if (why.length < 3 || why.length > 500) throw invalid({ reason: 'wallet.reason_required' });
      const r = await db.transaction(async (tx) => {
        const [d] = await tx
          .update(deposits)
          .set({ status: 'rejected', reason: why, decidedBy: actor.id, settledAt: clock() })
          .where(and(eq(deposits.id, id), eq(deposits.status, 'pending')))
          .returning();
        if (!d) throw new AppError('wallet.deposit_settled');
        await audit(tx, { actorId: actor.id, action: 'deposit.reject', targetType: 'deposit', targetId: id, data: { reason: why } });
        await notify(tx, d.userId, 'deposit_rejected', { amount: d.amountCents, id: d.id, reason: why });
        return d;
      });
      deps.outbox.kick();
      return r;
    },

    // ——— withdrawals ———

    /** Takes the amount out of `available` at once; finance staff pay it by hand or reject it. */
    async requestWithdrawal(
      actor: AuthUser,
      input: { amountCents: unknown; method: string; details: Record<string, unknown> },
      idem: IdempotencyKey | null,
    ) {
      await guard.assertAllowed(actor.id, 'withdrawing');
      const s = await settingsOf();
      const fields: Record<string, string> = {};
      const a = amountProblem(input.amountCents);
      if (a) fields.amountCents = a;
      else if ((input.amountCents as number) < s.minWithdrawalCents) fields.amountCents = 'wallet.below_min_withdrawal';
      const method = input.method ?? '';
      if (!isWithdrawalMethod(method) || !s.withdrawalMethods.includes(method)) fields.method = 'wallet.method_unknown';
      else Object.assign(fields, detailProblems(method, input.details ?? {}));
      if (Object.keys(fields).length) throw invalid(fields, { min: s.minWithdrawalCents / 100 });
      const amountCents = input.amountCents as number;
      const details = Object.fromEntries(detailFields(method as WithdrawalMethod).map((f) => [f, String(input.details[f]).trim()]));
      const r = await idempotent(db, idem, async (tx) => {
        if (await activeFreeze(tx, actor.id)) throw new AppError('wallet.account_frozen');
        const [w] = await tx
          .insert(withdrawals)
          .values({ userId: actor.id, amountCents, method, details, status: 'requested' })
          .returning();
        const acc = await userAccounts(tx, actor.id);
        await post(tx, {
          type: 'withdrawal',
          reference: `withdrawal:${w.id}`,
          actorId: actor.id,
          entries: [
            { accountId: acc.available, amountCents: -amountCents },
            { accountId: acc.withdrawing, amountCents },
          ],
        });
        return { status: 201, body: { id: w.id, status: 'requested' as const } };
      });
      return r.body;
    },

    async myWithdrawals(userId: number, limit = 20) {
      return db.select().from(withdrawals).where(eq(withdrawals.userId, userId)).orderBy(desc(withdrawals.id)).limit(limit);
    },

    /** Finance marks a withdrawal paid with the payout's reference; the money leaves the platform. */
    async approveWithdrawal(actor: Staff, id: number, reference: string) {
      requireFinance(actor);
      const ref = (reference ?? '').trim();
      if (ref.length < 3 || ref.length > 200) throw invalid({ reference: 'wallet.reference_required' });
      const r = await db.transaction(async (tx) => {
        const [w] = await tx
          .update(withdrawals)
          .set({ status: 'paid', reference: ref, decidedBy: actor.id, decidedAt: clock() })
          .where(and(eq(withdrawals.id, id), eq(withdrawals.status, 'requested')))
          .returning();
        if (!w) throw await withdrawalStateError(tx, id);
        // A withdrawal asked for before a freeze is not paid out while the freeze lasts: finance rejects it instead.
        if (await activeFreeze(tx, w.userId)) throw new AppError('wallet.account_frozen');
        const [acc, plat] = [await userAccounts(tx, w.userId), await platformAccounts(tx)];
        await post(tx, {
          type: 'withdrawal_paid',
          reference: `withdrawal:${w.id}`,
          actorId: actor.id,
          entries: [
            { accountId: acc.withdrawing, amountCents: -w.amountCents },
            { accountId: plat.world, amountCents: w.amountCents },
          ],
        });
        await audit(tx, {
          actorId: actor.id,
          action: 'withdrawal.approve',
          targetType: 'withdrawal',
          targetId: id,
          data: { reference: ref },
        });
        await notify(tx, w.userId, 'withdrawal_paid', { amount: w.amountCents, id: w.id, reference: ref });
        return w;
      });
      deps.outbox.kick();
      return r;
    },

    /** Finance refuses a withdrawal with a reason; the amount returns to `available`. */
    async rejectWithdrawal(actor: Staff, id: number, reason: string) {
      requireFinance(actor);
      const why = (reason ?? '').trim();
      if (why.length < 3 || why.length > 500) throw invalid({ reason: 'wallet.reason_required' });
      const r = await db.transaction(async (tx) => {
        const [w] = await tx
          .update(withdrawals)
          .set({ status: 'rejected', reason: why, decidedBy: actor.id, decidedAt: clock() })
          .where(and(eq(withdrawals.id, id), eq(withdrawals.status, 'requested')))
          .returning();
        if (!w) throw await withdrawalStateError(tx, id);
        const acc = await userAccounts(tx, w.userId);
        await post(tx, {
          type: 'withdrawal_rejected',
          reference: `withdrawal:${w.id}`,
          actorId: actor.id,
          entries: [
            { accountId: acc.withdrawing, amountCents: -w.amountCents },
            { accountId: acc.available, amountCents: w.amountCents },
          ],
        });
        await audit(tx, { actorId: actor.id, action: 'withdrawal.reject', targetType: 'withdrawal', targetId: id, data: { reason: why } });
        await notify(tx, w.userId, 'withdrawal_rejected', { amount: w.amountCents, id: w.id, reason: why });
        return w;
      });
      deps.outbox.kick();
      return r;
    },

    // ——— finance area ———

    async queue(actor: Staff) {
      requireFinance(actor);
      const [ws, ds] = [
        await db.select().from(withdrawals).where(eq(withdrawals.status, 'requested')).orderBy(withdrawals.id).limit(200),
        await db.select().from(deposits).where(eq(deposits.status, 'pending')).orderBy(desc(deposits.id)).limit(200),
      ];
      return { withdrawals: ws, deposits: ds };
    },

    async recentWithdrawals(actor: Staff, limit = 50) {
      requireFinance(actor);
      return db.select().from(withdrawals).orderBy(desc(withdrawals.id)).limit(limit);
    },

    async recentDeposits(actor: Staff, limit = 50) {
      requireFinance(actor);
      return db.select().from(deposits).orderBy(desc(deposits.id)).limit(limit);
    },

    async reconcile(actor: Staff) {
      requireFinance(actor);
      return reconcile(db);
    },

    /** Platform revenue: the balance of the revenue account and commission by month. */
    async revenue(actor: Staff) {
      requireFinance(actor);
      const plat = await platformAccounts(db);
      const byMonth = await queryRows<{ month: string; cents: string | number }>(
        db,
        sql`SELECT to_char(date_trunc('month', t.created_at), 'YYYY-MM') AS month, sum(e.amount_cents)::bigint AS cents
            FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE e.account_id = ${plat.revenue} GROUP BY 1 ORDER BY 1 DESC LIMIT 24`,
      );
      const [bal] = await queryRows<{ revenue: string | number; world: string | number }>(
        db,
        sql`SELECT (SELECT balance_cents FROM ledger_accounts WHERE id = ${plat.revenue}) AS revenue,
                   (SELECT balance_cents FROM ledger_accounts WHERE id = ${plat.world}) AS world`,
      );
      return {
        revenueCents: Number(bal.revenue),
        worldCents: Number(bal.world),
        byMonth: byMonth.map((m) => ({ month: m.month, cents: Number(m.cents) })),
      };
    },

    /** The ledger explorer: one transaction with its entries, or a user's transactions. */
    async transaction(actor: Staff, id: number) {
      requireFinance(actor);
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
      requireFinance(actor);
      await audit(db, { actorId: actor.id, action: 'wallet.view', targetType: 'user', targetId: userId, ip: origin.ip });
      return {
        balances: await service.balances(userId),
        statement: await service.statement(userId, { limit: 200 }),
        freeze: await activeFreeze(db, userId),
      };
    },

    /**
     * After a permanent ban's review (policy 5): finance pays proven damages out of the frozen balance to a
     * harmed user (a refund), with a reason; audited by deductFrozen. Never more than is frozen.
     */
    async staffDeductFrozen(
      actor: Staff,
      userId: number,
      input: { toUserId: unknown; amountCents: unknown; reason: unknown },
      /** Whether the recipient is a user (the accounts module knows; the caller asks it). */
      userExists: (id: number) => Promise<boolean>,
    ) {
      requireFinance(actor);
      const fields: Record<string, string> = {};
      const to = Number(input.toUserId);
      if (!Number.isSafeInteger(to) || to < 1 || to === userId || !(await userExists(to))) fields.toUserId = 'wallet.freeze_to_invalid';
      const a = amountProblem(input.amountCents);
      if (a) fields.amountCents = a;
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason.length < 3 || reason.length > 500) fields.reason = 'wallet.reason_required';
      if (Object.keys(fields).length) throw invalid(fields);
      return db.transaction(async (tx) => {
        const b = await balancesOf(tx, userId, true);
        if ((input.amountCents as number) > b.frozen) throw invalid({ amountCents: 'wallet.above_frozen' }, { max: b.frozen / 100 });
        return service.deductFrozen(tx, { userId, toUserId: to, amountCents: input.amountCents as number, reason, actorId: actor.id });
      });
    },

    /** Finance releases what is left frozen to the user's available balance and ends the freeze (audited). */
    async staffReleaseFrozen(actor: Staff, userId: number) {
      requireFinance(actor);
      return db.transaction(async (tx) => {
        if (!(await activeFreeze(tx, userId))) throw new AppError('wallet.not_frozen');
        return service.releaseFrozen(tx, { userId, actorId: actor.id });
      });
    },

    // ——— what other modules call, inside their own transaction ———

    /** Buyer's available → escrow (an order or a hire is paid for). */
    async holdEscrow(tx: Tx, h: { buyerId: number; amountCents: number; reference: string; actorId?: number }) {
      positive(h.amountCents);
      const acc = await userAccounts(tx, h.buyerId);
      return post(tx, {
        type: 'escrow_hold',
        reference: h.reference,
        actorId: h.actorId ?? h.buyerId,
        entries: [
          { accountId: acc.available, amountCents: -h.amountCents },
          { accountId: acc.escrow, amountCents: h.amountCents },
        ],
      });
    },

    /** Escrow → seller's pending (minus commission) and platform revenue; the amount clears after `clearanceDays`. */
    async releaseEscrow(
      tx: Tx,
      r: {
        buyerId: number;
        sellerId: number;
        amountCents: number;
        commissionBp: number;
        clearanceDays: number;
        reference: string;
        actorId?: number | null;
      },
    ) {
      positive(r.amountCents);
      if (!Number.isSafeInteger(r.commissionBp) || r.commissionBp < 0 || r.commissionBp > 10000)
        throw new AppError('wallet.amount_invalid');
      const { feeCents, netCents } = commissionSplit(r.amountCents, r.commissionBp);
      const clearsAt = new Date(clock().getTime() + r.clearanceDays * 86_400_000);
      const [buyer, seller, plat] = [await userAccounts(tx, r.buyerId), await userAccounts(tx, r.sellerId), await platformAccounts(tx)];
      const txId = await post(tx, {
        type: 'escrow_release',
        reference: r.reference,
        actorId: r.actorId ?? null,
        meta: { grossCents: r.amountCents, feeCents, availableAt: clearsAt.toISOString() },
        entries: [
          { accountId: buyer.escrow, amountCents: -r.amountCents },
          { accountId: seller.pending, amountCents: netCents },
          { accountId: plat.revenue, amountCents: feeCents },
        ],
      });
      if (netCents > 0)
        await tx.insert(clearances).values({ userId: r.sellerId, amountCents: netCents, clearsAt, sourceTransactionId: txId });
      return { transactionId: txId, feeCents, netCents, clearsAt };
    },

    /** Escrow → back to the buyer's available. */
    async refundEscrow(tx: Tx, r: { buyerId: number; amountCents: number; reference: string; actorId?: number | null }) {
      positive(r.amountCents);
      const acc = await userAccounts(tx, r.buyerId);
      return post(tx, {
        type: 'escrow_refund',
        reference: r.reference,
        actorId: r.actorId ?? null,
        entries: [
          { accountId: acc.escrow, amountCents: -r.amountCents },
          { accountId: acc.available, amountCents: r.amountCents },
        ],
      });
    },

    /** A dispute's split: `buyerCents` back to the buyer, the rest released to the seller with commission. */
    async splitEscrow(
      tx: Tx,
      r: {
        buyerId: number;
        sellerId: number;
        amountCents: number;
        buyerCents: number;
        commissionBp: number;
        clearanceDays: number;
        reference: string;
        actorId?: number | null;
      },
    ) {
      positive(r.amountCents);
      if (!Number.isSafeInteger(r.buyerCents) || r.buyerCents < 0 || r.buyerCents > r.amountCents)
        throw invalid({ buyerCents: 'wallet.split_invalid' });
      const sellerGross = r.amountCents - r.buyerCents;
      if (r.buyerCents > 0)
        await service.refundEscrow(tx, { buyerId: r.buyerId, amountCents: r.buyerCents, reference: r.reference, actorId: r.actorId });
      if (sellerGross > 0) return service.releaseEscrow(tx, { ...r, amountCents: sellerGross });
      return null;
    },

    /** Moves every due amount from pending to available; each once, safe to run from several workers. */
    async runClearances(now: Date): Promise<number> {
      let done = 0;
      for (;;) {
        const n = await db.transaction(async (tx) => {
          const due = await tx
            .select()
            .from(clearances)
            .where(and(isNull(clearances.clearedAt), isNull(clearances.heldAt), lte(clearances.clearsAt, now)))
            .orderBy(clearances.id)
            .limit(50)
            .for('update', { skipLocked: true });
          for (const c of due) {
            const acc = await userAccounts(tx, c.userId);
            await tx.update(clearances).set({ clearedAt: now }).where(eq(clearances.id, c.id));
            await post(tx, {
              type: 'clearance',
              reference: `clearance:${c.id}`,
              entries: [
                { accountId: acc.pending, amountCents: -c.amountCents },
                { accountId: acc.available, amountCents: c.amountCents },
              ],
            });
          }
          return due.length;
        });
        done += n;
        if (n < 50) return done;
      }
    },

    /** A permanent ban's freeze (policy 5): the whole balance (available and pending) moves to frozen. */
    async freezeBalance(tx: Tx, f: { userId: number; reason: string; actorId: number; releaseAfter?: Date | null }) {
      const s = await settingsOf(tx);
      const releaseAfter = f.releaseAfter === undefined ? addBusinessDays(clock(), s.freezeReleaseBusinessDays) : f.releaseAfter;
      const [row] = await tx.insert(freezes).values({ userId: f.userId, reason: f.reason, releaseAfter, createdBy: f.actorId }).returning();
      const acc = await userAccounts(tx, f.userId);
      const b = await balancesOf(tx, f.userId, true);
      if (b.available + b.pending > 0) {
        await post(tx, {
          type: 'freeze',
          reference: `freeze:${row.id}`,
          actorId: f.actorId,
          meta: { note: f.reason },
          entries: [
            { accountId: acc.available, amountCents: -b.available },
            { accountId: acc.pending, amountCents: -b.pending },
            { accountId: acc.frozen, amountCents: b.available + b.pending },
          ],
        });
      }
      await tx
        .update(clearances)
        .set({ heldAt: clock() })
        .where(and(eq(clearances.userId, f.userId), isNull(clearances.clearedAt), isNull(clearances.heldAt)));
      await audit(tx, {
        actorId: f.actorId,
        action: 'wallet.freeze',
        targetType: 'user',
        targetId: f.userId,
        data: { reason: f.reason, frozenCents: b.available + b.pending },
      });
      return row;
    },

    /** After review: part of the frozen money goes to a harmed buyer (proven damages). */
    async deductFrozen(tx: Tx, d: { userId: number; toUserId: number; amountCents: number; reason: string; actorId: number }) {
      positive(d.amountCents);
      const [from, to] = [await userAccounts(tx, d.userId), await userAccounts(tx, d.toUserId)];
      const id = await post(tx, {
        type: 'freeze_deduction',
        reference: `user:${d.userId}`,
        actorId: d.actorId,
        meta: { note: d.reason },
        entries: [
          { accountId: from.frozen, amountCents: -d.amountCents },
          { accountId: to.available, amountCents: d.amountCents },
        ],
      });
      await audit(tx, {
        actorId: d.actorId,
        action: 'wallet.deduct_frozen',
        targetType: 'user',
        targetId: d.userId,
        data: { toUserId: d.toUserId, amountCents: d.amountCents, reason: d.reason },
      });
      return id;
    },

    /** Releases what is left frozen back to available and ends the freeze. */
    async releaseFrozen(tx: Tx, r: { userId: number; actorId: number }) {
      const acc = await userAccounts(tx, r.userId);
      const b = await balancesOf(tx, r.userId, true);
      if (b.frozen > 0) {
        await post(tx, {
          type: 'unfreeze',
          reference: `user:${r.userId}`,
          actorId: r.actorId,
          entries: [
            { accountId: acc.frozen, amountCents: -b.frozen },
            { accountId: acc.available, amountCents: b.frozen },
          ],
        });
      }
      await tx
        .update(freezes)
        .set({ releasedAt: clock() })
        .where(and(eq(freezes.userId, r.userId), isNull(freezes.releasedAt)));
      await audit(tx, {
        actorId: r.actorId,
        action: 'wallet.unfreeze',
        targetType: 'user',
        targetId: r.userId,
        data: { releasedCents: b.frozen },
      });
      return b.frozen;
    },

    /** Everything the ledger holds about a user, for the legal export (admin module), inside its transaction. */
    async ledgerExport(tx: DbOrTx, userId: number) {
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
      return {
        balances: accounts.map((a) => ({ kind: a.kind, balanceCents: a.balanceCents })),
        ledger: entries.map(({ accountId, ...e }) => ({ ...e, account: kindOf.get(accountId) ?? null })),
      };
    },

    async freezeOf(userId: number) {
      return activeFreeze(db, userId);
    },
  };
  return service;
}

/** Amounts other modules pass must be positive whole cents (a negative hold would be a refund in disguise). */
function positive(cents: number): void {
  if (amountProblem(cents)) throw new AppError('wallet.amount_invalid');
}

async function withdrawalStateError(tx: DbOrTx, id: number): Promise<AppError> {
  const [w] = await tx.select({ status: withdrawals.status }).from(withdrawals).where(eq(withdrawals.id, id));
  return new AppError(w ? 'wallet.withdrawal_decided' : 'wallet.withdrawal_not_found');
}

export type WalletService = ReturnType<typeof createWalletService>;
