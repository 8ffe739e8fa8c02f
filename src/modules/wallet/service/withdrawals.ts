import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import type { DbOrTx, Tx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { type AuthUser, requireVerifiedEmail } from '../../../platform/http/auth.ts';
import { type IdempotencyKey, idempotent } from '../../../platform/idempotency.ts';
import { platformAccounts, post, userAccounts } from '../ledger.ts';
import { PAYOUT_TEXT_MAX, type PayoutOutcome, type PayoutProvider } from '../payouts.ts';
import { mayDecideWithdrawal, refuseUnless } from '../policy.ts';
import {
  amountProblem,
  detailFields,
  detailProblems,
  isWithdrawalMethod,
  OPEN_WITHDRAWAL_STATES,
  promisedBy,
  WITHDRAWAL_METHODS,
  type WithdrawalMethod,
} from '../rules.ts';
import { withdrawals } from '../schema.ts';
import type { SanctionGuard, Staff, WalletContext, Withdrawal } from './context.ts';

/**
 * Money going out: the user asks and the amount leaves available at once (to withdrawing); finance accepts it
 * ("process": approved, sent by hand or by the method's payout provider), then it is paid with the payout's
 * reference (the money leaves the platform) or rejected with a reason (the money returns to available).
 * Every change of state is a conditional UPDATE on the state it leaves, so two decisions at once make one.
 */
export function withdrawalUseCases(ctx: WalletContext, guard: SanctionGuard) {
  const { db, clock, deps, notify, activeFreeze } = ctx;
  return {
    /** Takes the amount out of `available` at once; finance staff pay it by hand or reject it. */
    async requestWithdrawal(
      actor: AuthUser,
      input: { amountCents: unknown; method: string; details: Record<string, unknown> },
      idem: IdempotencyKey | null,
    ) {
      requireVerifiedEmail(actor);
      await guard.assertAllowed(actor.id, 'withdrawing');
      const s = await ctx.settingsOf();
      const fields: Record<string, string> = {};
      const a = amountProblem(input.amountCents);
      if (a) fields.amountCents = a;
      else if ((input.amountCents as number) < s.minWithdrawalCents) fields.amountCents = 'wallet.below_min_withdrawal';
      const method = input.method ?? '';
      if (!isWithdrawalMethod(method) || !s.withdrawalMethods.includes(method)) fields.method = 'wallet.method_unknown';
      else Object.assign(fields, detailProblems(method, input.details ?? {}));
      if (Object.keys(fields).length) throw invalid(fields, { min: s.minWithdrawalCents });
      const amountCents = input.amountCents as number;
      const details = Object.fromEntries(detailFields(method as WithdrawalMethod).map((f) => [f, String(input.details[f]).trim()]));
      const r = await idempotent(db, idem, async (tx) => {
        if (await activeFreeze(tx, actor.id)) throw new AppError('wallet.account_frozen');
        // The promise is the method's business days from now, as the settings say at the time of asking.
        const at = clock();
        const [w] = await tx
          .insert(withdrawals)
          .values({
            userId: actor.id,
            amountCents,
            method,
            details,
            status: 'requested',
            createdAt: at,
            promisedBy: promisedBy(at, method as WithdrawalMethod, s),
          })
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

    /**
     * Finance marks a withdrawal paid with the payout's reference ("sent"), from requested or approved (a payout
     * a provider is working on is marked paid once the provider has sent it); the money leaves the platform.
     */
    async approveWithdrawal(actor: Staff, id: number, reference: string) {
      refuseUnless(actor, mayDecideWithdrawal(actor));
      const ref = (reference ?? '').trim();
      if (ref.length < 3 || ref.length > 200) throw invalid({ reference: 'wallet.reference_required' });
      const r = await db.transaction(async (tx) => {
        const w = await markPaid(tx, id, ref, actor.id, null);
        if (!w) throw await withdrawalStateError(tx, id);
        return w;
      });
      deps.outbox.kick();
      return r;
    },

    /**
     * Finance accepts a requested withdrawal and sends it (approved): by hand through the manual provider (they then
     * mark it paid with the reference), or through the provider registered for its method, which is asked to send it
     * at once: sent means paid with the provider's reference, accepted means it waits with the provider's id, a
     * failure is kept on it for finance to send it by hand or reject it. Refused while the user's balance is frozen.
     */
    async processWithdrawal(actor: Staff, id: number): Promise<Withdrawal> {
      refuseUnless(actor, mayDecideWithdrawal(actor));
      const [found] = await db.select({ method: withdrawals.method }).from(withdrawals).where(eq(withdrawals.id, id));
      if (!found) throw new AppError('wallet.withdrawal_not_found');
      const provider = ctx.payouts.of(found.method as WithdrawalMethod);
      const w = await db.transaction(async (tx) => {
        const [w] = await tx
          .update(withdrawals)
          .set({ status: 'approved', approvedAt: clock(), approvedBy: actor.id, provider: provider.id, providerError: null })
          .where(and(eq(withdrawals.id, id), eq(withdrawals.status, 'requested')))
          .returning();
        if (!w) throw await withdrawalStateError(tx, id);
        if (await activeFreeze(tx, w.userId)) throw new AppError('wallet.account_frozen');
        await audit(tx, {
          actorId: actor.id,
          action: 'withdrawal.process',
          targetType: 'withdrawal',
          targetId: id,
          data: { provider: provider.id },
        });
        return w;
      });
      // The provider is called outside any transaction (no row is locked while a network call waits).
      return sendThrough(provider, w, actor.id);
    },

    /** Finance refuses a withdrawal with a reason; the amount returns to `available`. */
    async rejectWithdrawal(actor: Staff, id: number, reason: string) {
      refuseUnless(actor, mayDecideWithdrawal(actor));
      const why = (reason ?? '').trim();
      if (why.length < 3 || why.length > 500) throw invalid({ reason: 'wallet.reason_required' });
      const r = await db.transaction(async (tx) => {
        // From requested, or approved when no provider may be sending it (rules.ts mayRejectWithdrawal).
        const [w] = await tx
          .update(withdrawals)
          .set({ status: 'rejected', reason: why, decidedBy: actor.id, decidedAt: clock() })
          .where(
            and(
              eq(withdrawals.id, id),
              or(
                eq(withdrawals.status, 'requested'),
                and(eq(withdrawals.status, 'approved'), or(eq(withdrawals.provider, 'manual'), isNotNull(withdrawals.providerError))),
              ),
            ),
          )
          .returning();
        if (!w) throw await withdrawalStateError(tx, id, true);
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

    /** Registers a payout provider for its methods (in place of the manual one): see payouts.ts. */
    registerPayoutProvider(p: PayoutProvider) {
      ctx.payouts.register(p);
    },

    /** The payout provider of each withdrawal method now (`manual`: finance sends it by hand). */
    payoutProviders(): Record<WithdrawalMethod, string> {
      return Object.fromEntries(WITHDRAWAL_METHODS.map((m) => [m, ctx.payouts.of(m).id])) as Record<WithdrawalMethod, string>;
    },

    /** The date a withdrawal asked for now would be promised by, per method (what the withdraw form says). */
    async payoutPromises(): Promise<Record<WithdrawalMethod, Date | null>> {
      const s = await ctx.settingsOf();
      const at = clock();
      return Object.fromEntries(WITHDRAWAL_METHODS.map((m) => [m, promisedBy(at, m, s)])) as Record<WithdrawalMethod, Date | null>;
    },

    /**
     * The worker's sweep: withdrawals still requested or approved past their promised date are flagged late, each
     * once (compare-and-set on `late_at`); the user is told (in-app and by mail), finance's queue lists them first.
     */
    async flagLateWithdrawals(now: Date): Promise<number> {
      const n = await db.transaction(async (tx) => {
        const rows = await tx
          .update(withdrawals)
          .set({ lateAt: now })
          .where(
            and(
              inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATES]),
              isNull(withdrawals.lateAt),
              isNotNull(withdrawals.promisedBy),
              lt(withdrawals.promisedBy, now),
            ),
          )
          .returning();
        for (const w of rows)
          await notify(tx, w.userId, 'withdrawal_late', {
            amount: w.amountCents,
            id: w.id,
            date: (w.promisedBy as Date).toISOString(),
          });
        return rows.length;
      });
      if (n) deps.outbox.kick();
      return n;
    },
  };

  /**
   * Paid: the one posting of a payout (withdrawing → out of the platform), from requested or approved — or, when
   * `by` names a provider, only from approved through that provider (what it sent). Null when it was not in that
   * state (decided already, or decided by someone else meanwhile).
   */
  async function markPaid(tx: Tx, id: number, ref: string, actorId: number, by: string | null): Promise<Withdrawal | null> {
    const now = clock();
    const [w] = await tx
      .update(withdrawals)
      .set({
        status: 'paid',
        reference: ref,
        decidedBy: actorId,
        decidedAt: now,
        // Marked paid straight from requested: finance accepted it and sent it by hand at once.
        approvedAt: sql`coalesce(${withdrawals.approvedAt}, ${now.toISOString()}::timestamptz)`,
        approvedBy: sql`coalesce(${withdrawals.approvedBy}, ${actorId})`,
        provider: sql`coalesce(${withdrawals.provider}, 'manual')`,
      })
      .where(
        and(
          eq(withdrawals.id, id),
          by === null ? inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATES]) : eq(withdrawals.status, 'approved'),
          by === null ? undefined : eq(withdrawals.provider, by),
        ),
      )
      .returning();
    if (!w) return null;
    // A withdrawal asked for before a freeze is not paid out while the freeze lasts: finance rejects it instead.
    if (await activeFreeze(tx, w.userId)) throw new AppError('wallet.account_frozen');
    const [acc, plat] = [await userAccounts(tx, w.userId), await platformAccounts(tx)];
    await post(tx, {
      type: 'withdrawal_paid',
      reference: `withdrawal:${w.id}`,
      actorId,
      entries: [
        { accountId: acc.withdrawing, amountCents: -w.amountCents },
        { accountId: plat.world, amountCents: w.amountCents },
      ],
    });
    await audit(tx, {
      actorId,
      action: by === null ? 'withdrawal.approve' : 'withdrawal.sent',
      targetType: 'withdrawal',
      targetId: id,
      data: by === null ? { reference: ref } : { reference: ref, provider: by },
    });
    await notify(tx, w.userId, 'withdrawal_paid', { amount: w.amountCents, id: w.id, reference: ref });
    return w;
  }

  /** Asks `provider` to send an approved withdrawal and records what it answered (see PayoutOutcome). */
  async function sendThrough(provider: PayoutProvider, w: Withdrawal, actorId: number): Promise<Withdrawal> {
    let outcome: PayoutOutcome;
    try {
      outcome = await provider.send({
        withdrawalId: w.id,
        userId: w.userId,
        amountCents: w.amountCents,
        method: w.method as WithdrawalMethod,
        details: w.details,
      });
    } catch (err) {
      return recordProviderError(w.id, provider.id, err instanceof Error ? err.message : String(err));
    }
    if ('byHand' in outcome) return w;
    const text = 'reference' in outcome ? outcome.reference : outcome.pending;
    if (typeof text !== 'string' || !text.trim() || text.length > PAYOUT_TEXT_MAX)
      return recordProviderError(w.id, provider.id, 'the provider answered no usable reference');
    if ('pending' in outcome) {
      const [kept] = await db
        .update(withdrawals)
        .set({ providerRef: text.trim() })
        .where(and(eq(withdrawals.id, w.id), eq(withdrawals.status, 'approved'), eq(withdrawals.provider, provider.id)))
        .returning();
      return kept ?? (await current(w.id));
    }
    const paid = await db.transaction((tx) => markPaid(tx, w.id, text.trim(), actorId, provider.id));
    deps.outbox.kick();
    return paid ?? (await current(w.id));
  }

  async function recordProviderError(id: number, providerId: string, message: string): Promise<Withdrawal> {
    const [kept] = await db
      .update(withdrawals)
      .set({ providerError: message.slice(0, PAYOUT_TEXT_MAX) || 'error' })
      .where(and(eq(withdrawals.id, id), eq(withdrawals.status, 'approved'), eq(withdrawals.provider, providerId)))
      .returning();
    return kept ?? (await current(id));
  }

  async function current(id: number): Promise<Withdrawal> {
    const [w] = await db.select().from(withdrawals).where(eq(withdrawals.id, id));
    return w;
  }
}

/** Why a change of state found the withdrawal elsewhere: not found, decided already, or (to a reject) being sent. */
async function withdrawalStateError(tx: DbOrTx, id: number, rejecting = false): Promise<AppError> {
  const [w] = await tx
    .select({ status: withdrawals.status, provider: withdrawals.provider, providerError: withdrawals.providerError })
    .from(withdrawals)
    .where(eq(withdrawals.id, id));
  if (!w) return new AppError('wallet.withdrawal_not_found');
  // Approved through a provider that is sending it: not rejected, the money may be on its way.
  if (rejecting && w.status === 'approved' && w.provider !== 'manual' && w.providerError === null)
    return new AppError('wallet.payout_in_flight', {}, {}, { status: 409 });
  return new AppError('wallet.withdrawal_decided');
}
