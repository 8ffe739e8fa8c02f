import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { type DbOrTx, queryRows, type Tx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FilesService } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { type IdempotencyKey, idempotent } from '../../platform/idempotency.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { MessagingService } from '../messaging/index.ts';
import type { NotificationsService, NotificationType } from '../notifications/index.ts';
import { contactFindings, contactRefusal, scanContacts, type TrustService } from '../trust/index.ts';
import type { WalletService } from '../wallet/index.ts';
import { orderMail } from './mails.ts';
import {
  ACCEPT_WITHIN_MS,
  AUTO_COMPLETE_MS,
  CLEARANCE_DAYS,
  COMMISSION_BP,
  type OrderAction,
  type OrderState,
  orderTotal,
  PROJECT_AUTO_COMPLETE_MS,
  QUANTITY_MAX,
  REVIEW_BLIND_MS,
  type Role,
  reviewProblems,
  sellerLevelFor,
  transition,
} from './rules.ts';
import { disputes, orderEvents, orderIntents, orders, reviews } from './schema.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type DisputeRow = typeof disputes.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;

const DAY = 86_400_000;
const MESSAGE_MAX = 5000;
const isStaff = (u: AuthUser) => u.roles.some((r) => ['admin', 'moderator', 'support', 'finance'].includes(r));
const canResolve = (u: AuthUser) => u.roles.some((r) => ['admin', 'moderator', 'support'].includes(r));

interface Deps2 {
  catalog: CatalogService;
  wallet: WalletService;
  messaging: MessagingService;
  notifications: Pick<NotificationsService, 'notify'>;
  files: FilesService;
  trust: Pick<TrustService, 'assertAllowed' | 'isAllowed' | 'recordAttempt'>;
  accounts: {
    syncLevels(userId: number, levels: { seller?: string }, tx: DbOrTx): Promise<void>;
    sellerLevelOf(userId: number, tx: DbOrTx): Promise<string>;
    publicByIds(ids: number[]): Promise<Map<number, { username: string; displayName: string }>>;
  };
}

