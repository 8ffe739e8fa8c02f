import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, invalid } from '../../../platform/errors.ts';
import { type AuthUser, requireVerifiedEmail } from '../../../platform/http/auth.ts';
import { stripIsolates, translate } from '../../../platform/i18n/index.ts';
import { type IdempotencyKey, idempotent } from '../../../platform/idempotency.ts';
import { contactRefusal, scanContacts } from '../../trust/index.ts';
import { OFFER, type OfferInput, offerProblems } from '../rules.ts';
import { customOffers, orders } from '../schema.ts';
import { DAY, type OrderSteps } from './steps.ts';

export type OfferRow = typeof customOffers.$inferSelect;

/** An open offer past its date reads as expired (nothing needs to run for it). */
export const offerState = (o: OfferRow, now: Date): string => (o.status === 'open' && o.expiresAt <= now ? 'expired' : o.status);

/**
 * Custom offers (issue 20): in a direct conversation, one member (the seller) offers the other a piece of work —
 * a description, a price, days and revisions, built on one of their services or free-standing; the buyer accepts it
 * and pays it into escrow from the conversation, and it becomes an order that starts at once (`kind` 'offer').
 */
export function createOffers(s: OrderSteps) {
  const { deps, m, event, tell, recordingContacts } = s;
  const { db, clock } = deps;

  /** The other member of a direct conversation `actor` is in; anything else is not a place for an offer. */
  async function otherMember(actor: AuthUser, conversationId: number): Promise<number> {
    const t = await m.messaging.thread(actor, conversationId, { limit: 1 });
    const other = t.members.find((x) => x.userId !== actor.id);
    if (t.conversation.kind !== 'direct' || !other) throw new AppError('offer.not_direct');
    return other.userId;
  }

  const service = {
    /** The seller sends an offer into the conversation (its summary posted as their message); valid OFFER.validDays. */
    async send(actor: AuthUser, conversationId: number, raw: Partial<OfferInput> & { serviceId?: number | null }) {
      await m.trust.assertAllowed(actor.id, 'selling');
      const input: OfferInput = {
        title: String(raw.title ?? '').trim(),
        description: String(raw.description ?? '').trim(),
        priceCents: Number(raw.priceCents),
        deliveryDays: Number(raw.deliveryDays),
        revisions: Number(raw.revisions ?? 0),
      };
      const problems = offerProblems(input);
      if (Object.keys(problems).length) throw invalid(problems, { ...OFFER, min: OFFER.titleMin, max: OFFER.titleMax });
      await recordingContacts(actor.id, [input.title, input.description], async () => {
        for (const [field, text] of [
          ['title', input.title],
          ['description', input.description],
        ] as const) {
          const scan = scanContacts(text);
          if (scan.contact) throw contactRefusal({ [field]: scan.matches });
        }
      });
      const buyerId = await otherMember(actor, conversationId);
      let serviceId: number | null = null;
      if (raw.serviceId) {
        const svc = await m.catalog.get(raw.serviceId, actor).catch(() => null);
        if (!svc || svc.sellerId !== actor.id || svc.status !== 'published') throw invalid({ serviceId: 'offer.service_invalid' });
        serviceId = svc.id;
      }
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const [o] = await tx
          .insert(customOffers)
          .values({
            conversationId,
            sellerId: actor.id,
            buyerId,
            serviceId,
            ...input,
            expiresAt: new Date(now.getTime() + OFFER.validDays * DAY),
            createdAt: now,
          })
          .returning();
        // Its summary as the seller's message, in the seller's language (the offer itself is shown to both beside it).
        const summary = stripIsolates(
          translate(actor.locale, 'offer.message', { id: o.id, title: input.title, price: input.priceCents, days: input.deliveryDays }),
        );
        await m.messaging.sendTo(tx, actor.id, conversationId, summary);
        return o;
      });
      deps.outbox.kick();
      return row;
    },

    /** One offer, for its two sides only (anyone else: not found). */
    async get(viewer: AuthUser, offerId: number): Promise<OfferRow> {
      const [o] = Number.isSafeInteger(offerId) ? await db.select().from(customOffers).where(eq(customOffers.id, offerId)) : [];
      if (!o || (o.buyerId !== viewer.id && o.sellerId !== viewer.id)) throw new AppError('offer.not_found');
      return o;
    },

    /** The offers of a conversation `viewer` is a member of, the newest first. */
    async ofConversation(viewer: AuthUser, conversationId: number): Promise<OfferRow[]> {
      await m.messaging.thread(viewer, conversationId, { limit: 1 });
      return db.select().from(customOffers).where(eq(customOffers.conversationId, conversationId)).orderBy(desc(customOffers.id)).limit(50);
    },

    /**
     * The buyer accepts: the price moves from their available balance to escrow and the order starts now (its
     * deadline from the offer's days, its revisions counted). Once: the offer's row is locked, a second accept (another
     * tab, a replay without the key) finds it accepted. Short of money: `wallet.insufficient_funds`, nothing moved.
     */
    async accept(actor: AuthUser, offerId: number, idem: IdempotencyKey | null) {
      requireVerifiedEmail(actor);
      const r = await idempotent(db, idem, async (tx) => {
        const [o] = await tx.select().from(customOffers).where(eq(customOffers.id, offerId)).for('update');
        if (!o || (o.buyerId !== actor.id && o.sellerId !== actor.id)) throw new AppError('offer.not_found');
        if (o.buyerId !== actor.id) throw new AppError('offer.forbidden');
        const state = offerState(o, clock());
        if (state !== 'open') throw new AppError(`offer.${state}`);
        await m.trust.assertAllowed(actor.id, 'buying', tx);
        if (!(await m.trust.isAllowed(o.sellerId, 'selling', tx))) throw new AppError('offer.seller_unavailable');
        const { commissionBp } = await m.wallet.settings(tx);
        const now = clock();
        const [order] = await tx
          .insert(orders)
          .values({
            kind: 'offer',
            offerId: o.id,
            serviceId: o.serviceId,
            buyerId: o.buyerId,
            sellerId: o.sellerId,
            status: 'in_progress',
            title: o.title,
            unitPriceCents: o.priceCents,
            quantity: 1,
            addons: [],
            totalCents: o.priceCents,
            deliveryDays: o.deliveryDays,
            revisions: o.revisions,
            commissionBp,
            instructions: o.description,
            createdAt: now,
            startedAt: now,
            deadlineAt: new Date(now.getTime() + o.deliveryDays * DAY),
          })
          .returning();
        await m.wallet.holdEscrow(tx, { buyerId: o.buyerId, amountCents: o.priceCents, reference: `order:${order.id}` });
        const conversationId = await m.messaging.forSubject(tx, { type: 'order', id: order.id }, [o.buyerId, o.sellerId]);
        await tx.update(orders).set({ conversationId }).where(eq(orders.id, order.id));
        await tx.update(customOffers).set({ status: 'accepted', orderId: order.id, decidedAt: now }).where(eq(customOffers.id, o.id));
        await event(tx, order, actor.id, 'offer_accepted', { data: { offerId: o.id, totalCents: o.priceCents } });
        await tell(tx, order, 'offer_accepted', actor.id);
        return { status: 201, body: { offerId: o.id, orderId: order.id, status: 'in_progress' } };
      });
      deps.outbox.kick();
      return r.body;
    },

    /** The buyer turns it down, or the seller takes it back — while it is open. */
    async close(actor: AuthUser, offerId: number, how: 'declined' | 'withdrawn') {
      const [o] = await db.select().from(customOffers).where(eq(customOffers.id, offerId));
      if (!o || (o.buyerId !== actor.id && o.sellerId !== actor.id)) throw new AppError('offer.not_found');
      if ((how === 'declined' ? o.buyerId : o.sellerId) !== actor.id) throw new AppError('offer.forbidden');
      const [row] = await db
        .update(customOffers)
        .set({ status: how, decidedAt: clock() })
        .where(
          and(
            eq(customOffers.id, o.id),
            eq(customOffers.status, 'open'),
            sql`${customOffers.expiresAt} > ${clock().toISOString()}::timestamptz`,
          ),
        )
        .returning();
      if (!row) throw new AppError(`offer.${offerState(o, clock()) === 'open' ? 'conflict' : offerState(o, clock())}`);
      return row;
    },
  };
  return service;
}
