import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { type AuthUser, requireVerifiedEmail } from '../../../platform/http/auth.ts';
import { type IdempotencyKey, idempotent } from '../../../platform/idempotency.ts';
import { orderTotalCents } from '../../../platform/money.ts';
import { isTier } from '../../catalog/index.ts';
import { topUpCents } from '../../wallet/index.ts';
import { ACCEPT_WITHIN_MS, QUANTITY_MAX } from '../rules.ts';
import { orderIntents, orders } from '../schema.ts';
import { DAY, type OrderSteps } from './steps.ts';

/** `packageTier`: one of the service's packages (basic, standard, premium), or none (the service's one price). */
type PlaceInput = { serviceId: number; quantity: number; addonIds: number[]; packageTier?: string | null };

/**
 * New orders: bought from a service (from the balance, or after a deposit for the rest) or started by a project's
 * hire. Each takes the commission the admin set in the wallet settings at that moment and keeps it for good.
 */
export function createPlacing(s: OrderSteps) {
  const { deps, m, event, tell } = s;
  const { db, clock } = deps;

  function checkQuantity(quantity: number) {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX)
      throw invalid({ quantity: 'order.quantity_invalid' }, { max: QUANTITY_MAX });
  }

  /**
   * What is bought at which price: the chosen package as the seller offers it now (a package changed since the checkout
   * opened is taken as it is; a tier gone, unknown or of no package is refused), or the service's own price and days.
   */
  async function termsOf(tx: DbOrTx, svc: { id: number; title: string; priceCents: number; deliveryDays: number }, tier?: string | null) {
    if (tier === undefined || tier === null || tier === '')
      return { title: svc.title, priceCents: svc.priceCents, days: svc.deliveryDays, revisions: null, tier: null };
    const pkg = isTier(tier) ? (await m.catalog.packagesOf(svc.id, tx)).find((p) => p.tier === tier) : undefined;
    if (!pkg) throw new AppError('order.package_unavailable');
    return {
      title: `${svc.title} — ${pkg.title}`,
      priceCents: pkg.priceCents,
      days: pkg.deliveryDays,
      revisions: pkg.revisions,
      tier: pkg.tier,
    };
  }

  /** Places an order inside the caller's transaction (the API's and the deposit hook's). */
  async function placeIn(tx: Tx, buyerId: number, input: PlaceInput) {
    const quantity = input.quantity;
    checkQuantity(quantity);
    await m.trust.assertAllowed(buyerId, 'buying', tx);
    const svc = await m.catalog.forOrder(input.serviceId, tx);
    if (svc?.status !== 'published') throw new AppError('order.service_unavailable');
    if (svc.sellerId === buyerId) throw new AppError('order.own_service');
    // A seller under a selling sanction takes no new orders (their services are offline; this closes the race).
    if (!(await m.trust.isAllowed(svc.sellerId, 'selling', tx))) throw new AppError('order.service_unavailable');
    const wanted = new Set(input.addonIds);
    const addons = svc.addons.filter((a) => wanted.has(a.id));
    if (addons.length !== wanted.size) throw invalid({ addonIds: 'order.addon_invalid' });
    const terms = await termsOf(tx, svc, input.packageTier);
    const total = orderTotalCents(
      terms.priceCents,
      addons.map((a) => a.priceCents),
      quantity,
    );
    const days = terms.days + addons.reduce((n, a) => n + a.extraDays, 0);
    const { commissionBp } = await m.wallet.settings(tx);
    const now = clock();
    const [o] = await tx
      .insert(orders)
      .values({
        serviceId: svc.id,
        buyerId: buyerId,
        sellerId: svc.sellerId,
        status: 'pending',
        title: terms.title,
        unitPriceCents: terms.priceCents,
        revisions: terms.revisions,
        quantity,
        addons,
        totalCents: total,
        deliveryDays: days,
        commissionBp,
        instructions: svc.instructions,
        acceptBy: new Date(now.getTime() + ACCEPT_WITHIN_MS),
        createdAt: now,
      })
      .returning();
    await m.wallet.holdEscrow(tx, { buyerId: buyerId, amountCents: total, reference: `order:${o.id}` });
    const conversationId = await m.messaging.forSubject(tx, { type: 'order', id: o.id }, [o.buyerId, o.sellerId]);
    await tx.update(orders).set({ conversationId }).where(eq(orders.id, o.id));
    await event(tx, o, buyerId, 'placed', { data: { totalCents: total } });
    await tell(tx, o, 'placed', buyerId);
    return { status: 201, body: { id: o.id, status: 'pending', totalCents: total } };
  }

  // A deposit made for an order places it when it is credited; a refusal then leaves the money in the balance.
  m.wallet.onDepositPaid(async (tx, deposit) => {
    const [intent] = await tx
      .select()
      .from(orderIntents)
      .where(and(eq(orderIntents.depositId, deposit.id), eq(orderIntents.status, 'waiting')))
      .for('update');
    if (!intent) return;
    try {
      const r = await tx.transaction((sp) => placeIn(sp, intent.buyerId, intent));
      await tx.update(orderIntents).set({ status: 'placed', orderId: r.body.id }).where(eq(orderIntents.id, intent.id));
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'http.internal';
      await tx.update(orderIntents).set({ status: 'failed', failure: code }).where(eq(orderIntents.id, intent.id));
    }
  });

  // The buyer tried the top-up again (a declined card, the payment page left): the order now waits for the new one.
  m.wallet.onDepositRetried(async (tx, from, toId) => {
    await tx
      .update(orderIntents)
      .set({ depositId: toId })
      .where(and(eq(orderIntents.depositId, from.id), eq(orderIntents.status, 'waiting')));
  });

  return {
    /**
     * A project's owner hires a bid (projects module, inside its transaction): the bid's amount moves to
     * escrow and the work starts at once as an order — in progress, due after the bid's days — so every
     * later step (delivery, changes, cancel, dispute, timers, reviews, money) is the orders machinery.
     */
    async startFromBid(
      tx: Tx,
      h: {
        projectId: number;
        bidId: number;
        buyerId: number;
        sellerId: number;
        title: string;
        amountCents: number;
        days: number;
        brief: string;
      },
    ) {
      await m.trust.assertAllowed(h.buyerId, 'buying', tx);
      if (!(await m.trust.isAllowed(h.sellerId, 'selling', tx))) throw new AppError('project.freelancer_unavailable');
      const { commissionBp } = await m.wallet.settings(tx);
      const now = clock();
      const [o] = await tx
        .insert(orders)
        .values({
          kind: 'project',
          projectId: h.projectId,
          bidId: h.bidId,
          buyerId: h.buyerId,
          sellerId: h.sellerId,
          status: 'in_progress',
          title: h.title,
          unitPriceCents: h.amountCents,
          quantity: 1,
          addons: [],
          totalCents: h.amountCents,
          deliveryDays: h.days,
          commissionBp,
          instructions: h.brief,
          createdAt: now,
          startedAt: now,
          deadlineAt: new Date(now.getTime() + h.days * DAY),
        })
        .returning();
      await m.wallet.holdEscrow(tx, { buyerId: h.buyerId, amountCents: h.amountCents, reference: `order:${o.id}` });
      const conversationId = await m.messaging.forSubject(tx, { type: 'order', id: o.id }, [o.buyerId, o.sellerId]);
      await tx.update(orders).set({ conversationId }).where(eq(orders.id, o.id));
      await event(tx, o, h.buyerId, 'hired', { data: { totalCents: h.amountCents } });
      await tell(tx, o, 'hired', h.buyerId);
      return { ...o, conversationId };
    },

    /**
     * What became of the order a top-up was made for (the purchases page after the gateway): placed (its id), still
     * waiting for the payment, or refused when the money came (why; the money stays in the balance). Null when the
     * deposit was not made for one of this buyer's orders.
     */
    async intentOfDeposit(buyerId: number, depositId: number) {
      const [i] = await db
        .select()
        .from(orderIntents)
        .where(and(eq(orderIntents.depositId, depositId), eq(orderIntents.buyerId, buyerId)));
      return i ? { status: i.status, orderId: i.orderId, failure: i.failure, serviceId: i.serviceId, depositId } : null;
    },

    /** Places an order from the buyer's balance: price snapshot, escrow hold, the conversation, the seller told. */
    async place(actor: AuthUser, input: PlaceInput, idem: IdempotencyKey | null) {
      requireVerifiedEmail(actor);
      checkQuantity(input.quantity);
      const r = await idempotent(db, idem, (tx) => placeIn(tx, actor.id, input));
      deps.outbox.kick();
      return r;
    },

    /**
     * The balance is short: a deposit for the difference (at least the minimum deposit of the wallet settings)
     * whose checkout opens next; the order is placed in the same transaction that credits it (or the money
     * stays in the balance and the buyer is told why, if the service went away meanwhile).
     */
    async checkoutForRest(actor: AuthUser, input: PlaceInput) {
      requireVerifiedEmail(actor);
      await m.trust.assertAllowed(actor.id, 'buying');
      const svc = await m.catalog.forOrder(input.serviceId, db);
      if (svc?.status !== 'published') throw new AppError('order.service_unavailable');
      const addons = svc.addons.filter((a) => input.addonIds.includes(a.id));
      const terms = await termsOf(db, svc, input.packageTier);
      const total = orderTotalCents(
        terms.priceCents,
        addons.map((a) => a.priceCents),
        input.quantity,
      );
      const [{ availableCents }, settings] = await Promise.all([m.wallet.balances(actor.id), m.wallet.settings()]);
      const amountCents = topUpCents(total - availableCents, settings.minDepositCents);
      const d = await m.wallet.createDeposit(actor, { amountCents, method: m.wallet.checkoutId }, null, {
        returnPath: (id) => `/my/purchases?deposit=${id}`,
      });
      await db.insert(orderIntents).values({
        buyerId: actor.id,
        serviceId: svc.id,
        quantity: input.quantity,
        addonIds: input.addonIds,
        packageTier: terms.tier,
        depositId: d.id,
      });
      return { depositId: d.id, amountCents, checkoutUrl: d.checkoutUrl as string };
    },
  };
}
