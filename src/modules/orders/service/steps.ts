import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../../../platform/db/index.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { FilesService } from '../../../platform/files.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { MessagingService } from '../../messaging/index.ts';
import type { NotificationsService, NotificationType } from '../../notifications/index.ts';
import type { AwardPoints } from '../../points/index.ts';
import { contactFindings, contactRefusal, scanContacts, type TrustService } from '../../trust/index.ts';
import type { WalletService } from '../../wallet/index.ts';
import { orderMail } from '../mails.ts';
import { buyerLevelFor, CLEARANCE_DAYS, type OrderFacts, type OrderState, sellerLevelFor } from '../rules.ts';
import { type disputes, orderEvents, orders, type reviews } from '../schema.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type DisputeRow = typeof disputes.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;

/** The other modules the orders use, each through its index. */
export interface OrdersModules {
  catalog: CatalogService;
  wallet: WalletService;
  messaging: MessagingService;
  notifications: Pick<NotificationsService, 'notify'>;
  files: FilesService;
  trust: Pick<TrustService, 'assertAllowed' | 'isAllowed' | 'recordAttempt'>;
  /** The points ledger: completed work (both sides) and 5-star reviews earn points in the order's transaction. */
  points: { award: AwardPoints };
  accounts: {
    syncLevels(userId: number, levels: { seller?: string; buyer?: string }, tx: DbOrTx): Promise<void>;
    /** The person's record as the directory shows it (accounts keeps it on the user). */
    setPersonStats(userId: number, stats: PersonStats, tx: DbOrTx): Promise<void>;
    /** Holds these people's records to the end of the transaction (a recount then sees every committed review). */
    lockPersonRecords(userIds: number[], tx: DbOrTx): Promise<void>;
    sellerLevelOf(userId: number, tx: DbOrTx): Promise<string>;
    buyerLevelOf(userId: number, tx: DbOrTx): Promise<string>;
    publicByIds(ids: number[]): Promise<Map<number, { username: string; displayName: string }>>;
  };
}

/** A person's record: orders completed as seller, and the published reviews of them on each side (average × 100). */
export interface PersonStats {
  sellerJobs: number;
  sellerRatingX100: number;
  sellerReviews: number;
  buyerRatingX100: number;
  buyerReviews: number;
}

export const DAY = 86_400_000;
const MESSAGE_MAX = 5000;

/** Past the delivery deadline without a delivery. */
export function isLate(o: OrderRow, now: Date): boolean {
  return o.status === 'in_progress' && o.deadlineAt !== null && now.getTime() > o.deadlineAt.getTime();
}

/** What the transition table needs to know about an order now. */
export function factsOf(o: OrderRow, now: Date): OrderFacts {
  return {
    status: o.status as OrderState,
    late: isLate(o, now),
    cancelRequestedBy: (o.cancelRequestedBy as 'buyer' | 'seller' | null) ?? null,
    extensionRequestedBy: (o.extensionRequestedBy as 'buyer' | 'seller' | null) ?? null,
  };
}

/**
 * The steps every orders use case is made of (loading, the compare-and-set, the history, telling the sides,
 * the money at the end), bound to the app's dependencies once; each use-case file takes it.
 */
