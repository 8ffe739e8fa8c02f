import { and, desc, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { crashPoint } from '../../../platform/crash-point.ts';
import { newToken, sha256 } from '../../../platform/crypto.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { type AuthUser, requireVerifiedEmail } from '../../../platform/http/auth.ts';
import { claimKey, completeKey, type IdempotencyKey, type Lease, noteProgress, releaseKey } from '../../../platform/idempotency.ts';
import { platformAccounts, post, userAccounts } from '../ledger.ts';
import { mayDecideManualDeposit, mayViewWallet, refuseUnless } from '../policy.ts';
import { type CheckoutRequest, type ProviderConfirmation, SANDBOX_CARD_DECLINED, SANDBOX_CARD_PAYS } from '../providers.ts';
import { amountProblem, MANUAL_METHODS, type ManualMethod } from '../rules.ts';
import { deposits, paymentEvents } from '../schema.ts';
import type { Deposit, Staff, WalletContext } from './context.ts';

type DepositAnswer = { id: number; status: 'pending'; checkoutUrl: string | null };
/** What a deposit's checkout is asked with besides the deposit (kept under the key until the answer is stored). */
type CheckoutAsked = Omit<CheckoutRequest, 'depositId' | 'amountCents'> & { secret: string };
/** The first phase's outcome: the answer already (a replay, a manual transfer), or a deposit to ask the provider for. */
type Phase1 = { done: DepositAnswer } | { deposit: Deposit; request: CheckoutAsked; lease: Lease | null };

/** Money coming in: a provider's checkout (the sandbox in test mode) or a manual transfer finance confirms. */
export function depositUseCases(ctx: WalletContext) {
  const { db, clock, config, checkout, deps, notify } = ctx;
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
    const payFrom = (status: 'pending' | 'expired') =>
      tx
        .update(deposits)
        .set({ status: 'paid', settledAt: clock(), decidedBy: actorId })
        .where(and(eq(deposits.id, c.depositId), eq(deposits.status, status)))
        .returning();
    // A provider's confirmation of a top-up the worker had given up on (not paid within a day) is money that came
    // in: it is credited all the same, but what it was made for (an order) is not started a day late.
    let [paid] = await payFrom('pending');
    const late = !paid && c.provider !== 'manual' && c.provider !== 'sandbox';
    if (late) [paid] = await payFrom('expired');
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
    if (!late) for (const hook of paidHooks) await hook(tx, paid);
    return { deposit: paid, duplicate: false };
  }

  /**
   * The deposit a stopped request recorded under its key (`noteProgress`), when it can still be finished:
   * this user's, of this amount, through this provider, still pending.
   */
  async function resumable(tx: Tx, userId: number, amountCents: number, progress: Record<string, unknown>) {
    const p = progress as Partial<{ depositId: number } & CheckoutAsked>;
    if (typeof p.depositId !== 'number' || typeof p.secret !== 'string' || typeof p.returnUrl !== 'string') return null;
    const [d] = await tx
      .select()
      .from(deposits)
      .where(and(eq(deposits.id, p.depositId), eq(deposits.userId, userId), eq(deposits.status, 'pending')))
      .for('update');
    if (!d || d.method !== checkout.id || d.amountCents !== amountCents || d.secretHash !== sha256(p.secret)) return null;
    const request: CheckoutAsked = {
      secret: p.secret,
      email: String(p.email ?? ''),
      locale: p.locale === 'en' ? 'en' : 'ar',
      returnUrl: p.returnUrl,
    };
    return { deposit: d, request };
  }

  const service = {
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

    /** Starts a deposit: a provider checkout, or a manual transfer whose reference finance staff confirm. */
    async createDeposit(
      actor: AuthUser,
      input: { amountCents: unknown; method?: string; reference?: string },
      idem: IdempotencyKey | null,
      /** Where the payer comes back to (a path of this site without its language), or a function of the deposit's id. */
      opts: { returnPath?: string | ((depositId: number) => string) } = {},
    ) {
      requireVerifiedEmail(actor);
      const s = await ctx.settingsOf();
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
      if (Object.keys(fields).length) throw invalid(fields, { min: s.minDepositCents, max: s.maxDepositCents });
      const amountCents = input.amountCents as number;
      // Phase 1: claim the key and record the deposit. The provider is called after this commits, never
      // inside a transaction (a slow provider must not hold database locks, and on PGlite the database).
      const first = await db.transaction(async (tx): Promise<Phase1> => {
        const claim = idem ? await claimKey<DepositAnswer>(tx, idem, clock()) : null;
        if (claim && 'replay' in claim) return { done: claim.replay.body };
        const lease = claim?.lease ?? null;
        // This key's first request stopped after recording its deposit (its process killed, its lease run
        // out): finish that deposit, asking the provider again with the very same request, instead of
        // starting a second one. Nothing was handed out or paid for it: it has no checkout address yet.
        const resumed = lease?.progress ? await resumable(tx, actor.id, amountCents, lease.progress) : null;
        if (resumed) return { deposit: resumed.deposit, request: resumed.request, lease };
        const secret = newToken();
        const [d] = await tx
          .insert(deposits)
          .values({
            userId: actor.id,
            amountCents,
            method: manual ? method : checkout.id,
            status: 'pending',
            providerRef: manual ? reference : null,
            secretHash: manual ? null : sha256(secret),
            // The service's clock (the test clock in tests): its age decides when an unpaid one expires.
            createdAt: clock(),
          })
          .returning();
        const back = typeof opts.returnPath === 'function' ? opts.returnPath(d.id) : opts.returnPath;
        const request: CheckoutAsked = {
          secret,
          email: actor.email,
          locale: actor.locale,
          returnUrl: `${config.baseUrl}${actor.locale === 'en' ? '/en' : ''}${back ?? '/wallet'}`,
        };
        if (manual) {
          const answer: DepositAnswer = { id: d.id, status: 'pending', checkoutUrl: null };
          if (idem && lease) await completeKey(tx, idem, { status: 201, body: answer }, lease);
          return { done: answer };
        }
        // What a retry needs to finish this deposit if this process stops before the answer is stored. The
        // secret is kept in the clear as the stored answer keeps it (in its checkout URL) once complete.
        if (idem && lease) await noteProgress(tx, idem, lease, { depositId: d.id, ...request });
        return { deposit: d, request, lease };
      });
      if ('done' in first) return first.done;
      const { deposit: d, request, lease } = first;
      await crashPoint('deposit.checkout');
      let c: { checkoutUrl: string; providerRef: string };
      try {
        // The same deposit and request give the same checkout: the sandbox's URL is made of the deposit and
        // its secret, and Stripe's session is created under an idempotency key of the deposit's id.
        c = await checkout.createCheckout({ depositId: d.id, amountCents: d.amountCents, ...request });
      } catch {
        await db.transaction(async (tx) => {
          // Only the key's holder gives the deposit up: after a takeover it is the new holder's to finish.
          const holder = idem && lease ? await releaseKey(tx, idem, lease) : true;
          if (!holder) return;
          await tx
            .update(deposits)
            .set({ status: 'failed', reason: 'provider_unavailable', settledAt: clock() })
            .where(and(eq(deposits.id, d.id), eq(deposits.status, 'pending')));
        });
        throw new AppError('wallet.provider_unavailable');
      }
      await crashPoint('deposit.answer');
      const answer: DepositAnswer = { id: d.id, status: 'pending', checkoutUrl: c.checkoutUrl };
      await db.transaction(async (tx) => {
        await tx.update(deposits).set({ providerRef: c.providerRef }).where(eq(deposits.id, d.id));
        // Taken over meanwhile (this request outlived its lease): the new holder gives the same answer.
        if (idem && lease) await completeKey(tx, idem, { status: 201, body: answer }, lease);
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
      if (d.status === 'expired') throw new AppError('wallet.deposit_expired');
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
      if (!d || !mayViewWallet(actor, d.userId)) throw new AppError('wallet.deposit_not_found');
      return d;
    },

    async myDeposits(userId: number, limit = 20) {
      return db.select().from(deposits).where(eq(deposits.userId, userId)).orderBy(desc(deposits.id)).limit(limit);
    },

    /** Finance confirms a manual transfer after checking it arrived. */
    async confirmManualDeposit(actor: Staff, id: number) {
      refuseUnless(actor, mayDecideManualDeposit(actor));
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
      refuseUnless(actor, mayDecideManualDeposit(actor));
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
  };
  return service;
}