export function createOrdersService(deps: Deps, m: Deps2) {
  const { db, clock, config } = deps;

  const roleOf = (o: OrderRow, u: AuthUser | null): Role =>
    !u ? 'other' : u.id === o.buyerId ? 'buyer' : u.id === o.sellerId ? 'seller' : isStaff(u) ? 'staff' : 'other';

  async function load(tx: DbOrTx, id: number, lock = false): Promise<OrderRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('order.not_found');
    const q = tx.select().from(orders).where(eq(orders.id, id));
    const [o] = lock ? await q.for('update') : await q;
    if (!o) throw new AppError('order.not_found');
    return o;
  }

  /** Compare-and-set the state (DESIGN.md "Money"): zero rows = someone else moved it first → 409, nothing moves. */
  async function cas(tx: Tx, o: OrderRow, to: OrderState, set: Partial<typeof orders.$inferInsert> = {}): Promise<OrderRow> {
    const [row] = await tx
      .update(orders)
      .set({ ...set, status: to })
      .where(and(eq(orders.id, o.id), eq(orders.status, o.status)))
      .returning();
    if (!row) throw new AppError('order.conflict');
    return row;
  }

  async function event(
    tx: DbOrTx,
    o: OrderRow,
    actorId: number | null,
    kind: string,
    extra: { message?: string; fileIds?: number[]; data?: Record<string, string | number> } = {},
  ) {
    await tx.insert(orderEvents).values({
      orderId: o.id,
      actorId,
      kind,
      message: extra.message ?? '',
      fileIds: extra.fileIds ?? [],
      data: extra.data ?? {},
      createdAt: clock(),
    });
  }

  /** Tells the other side (or both, for a platform or staff step) in-app, by mail and live. */
  async function tell(tx: DbOrTx, o: OrderRow, kind: string, actorId: number | null, params: Record<string, string | number> = {}) {
    const to = [o.buyerId, o.sellerId].filter((id) => id !== actorId);
    for (const userId of to) {
      await m.notifications.notify(tx, {
        userId,
        type: `order.${kind}` as NotificationType,
        params: { id: o.id, title: o.title, ...params },
        url: `/orders/${o.id}`,
        mail: (c) => orderMail(kind, { ...c, baseUrl: config.baseUrl, orderId: o.id, title: o.title, params }),
      });
    }
    await deps.live.publish(tx, [o.buyerId, o.sellerId], { type: 'order', data: { orderId: o.id, kind } });
  }

  async function clearanceDaysOf(tx: DbOrTx, sellerId: number) {
    return CLEARANCE_DAYS[await m.accounts.sellerLevelOf(sellerId, tx)] ?? CLEARANCE_DAYS.new;
  }

  /** The seller is paid: escrow → pending (less commission), cleared after the level's days; stats and level follow. */
  async function completeMoney(tx: Tx, o: OrderRow, actorId: number | null) {
    await m.wallet.releaseEscrow(tx, {
      buyerId: o.buyerId,
      sellerId: o.sellerId,
      amountCents: o.totalCents,
      commissionBp: o.commissionBp,
      clearanceDays: await clearanceDaysOf(tx, o.sellerId),
      reference: `order:${o.id}`,
      actorId,
    });
    if (o.serviceId) await m.catalog.countOrder(o.serviceId, tx);
    await recomputeLevel(tx, o.sellerId);
  }

  async function refundMoney(tx: Tx, o: OrderRow, actorId: number | null) {
    await m.wallet.refundEscrow(tx, { buyerId: o.buyerId, amountCents: o.totalCents, reference: `order:${o.id}`, actorId });
  }

  /** RULES.md "Levels": from completed sales, jobs and the published rating; staff-chosen "expert" stays. */
  async function recomputeLevel(tx: DbOrTx, sellerId: number): Promise<string> {
    const current = await m.accounts.sellerLevelOf(sellerId, tx);
    const [r] = await queryRows<{ sales: string; jobs: number }>(
      tx,
      sql`SELECT coalesce(sum(total_cents), 0) AS sales, count(*)::int AS jobs FROM orders WHERE seller_id = ${sellerId} AND status = 'completed'`,
    );
    const [rt] = await queryRows<{ avg: number | null }>(
      tx,
      sql`SELECT avg((quality + communication + on_time) / 3.0)::float8 AS avg FROM reviews WHERE subject_id = ${sellerId} AND author_role = 'buyer' AND published_at IS NOT NULL`,
    );
    const level = sellerLevelFor(current, { salesCents: Number(r.sales), completed: r.jobs, rating: rt?.avg ?? null });
    if (level !== current) await m.accounts.syncLevels(sellerId, { seller: level }, tx);
    return level;
  }

  function checkMessage(text: string, field = 'message', required = true) {
    const t = (text ?? '').trim();
    if (required && !t) throw invalid({ [field]: 'order.message_required' });
    if (t.length > MESSAGE_MAX) throw invalid({ [field]: 'order.message_too_long' }, { max: MESSAGE_MAX });
    // Contact details may not be exchanged in any order text either (privacy policy 4).
    const scan = scanContacts(t);
    if (scan.contact) throw contactRefusal({ [field]: scan.matches });
    return t;
  }

  /** A refusal for contact details in an order's text (message, reason, review) is recorded against its writer. */
  async function recordingContacts<T>(actorId: number, texts: (string | undefined)[], fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (contactFindings(err))
        await m.trust.recordAttempt(
          actorId,
          'order',
          texts.flatMap((x) => scanContacts(x ?? '').matches),
        );
      throw err;
    }
  }

  /** Places an order inside the caller's transaction (the API's and the deposit hook's). */
  async function placeIn(tx: Tx, buyerId: number, input: { serviceId: number; quantity: number; addonIds: number[] }) {
    const quantity = input.quantity;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX)
      throw invalid({ quantity: 'order.quantity_invalid' }, { max: QUANTITY_MAX });
    await m.trust.assertAllowed(buyerId, 'buying', tx);
    const s = await m.catalog.forOrder(input.serviceId, tx);
    if (s?.status !== 'published') throw new AppError('order.service_unavailable');
    if (s.sellerId === buyerId) throw new AppError('order.own_service');
    // A seller under a selling sanction takes no new orders (their services are offline; this closes the race).
    if (!(await m.trust.isAllowed(s.sellerId, 'selling', tx))) throw new AppError('order.service_unavailable');
    const wanted = new Set(input.addonIds);
    const addons = s.addons.filter((a) => wanted.has(a.id));
    if (addons.length !== wanted.size) throw invalid({ addonIds: 'order.addon_invalid' });
    const total = orderTotal(
      s.priceCents,
      addons.map((a) => a.priceCents),
      quantity,
    );
    const days = s.deliveryDays + addons.reduce((n, a) => n + a.extraDays, 0);
    const now = clock();
    const [o] = await tx
      .insert(orders)
      .values({
        serviceId: s.id,
        buyerId: buyerId,
        sellerId: s.sellerId,
        status: 'pending',
        title: s.title,
        unitPriceCents: s.priceCents,
        quantity,
        addons,
        totalCents: total,
        deliveryDays: days,
        commissionBp: COMMISSION_BP,
        instructions: s.instructions,
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

  const service = {
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
          commissionBp: COMMISSION_BP,
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

    /** Places an order from the buyer's balance: price snapshot, escrow hold, the conversation, the seller told. */
    async place(actor: AuthUser, input: { serviceId: number; quantity: number; addonIds: number[] }, idem: IdempotencyKey | null) {
      const quantity = input.quantity;
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX)
        throw invalid({ quantity: 'order.quantity_invalid' }, { max: QUANTITY_MAX });
      const r = await idempotent(db, idem, (tx) => placeIn(tx, actor.id, input));
      deps.outbox.kick();
      return r;
    },

    /**
     * The balance is short: a deposit for the difference (at least the minimum deposit) whose checkout opens
     * next; the order is placed in the same transaction that credits it (or the money stays in the balance
     * and the buyer is told why, if the service went away meanwhile).
     */
    async checkoutForRest(actor: AuthUser, input: { serviceId: number; quantity: number; addonIds: number[] }) {
      await m.trust.assertAllowed(actor.id, 'buying');
      const s = await m.catalog.forOrder(input.serviceId, db);
      if (s?.status !== 'published') throw new AppError('order.service_unavailable');
      const addons = s.addons.filter((a) => input.addonIds.includes(a.id));
      const total = orderTotal(
        s.priceCents,
        addons.map((a) => a.priceCents),
        input.quantity,
      );
      const { availableCents } = await m.wallet.balances(actor.id);
      const amountCents = Math.max(total - availableCents, 500);
      const d = await m.wallet.createDeposit(actor, { amountCents, method: m.wallet.checkoutId }, null, { returnPath: '/my/purchases' });
      await db
        .insert(orderIntents)
        .values({ buyerId: actor.id, serviceId: s.id, quantity: input.quantity, addonIds: input.addonIds, depositId: d.id });
      return { depositId: d.id, amountCents, checkoutUrl: d.checkoutUrl as string };
    },

    /** The order and the viewer's role in it, without its history (who may write in its conversation…). */
    async access(viewer: AuthUser, id: number) {
      const o = await load(db, id);
      const role = roleOf(o, viewer);
      if (role === 'other') throw new AppError('order.not_found');
      return { order: o, role };
    },

    /** An order with its history, for the buyer, the seller, or staff (whose reading is audited). */
    async get(viewer: AuthUser, id: number, ip: string | null = null) {
      const o = await load(db, id);
      const role = roleOf(o, viewer);
      if (role === 'other') throw new AppError('order.not_found');
      if (role === 'staff') await audit(db, { actorId: viewer.id, action: 'order.read', targetType: 'order', targetId: o.id, ip });
      const [events, [dispute], rv] = await Promise.all([
        db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(asc(orderEvents.id)),
        db.select().from(disputes).where(eq(disputes.orderId, o.id)).orderBy(desc(disputes.id)).limit(1),
        db.select().from(reviews).where(eq(reviews.orderId, o.id)),
      ]);
      return { order: o, role, events, dispute: dispute ?? null, reviews: rv, late: isLate(o, clock()) };
    },

    /** Any action of the transition table, by the buyer or the seller, moving money where it must. */
    async act(
      actor: AuthUser,
      id: number,
      action: OrderAction,
      input: { message?: string; fileIds?: number[]; reason?: string } = {},
      idem: IdempotencyKey | null = null,
    ) {
      const now = clock();
      const r = await recordingContacts(actor.id, [input.message, input.reason], () =>
        idempotent(db, idem, async (tx) => {
          const row = await step(tx);
          return { status: 200, body: { id: row.id, status: row.status } };
        }),
      );
      deps.outbox.kick();
      return r.body;

      async function step(tx: Tx): Promise<OrderRow> {
        const o = await load(tx, id);
        const role = roleOf(o, actor);
        if (role === 'other') throw new AppError('order.not_found');
        const facts = {
          status: o.status as OrderState,
          late: isLate(o, now),
          cancelRequestedBy: (o.cancelRequestedBy as 'buyer' | 'seller' | null) ?? null,
        };
        const t = transition(facts, action, role);
        if ('error' in t) throw new AppError(t.error);
        switch (action) {
          case 'accept': {
            const row = await cas(tx, o, 'in_progress', {
              startedAt: now,
              acceptBy: null,
              deadlineAt: new Date(now.getTime() + o.deliveryDays * DAY),
            });
            await event(tx, row, actor.id, 'accepted');
            await tell(tx, row, 'accepted', actor.id);
            return row;
          }
          case 'decline': {
            const reason = checkMessage(input.reason ?? '', 'reason', false);
            const row = await cas(tx, o, 'cancelled', { cancelledAt: now, acceptBy: null, cancelReason: reason });
            await refundMoney(tx, row, actor.id);
            await event(tx, row, actor.id, 'declined', { message: reason });
            await tell(tx, row, 'declined', actor.id);
            return row;
          }
          case 'deliver': {
            const message = checkMessage(input.message ?? '');
            const fileIds = [...new Set(input.fileIds ?? [])];
            if (fileIds.length > 10) throw invalid({ files: 'messaging.too_many_files' }, { files: 10 });
            const own = fileIds.length ? await m.files.owned(tx, actor.id, fileIds, 'attachment') : [];
            if (own.length !== fileIds.length) throw invalid({ files: 'messaging.file_invalid' });
            const wait = o.kind === 'project' ? PROJECT_AUTO_COMPLETE_MS : AUTO_COMPLETE_MS;
            const row = await cas(tx, o, 'delivered', { deliveredAt: now, autoCompleteAt: new Date(now.getTime() + wait) });
            await event(tx, row, actor.id, 'delivered', { message, fileIds });
            if (row.conversationId) await m.messaging.sendTo(tx, actor.id, row.conversationId, message, fileIds);
            await tell(tx, row, 'delivered', actor.id);
            return row;
          }
          case 'request-changes': {
            const message = checkMessage(input.message ?? '');
            const row = await cas(tx, o, 'in_progress', { autoCompleteAt: null });
            await event(tx, row, actor.id, 'changes_requested', { message });
            if (row.conversationId) await m.messaging.sendTo(tx, actor.id, row.conversationId, message, []);
            await tell(tx, row, 'changes_requested', actor.id);
            return row;
          }
          case 'complete': {
            const row = await cas(tx, o, 'completed', { completedAt: now, autoCompleteAt: null, cancelRequestedBy: null });
            await completeMoney(tx, row, actor.id);
            await event(tx, row, actor.id, 'completed');
            await tell(tx, row, 'completed', actor.id);
            return row;
          }
          case 'cancel': {
            const reason = checkMessage(input.reason ?? '', 'reason', false);
            const row = await cas(tx, o, 'cancelled', { cancelledAt: now, acceptBy: null, cancelReason: reason });
            await refundMoney(tx, row, actor.id);
            await event(tx, row, actor.id, facts.late ? 'cancelled_late' : 'cancelled', { message: reason });
            await tell(tx, row, 'cancelled', actor.id);
            return row;
          }
          case 'request-cancel': {
            const reason = checkMessage(input.reason ?? '', 'reason');
            const [row] = await tx
              .update(orders)
              .set({ cancelRequestedBy: role, cancelReason: reason })
              .where(and(eq(orders.id, o.id), eq(orders.status, o.status), isNull(orders.cancelRequestedBy)))
              .returning();
            if (!row) throw new AppError('order.conflict');
            await event(tx, row, actor.id, 'cancel_requested', { message: reason });
            await tell(tx, row, 'cancel_requested', actor.id);
            return row;
          }
          case 'accept-cancel': {
            const row = await cas(tx, o, 'cancelled', { cancelledAt: now, autoCompleteAt: null });
            await refundMoney(tx, row, actor.id);
            await event(tx, row, actor.id, 'cancel_accepted');
            await tell(tx, row, 'cancelled', actor.id);
            return row;
          }
          case 'reject-cancel': {
            const row = await cas(tx, o, o.status as OrderState, { cancelRequestedBy: null });
            await event(tx, row, actor.id, 'cancel_rejected');
            await tell(tx, row, 'cancel_rejected', actor.id);
            return row;
          }
          case 'dispute': {
            const reason = checkMessage(input.reason ?? '', 'reason');
            const row = await cas(tx, o, 'disputed', { disputedFrom: o.status, autoCompleteAt: null });
            await tx.insert(disputes).values({ orderId: o.id, openedBy: actor.id, reason, createdAt: now });
            await event(tx, row, actor.id, 'dispute_opened', { message: reason });
            await tell(tx, row, 'dispute_opened', actor.id);
            return row;
          }
        }
      }
    },

    /** Staff end a dispute: release to the seller, refund the buyer, or split by an amount; both sides told why. */
    async resolve(staff: AuthUser, orderId: number, d: { decision: string; buyerCents?: number; reason: string }, ip: string | null) {
      if (!canResolve(staff)) throw new AppError('auth.forbidden');
      const reason = (d.reason ?? '').trim();
      const fields: Record<string, string> = {};
      if (!['release', 'refund', 'split'].includes(d.decision)) fields.decision = 'dispute.decision_invalid';
      if (reason.length < 5) fields.reason = 'dispute.reason_required';
      if (Object.keys(fields).length) throw invalid(fields);
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const o = await load(tx, orderId);
        if (o.status !== 'disputed') throw new AppError('order.conflict');
        const buyerCents = d.decision === 'refund' ? o.totalCents : d.decision === 'release' ? 0 : Number(d.buyerCents);
        if (d.decision === 'split' && (!Number.isSafeInteger(buyerCents) || buyerCents <= 0 || buyerCents >= o.totalCents))
          throw invalid({ buyerCents: 'dispute.split_invalid' }, { max: o.totalCents });
        const to: OrderState = d.decision === 'refund' ? 'cancelled' : 'completed';
        const done = await cas(tx, o, to, to === 'completed' ? { completedAt: now } : { cancelledAt: now });
        const [dispute] = await tx
          .update(disputes)
          .set({ status: 'resolved', decision: d.decision, buyerCents, decisionReason: reason, decidedBy: staff.id, decidedAt: now })
          .where(and(eq(disputes.orderId, o.id), eq(disputes.status, 'open')))
          .returning();
        if (!dispute) throw new AppError('order.conflict');
        if (d.decision === 'refund') await refundMoney(tx, done, staff.id);
        else if (d.decision === 'release') await completeMoney(tx, done, staff.id);
        else {
          await m.wallet.splitEscrow(tx, {
            buyerId: o.buyerId,
            sellerId: o.sellerId,
            amountCents: o.totalCents,
            buyerCents,
            commissionBp: o.commissionBp,
            clearanceDays: await clearanceDaysOf(tx, o.sellerId),
            reference: `order:${o.id}`,
            actorId: staff.id,
          });
          await recomputeLevel(tx, o.sellerId);
        }
        await event(tx, done, staff.id, 'dispute_resolved', { message: reason, data: { decision: d.decision, buyerCents } });
        await audit(tx, {
          actorId: staff.id,
          action: 'dispute.resolve',
          targetType: 'order',
          targetId: o.id,
          data: { decision: d.decision, buyerCents, reason },
          ip,
        });
        await tell(tx, done, 'dispute_resolved', staff.id, { decision: d.decision, reason });
        return done;
      });
      deps.outbox.kick();
      return { id: row.id, status: row.status };
    },

    /** Open disputes, oldest first (the staff queue). */
    async disputeQueue(staff: AuthUser) {
      if (!canResolve(staff)) throw new AppError('auth.forbidden');
      return db
        .select({ dispute: disputes, order: orders })
        .from(disputes)
        .innerJoin(orders, eq(orders.id, disputes.orderId))
        .where(eq(disputes.status, 'open'))
        .orderBy(asc(disputes.id))
        .limit(200);
    },

    /** "My purchases" / "my sales": newest first, by status, with the count per status. */
    async list(userId: number, side: 'buyer' | 'seller', status?: string) {
      const who = side === 'buyer' ? orders.buyerId : orders.sellerId;
      const items = await db
        .select()
        .from(orders)
        .where(and(eq(who, userId), status ? eq(orders.status, status) : undefined))
        .orderBy(desc(orders.id))
        .limit(100);
      const counts = await db
        .select({ status: orders.status, n: sql<number>`count(*)::int` })
        .from(orders)
        .where(eq(who, userId))
        .groupBy(orders.status);
      return { items, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number> };
    },

    /** Every due timer (the worker and `run-due`): unanswered orders cancelled, deliveries completed, reviews published. */
    async runDue(now: Date) {
      let expired = 0;
      let autoCompleted = 0;
      for (const [status, column] of [
        ['pending', orders.acceptBy],
        ['delivered', orders.autoCompleteAt],
      ] as const) {
        for (;;) {
          const n = await db.transaction(async (tx) => {
            const due = await tx
              .select()
              .from(orders)
              .where(and(eq(orders.status, status), lte(column, now)))
              .orderBy(asc(orders.id))
              .limit(20)
              .for('update', { skipLocked: true });
            for (const o of due) {
              if (status === 'pending') {
                const row = await cas(tx, o, 'cancelled', { cancelledAt: now, acceptBy: null });
                await refundMoney(tx, row, null);
                await event(tx, row, null, 'expired');
                await tell(tx, row, 'expired', null);
              } else {
                const row = await cas(tx, o, 'completed', { completedAt: now, autoCompleteAt: null });
                await completeMoney(tx, row, null);
                await event(tx, row, null, 'auto_completed');
                await tell(tx, row, 'completed', null);
              }
            }
            return due.length;
          });
          if (status === 'pending') expired += n;
          else autoCompleted += n;
          if (n < 20) break;
        }
      }
      const published = await publishReviews(db, now);
      if (expired + autoCompleted + published) deps.outbox.kick();
      return { expired, autoCompleted, reviewsPublished: published, levelsRecomputed: await dailyLevels(now) };
    },

    /** A side reviews the other after completion (once); published when both are in or 10 days after completion. */
    async review(actor: AuthUser, orderId: number, input: { quality: unknown; communication: unknown; onTime: unknown; comment: unknown }) {
      await m.trust.assertAllowed(actor.id, 'posting');
      const problems = reviewProblems(input);
      if (Object.keys(problems).length) throw invalid(problems);
      const comment = String(input.comment ?? '');
      const scan = scanContacts(comment);
      if (scan.contact) {
        await m.trust.recordAttempt(actor.id, 'review', scan.matches);
        throw contactRefusal({ comment: scan.matches });
      }
      const row = await db.transaction(async (tx) => {
        const o = await load(tx, orderId, true);
        const role = roleOf(o, actor);
        if (role !== 'buyer' && role !== 'seller') throw new AppError(role === 'other' ? 'order.not_found' : 'order.forbidden');
        if (o.status !== 'completed') throw new AppError('review.not_completed');
        const [r] = await tx
          .insert(reviews)
          .values({
            orderId: o.id,
            serviceId: o.serviceId,
            authorId: actor.id,
            subjectId: role === 'buyer' ? o.sellerId : o.buyerId,
            authorRole: role,
            quality: input.quality as number,
            communication: input.communication as number,
            onTime: input.onTime as number,
            comment: String(input.comment ?? '').trim(),
            createdAt: clock(),
          })
          .onConflictDoNothing()
          .returning();
        if (!r) throw new AppError('review.already');
        const both = await tx.select().from(reviews).where(eq(reviews.orderId, o.id));
        if (both.length === 2) await publish(tx, both, clock());
        await event(tx, o, actor.id, 'reviewed');
        return r;
      });
      return { id: row.id };
    },

    /** The reviewed person answers a published review, once. */
    async reply(actor: AuthUser, reviewId: number, text: string) {
      await m.trust.assertAllowed(actor.id, 'posting');
      const t = await recordingContacts(actor.id, [text], async () => checkMessage(text, 'reply'));
      const [r] = await db
        .update(reviews)
        .set({ reply: t, repliedAt: clock() })
        .where(
          and(eq(reviews.id, reviewId), eq(reviews.subjectId, actor.id), isNull(reviews.reply), sql`${reviews.publishedAt} IS NOT NULL`),
        )
        .returning();
      if (!r) throw new AppError('review.reply_not_allowed');
      return { id: r.id };
    },

    /** A review for moderation (reports): who wrote it, about whom, its text; null when unknown. */
    async reviewById(id: number, tx: DbOrTx = db) {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [r] = await tx.select().from(reviews).where(eq(reviews.id, id));
      return r ?? null;
    },

    /** Moderators remove a review (policy 9): no longer shown; the row stays for the record. */
    async removeReview(tx: DbOrTx, id: number): Promise<boolean> {
      const r = await tx
        .update(reviews)
        .set({ removedAt: clock() })
        .where(and(eq(reviews.id, id), isNull(reviews.removedAt)))
        .returning({ id: reviews.id });
      return r.length > 0;
    },

    /** Published reviews of a seller's service (or of a person), newest first. */
    async publicReviews(by: { serviceId?: number; subjectId?: number }, limit = 20) {
      const rows = await db
        .select()
        .from(reviews)
        .where(
          and(
            sql`${reviews.publishedAt} IS NOT NULL`,
            isNull(reviews.removedAt),
            by.serviceId ? and(eq(reviews.serviceId, by.serviceId), eq(reviews.authorRole, 'buyer')) : undefined,
            by.subjectId ? eq(reviews.subjectId, by.subjectId) : undefined,
          ),
        )
        .orderBy(desc(reviews.id))
        .limit(limit);
      const people = await m.accounts.publicByIds(rows.map((r) => r.authorId));
      return rows.map((r) => ({
        r,
        author: { username: people.get(r.authorId)?.username ?? '', displayName: people.get(r.authorId)?.displayName ?? '' },
      }));
    },

    /** The seller's earnings: completed sales, commission, pending and cleared (from the wallet). */
    async earnings(sellerId: number) {
      // Net as the ledger computes it per order: the commission rounded half up to the cent (wallet rules.ts).
      const [r] = await queryRows<{ gross: string; net: string; n: number }>(
        db,
        sql`SELECT coalesce(sum(g), 0) AS gross, coalesce(sum(g - (g * bp + 5000) / 10000), 0) AS net, count(*)::int AS n
            FROM (SELECT o.total_cents - coalesce(d.buyer_cents, 0) AS g, o.commission_bp AS bp
                  FROM orders o LEFT JOIN disputes d ON d.order_id = o.id AND d.status = 'resolved'
                  WHERE o.seller_id = ${sellerId} AND o.status = 'completed') x`,
      );
      const active = await db
        .select({ n: sql<number>`count(*)::int`, cents: sql<string>`coalesce(sum(total_cents), 0)` })
        .from(orders)
        .where(and(eq(orders.sellerId, sellerId), inArray(orders.status, ['pending', 'in_progress', 'delivered', 'disputed'])));
      return {
        completedCount: r.n,
        grossCents: Number(r.gross),
        netCents: Number(r.net),
        activeCount: active[0].n,
        activeCents: Number(active[0].cents),
      };
    },

    recomputeLevel,
    roleOf,
  };

  /** Double-blind: both reviews of an order appear together; the service's rating counts the buyer's. */
  async function publish(tx: DbOrTx, rows: ReviewRow[], now: Date) {
    for (const r of rows) {
      if (r.publishedAt) continue;
      const [p] = await tx
        .update(reviews)
        .set({ publishedAt: now })
        .where(and(eq(reviews.id, r.id), isNull(reviews.publishedAt)))
        .returning();
      if (p && p.authorRole === 'buyer') {
        const overall = Math.round((p.quality + p.communication + p.onTime) / 3);
        if (p.serviceId) await m.catalog.addRating(p.serviceId, overall, tx);
        await recomputeLevel(tx, p.subjectId);
      }
    }
  }

  /**
   * Once a day (the first sweep of a UTC day claims it, whichever instance runs it), every seller with a
   * completed order gets their level recomputed, as RULES.md asks besides the recompute after each order.
   */
  async function dailyLevels(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const claimed = await queryRows<{ key: string }>(
      db,
      sql`INSERT INTO settings (key, value) VALUES ('orders.levels_day', ${JSON.stringify(day)}::jsonb)
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE settings.value <> EXCLUDED.value
          RETURNING key`,
    );
    if (!claimed.length) return 0;
    const sellers = await queryRows<{ seller_id: number }>(db, sql`SELECT DISTINCT seller_id FROM orders WHERE status = 'completed'`);
    for (const { seller_id } of sellers) await db.transaction((tx) => recomputeLevel(tx, seller_id));
    return sellers.length;
  }

  async function publishReviews(dbx: typeof db, now: Date): Promise<number> {
    const due = await queryRows<{ id: number }>(
      dbx,
      sql`SELECT r.id FROM reviews r JOIN orders o ON o.id = r.order_id
          WHERE r.published_at IS NULL AND o.completed_at <= ${new Date(now.getTime() - REVIEW_BLIND_MS).toISOString()}::timestamptz LIMIT 200`,
    );
    if (!due.length) return 0;
    return dbx.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(reviews)
        .where(
          inArray(
            reviews.id,
            due.map((d) => Number(d.id)),
          ),
        );
      await publish(tx, rows, now);
      return rows.length;
    });
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

  return service;
}

function isLate(o: OrderRow, now: Date): boolean {
  return o.status === 'in_progress' && o.deadlineAt !== null && now.getTime() > o.deadlineAt.getTime();
}

export type OrdersService = ReturnType<typeof createOrdersService>;