export function createOrderSteps(deps: Deps, m: OrdersModules) {
  const { clock, config } = deps;

  async function load(tx: DbOrTx, id: number, lock = false): Promise<OrderRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('order.not_found');
    const q = tx.select().from(orders).where(eq(orders.id, id));
    const [o] = lock ? await q.for('update') : await q;
    if (!o) throw new AppError('order.not_found');
    return o;
  }

  /**
   * Compare-and-set the state (DESIGN.md "Money"): zero rows = someone else moved it first → 409, nothing moves.
   * `guard`: a further condition the row must still meet (e.g. no cancellation request open).
   */
  async function cas(tx: Tx, o: OrderRow, to: OrderState, set: Partial<typeof orders.$inferInsert> = {}, guard?: SQL): Promise<OrderRow> {
    const [row] = await tx
      .update(orders)
      .set({ ...set, status: to })
      .where(and(eq(orders.id, o.id), eq(orders.status, o.status), guard))
      .returning();
    if (!row) throw new AppError('order.conflict');
    return row;
  }

  /** One line of the order's history. */
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
    // The history's last line (written before telling): a page that shows it already (the actor's own, after the
    // redirect) does not reload for it and keeps its notice.
    const [last] = await queryRows<{ id: number | null }>(tx, sql`SELECT max(id)::int AS id FROM order_events WHERE order_id = ${o.id}`);
    await deps.live.publish(tx, [o.buyerId, o.sellerId], { type: 'order', data: { orderId: o.id, kind, eventId: last?.id ?? 0 } });
  }

  async function clearanceDaysOf(tx: DbOrTx, sellerId: number) {
    return CLEARANCE_DAYS[await m.accounts.sellerLevelOf(sellerId, tx)] ?? CLEARANCE_DAYS.new;
  }

  /** RULES.md "Levels": from completed sales, jobs and the published rating; staff-chosen "expert" stays. */
  async function recomputeLevel(tx: DbOrTx, sellerId: number): Promise<string> {
    // The record's lock first: two of the seller's orders completed at once both count in the jobs and the sales.
    await m.accounts.lockPersonRecords([sellerId], tx);
    const current = await m.accounts.sellerLevelOf(sellerId, tx);
    const [r] = await queryRows<{ sales: string; jobs: number }>(
      tx,
      sql`SELECT coalesce(sum(total_cents), 0) AS sales, count(*)::int AS jobs FROM orders WHERE seller_id = ${sellerId} AND status = 'completed'`,
    );
    const { sellerAverage } = await syncPersonStats(tx, sellerId, r.jobs);
    const level = sellerLevelFor(current, { salesCents: Number(r.sales), completed: r.jobs, rating: sellerAverage });
    if (level !== current) await m.accounts.syncLevels(sellerId, { seller: level }, tx);
    return level;
  }

  /** A seller's record as the level reads it (completed sales and jobs, the published rating), without writing. */
  async function sellerRecordOf(tx: DbOrTx, sellerId: number): Promise<{ salesCents: number; jobs: number; rating: number | null }> {
    const [r] = await queryRows<{ sales: string; jobs: number; rating: number | null }>(
      tx,
      sql`SELECT (SELECT coalesce(sum(total_cents), 0) FROM orders WHERE seller_id = ${sellerId} AND status = 'completed') AS sales,
                 (SELECT count(*)::int FROM orders WHERE seller_id = ${sellerId} AND status = 'completed') AS jobs,
                 (SELECT avg((quality + communication + on_time) / 3.0)::float8 FROM reviews
                   WHERE subject_id = ${sellerId} AND author_role = 'buyer' AND published_at IS NOT NULL AND removed_at IS NULL) AS rating`,
    );
    return {
      salesCents: Number(r?.sales ?? 0),
      jobs: Number(r?.jobs ?? 0),
      rating: r?.rating === null || r?.rating === undefined ? null : Number(r.rating),
    };
  }

  /**
   * Staff give or take back Expert (seller) or VIP (buyer), under the person record's lock: given, it stays through
   * every recomputation; taken back, the level is the one the record earns now.
   */
  async function setStaffLevel(tx: DbOrTx, userId: number, side: 'seller' | 'buyer', on: boolean): Promise<string> {
    await m.accounts.lockPersonRecords([userId], tx);
    if (on) {
      const level = side === 'seller' ? 'expert' : 'vip';
      await m.accounts.syncLevels(userId, { [side]: level }, tx);
      return level;
    }
    await m.accounts.syncLevels(userId, { [side]: 'new' }, tx);
    return side === 'seller' ? recomputeLevel(tx, userId) : recomputeBuyerLevel(tx, userId);
  }

  /**
   * RULES.md "Levels": a buyer's level from the money they spent (the wallet's releases from their escrow: orders,
   * projects, contest prizes); staff-chosen "vip" stays. Under the person record's lock, as the seller's level: two
   * purchases of one buyer completed at once both count (the second recount waits and then sees the first).
   */
  async function recomputeBuyerLevel(tx: DbOrTx, buyerId: number): Promise<string> {
    await m.accounts.lockPersonRecords([buyerId], tx);
    const current = await m.accounts.buyerLevelOf(buyerId, tx);
    const level = buyerLevelFor(current, await m.wallet.spentAsBuyerCents(buyerId, tx));
    if (level !== current) await m.accounts.syncLevels(buyerId, { buyer: level }, tx);
    return level;
  }

  /**
   * Recomputes a person's record (RULES.md "Reviews": published, not removed) and keeps it on their account, in the
   * transaction that changed it. `jobs`: already counted by the caller.
   */
  async function syncPersonStats(tx: DbOrTx, userId: number, jobs?: number): Promise<PersonStats & { sellerAverage: number | null }> {
    // Under the record's lock: a review of the same person committed meanwhile by another transaction is counted.
    await m.accounts.lockPersonRecords([userId], tx);
    const [r] = await queryRows<{ jobs: number; s_avg: number | null; s_n: number; b_avg: number | null; b_n: number }>(
      tx,
      sql`SELECT ${jobs === undefined ? sql`(SELECT count(*)::int FROM orders WHERE seller_id = ${userId} AND status = 'completed')` : sql`${jobs}::int`} AS jobs,
            avg((quality + communication + on_time) / 3.0) FILTER (WHERE author_role = 'buyer')::float8 AS s_avg,
            count(*) FILTER (WHERE author_role = 'buyer')::int AS s_n,
            avg((quality + communication + on_time) / 3.0) FILTER (WHERE author_role = 'seller')::float8 AS b_avg,
            count(*) FILTER (WHERE author_role = 'seller')::int AS b_n
          FROM reviews WHERE subject_id = ${userId} AND published_at IS NOT NULL AND removed_at IS NULL`,
    );
    const x100 = (avg: number | null) => (avg === null ? 0 : Math.round(Number(avg) * 100));
    const stats: PersonStats = {
      sellerJobs: Number(r.jobs),
      sellerRatingX100: x100(r.s_avg),
      sellerReviews: Number(r.s_n),
      buyerRatingX100: x100(r.b_avg),
      buyerReviews: Number(r.b_n),
    };
    await m.accounts.setPersonStats(userId, stats, tx);
    return { ...stats, sellerAverage: r.s_avg === null ? null : Number(r.s_avg) };
  }

  /**
   * The seller is paid: escrow → pending less the commission the order was placed at (its `commission_bp`),
   * cleared after the level's days; stats and level follow.
   */
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
    await recomputeLevels(tx, o);
    // Points per whole dollar of the order's total, to both sides (once each: the ledger's unique key).
    const per = Math.floor(o.totalCents / 100);
    for (const userId of [o.buyerId, o.sellerId])
      await m.points.award(tx, { userId, reason: 'order_completed', source: `order:${o.id}`, per });
  }

  /** Both sides' levels after money moved to the seller: both records locked at once, in id order (no deadlock). */
  async function recomputeLevels(tx: DbOrTx, o: Pick<OrderRow, 'buyerId' | 'sellerId'>) {
    await m.accounts.lockPersonRecords([o.buyerId, o.sellerId], tx);
    await recomputeLevel(tx, o.sellerId);
    await recomputeBuyerLevel(tx, o.buyerId);
  }

  async function refundMoney(tx: Tx, o: OrderRow, actorId: number | null) {
    await m.wallet.refundEscrow(tx, { buyerId: o.buyerId, amountCents: o.totalCents, reference: `order:${o.id}`, actorId });
  }

  /** An order's text (message, reason, reply): required or not, bounded, and free of contact details (privacy policy 4). */
  function checkMessage(text: string, field = 'message', required = true) {
    const t = (text ?? '').trim();
    if (required && !t) throw invalid({ [field]: 'order.message_required' });
    if (t.length > MESSAGE_MAX) throw invalid({ [field]: 'order.message_too_long' }, { max: MESSAGE_MAX });
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

  return {
    deps,
    m,
    load,
    cas,
    event,
    tell,
    clearanceDaysOf,
    recomputeLevel,
    recomputeBuyerLevel,
    recomputeLevels,
    sellerRecordOf,
    setStaffLevel,
    syncPersonStats,
    completeMoney,
    refundMoney,
    checkMessage,
    recordingContacts,
  };
}

export type OrderSteps = ReturnType<typeof createOrderSteps>;
