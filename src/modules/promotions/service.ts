import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { type DbOrTx, queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { SpendPoints } from '../points/index.ts';
import type { WalletService } from '../wallet/index.ts';
import { createCounters } from './counters.ts';
import { mayChangePromotionSettings, mayManagePromotions, promoteRefusal } from './policy.ts';
import {
  changePromotionSettings,
  DAY_MS,
  MAX_SLOTS,
  monthOf,
  PAY_WITH,
  type PayWith,
  type PromotionSettings,
  paymentOf,
  promotionSettingsOf,
  remainingAt,
  rotate,
  SETTINGS_KEY,
} from './rules.ts';
import { promotions } from './schema.ts';

export type Promotion = typeof promotions.$inferSelect;
type Actor = { id: number; roles: readonly string[] };

/** What promotions need of other modules (given in app.ts). */
export interface PromotionsDeps {
  catalog: Pick<CatalogService, 'lockForPromotion' | 'promotableByIds' | 'search' | 'registerSponsored' | 'version'>;
  points: { spend: SpendPoints; balance(userId: number, tx?: DbOrTx): Promise<number> };
  wallet: Pick<WalletService, 'chargeToRevenue' | 'balances'>;
  accounts: { sellerLevelOf(userId: number, tx?: DbOrTx): Promise<string> };
  notifications: Pick<NotificationsService, 'notify'>;
}

/** An advisory lock's first key: one seller's promotions while one is made (the free ones of the month counted exactly). */
const LOCK_CLASS = 4231;
const UNIQUE_VIOLATION = '23505';
const isUnique = (err: unknown) =>
  ((err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code) === UNIQUE_VIOLATION;
/** How long this instance keeps the list of running promotions (another instance's new one shows within this). */
const ACTIVE_TTL_MS = 5_000;

/** Sponsored services (RULES.md "Sponsored services"): promote, pay, stop and resume, end, the slots, the counts. */
export function createPromotionsService(deps: Deps, d: PromotionsDeps) {
  const { db, clock } = deps;
  let current: PromotionSettings = promotionSettingsOf(undefined);

  async function settings(tx: DbOrTx = db): Promise<PromotionSettings> {
    current = promotionSettingsOf(await readSetting(tx, SETTINGS_KEY));
    return current;
  }

  // ——— the running promotions, as the slots choose among them (kept a few seconds in memory) ———
  let active: { at: number; version: number; byService: Map<number, number>; byId: Map<number, number> } | null = null;
  let version = 0;
  async function running(): Promise<{ at: number; version: number; byService: Map<number, number>; byId: Map<number, number> }> {
    const now = Date.now();
    if (active && active.version === version && now - active.at < ACTIVE_TTL_MS) return active;
    const at = clock();
    const rows = await db
      .select({ id: promotions.id, serviceId: promotions.serviceId })
      .from(promotions)
      .where(and(eq(promotions.state, 'active'), sql`${promotions.endsAt} > ${at}`));
    active = {
      at: now,
      version,
      byService: new Map(rows.map((r) => [r.serviceId, r.id])),
      byId: new Map(rows.map((r) => [r.id, r.serviceId])),
    };
    return active;
  }
  const changed = () => {
    version++;
  };

  const counters = createCounters(db);
  /** When each promoted service was last shown in a slot (a counter, not a time): the rotation's order. */
  const lastShown = new Map<number, number>();
  let shown = 0;

  /**
   * The promoted services matching a page's search and filters, kept a few seconds per search, per list of running
   * promotions and per catalog version (a paused service leaves at once on this instance), keyed on the page's small
   * query, not on the list of ids.
   */
  const matches = ttlCache<Awaited<ReturnType<PromotionsDeps['catalog']['search']>>>(ACTIVE_TTL_MS, 2000);

  /** The slots' source (catalog/sponsored.ts): matching running promotions, least recently shown first. */
  async function pick(query: Parameters<PromotionsDeps['catalog']['search']>[0], slots: number) {
    const list = await running();
    const { byService } = list;
    if (byService.size === 0) return [];
    // The page's own search and filters, limited to the promoted services, the words as typed (never widened).
    const q = { ...query, cursor: undefined, limit: 100 };
    const found = await matches.get(`${list.at}:${list.version}:${d.catalog.version()}:${JSON.stringify(q)}`, () =>
      d.catalog.search({ ...q, serviceIds: [...byService.keys()], exact: true }),
    );
    const chosen = rotate(
      found.items.map((h) => h.id),
      lastShown,
      Math.min(slots, MAX_SLOTS),
    );
    if (lastShown.size > 10_000) lastShown.clear();
    const hits = new Map(found.items.map((h) => [h.id, h]));
    return chosen.map((serviceId) => {
      lastShown.set(serviceId, ++shown);
      const promotionId = byService.get(serviceId) as number;
      counters.impression(promotionId);
      return { hit: hits.get(serviceId) as (typeof found.items)[number], href: `/sponsored/${promotionId}` };
    });
  }
  d.catalog.registerSponsored({ positions: () => current.positions, pick });
  // The positions in memory from the start (the slots' markers are rendered before any promotion is read).
  const ready = settings().catch(() => current);

  async function freeUsed(tx: DbOrTx, sellerId: number, at: Date): Promise<number> {
    const { from, to } = monthOf(at);
    return tx.$count(
      promotions,
      and(
        eq(promotions.sellerId, sellerId),
        eq(promotions.paidWith, 'free'),
        gte(promotions.createdAt, from),
        lt(promotions.createdAt, to),
      ),
    );
  }

  async function notifyEnded(tx: DbOrTx, p: { id: number; sellerId: number; serviceId: number }, title: string) {
    await d.notifications.notify(tx, { userId: p.sellerId, type: 'promotion.ended', params: { title }, url: '/promotions' });
  }

  return {
    settings,
    ready,

    /**
     * A seller promotes their live service for `days` (RULES.md "Sponsored services"): an Expert's free promotion of
     * the month first, otherwise 500 points (the points ledger) or $5 from the available balance (platform revenue,
     * through the ledger), in one transaction. Refused: someone else's service (403 `promotion.forbidden`), a service
     * not live (`promotion.not_live`), one promoted now (409 `promotion.already_promoted`), too few points
     * (`points.insufficient`) or too little money (`wallet.insufficient_funds`).
     */
    async create(actor: Actor | null, input: { serviceId: number; payWith: unknown }): Promise<Promotion> {
      if (!actor) throw new AppError('auth.required');
      if (!(PAY_WITH as readonly unknown[]).includes(input.payWith)) throw invalid({ payWith: 'promotion.pay_invalid' });
      const payWith = input.payWith as PayWith;
      try {
        const row = await db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${actor.id}::int)`);
          const service = await d.catalog.lockForPromotion(tx, input.serviceId);
          const refusal = promoteRefusal(actor, service);
          if (refusal || !service) throw new AppError(refusal ?? 'service.not_found');
          const [running] = await tx
            .select({ id: promotions.id })
            .from(promotions)
            .where(and(eq(promotions.serviceId, service.id), inArray(promotions.state, ['active', 'stopped'])));
          if (running) throw new AppError('promotion.already_promoted', {}, {}, { status: 409 });
          const s = await settings(tx);
          const now = clock();
          const expert = (await d.accounts.sellerLevelOf(actor.id, tx)) === 'expert';
          const paidWith = paymentOf(payWith, expert, expert ? await freeUsed(tx, actor.id, now) : 0, s);
          const [p] = await tx
            .insert(promotions)
            .values({
              serviceId: service.id,
              sellerId: actor.id,
              paidWith,
              pointsSpent: paidWith === 'points' ? s.points : 0,
              centsPaid: paidWith === 'money' ? s.priceCents : 0,
              state: 'active',
              startsAt: now,
              endsAt: new Date(now.getTime() + s.days * DAY_MS),
              createdAt: now,
            })
            .returning();
          if (paidWith === 'points')
            await d.points.spend(tx, { userId: actor.id, points: s.points, reason: 'promotion', source: `promotion:${p.id}` });
          if (paidWith === 'money')
            await d.wallet.chargeToRevenue(tx, {
              userId: actor.id,
              amountCents: s.priceCents,
              kind: 'promotion',
              reference: `promotion:${p.id}`,
            });
          return p;
        });
        changed();
        return row;
      } catch (err) {
        if (isUnique(err)) throw new AppError('promotion.already_promoted', {}, {}, { status: 409 });
        throw err;
      }
    },

    /** What a seller is about to pay with: the cost, their points and available balance, and a free one left. */
    async quote(actor: Actor) {
      const s = await settings();
      const [points, balances, level, used] = await Promise.all([
        d.points.balance(actor.id),
        d.wallet.balances(actor.id),
        d.accounts.sellerLevelOf(actor.id),
        freeUsed(db, actor.id, clock()),
      ]);
      return {
        settings: s,
        points,
        availableCents: balances.availableCents,
        free: paymentOf('points', level === 'expert', used, s) === 'free',
      };
    },

    /** A seller's promotions, newest first, with the impressions and clicks counted so far (this instance's unsaved too). */
    async mine(userId: number, limit = 100) {
      const rows = await db.select().from(promotions).where(eq(promotions.sellerId, userId)).orderBy(desc(promotions.id)).limit(limit);
      return rows.map((r) => ({ ...r, ...counters.withPending(r) }));
    },

    /** Every promotion, newest first (moderators). */
    async all(actor: Actor | null, limit = 200) {
      if (!mayManagePromotions(actor)) throw new AppError('auth.forbidden');
      const rows = await db.select().from(promotions).orderBy(desc(promotions.id)).limit(limit);
      return rows.map((r) => ({ ...r, ...counters.withPending(r) }));
    },

    /** A moderator ends a running or stopped promotion early, with a reason (audited; the seller is told). */
    async endEarly(actor: Actor | null, id: number, reason: unknown, ip: string | null) {
      if (!mayManagePromotions(actor) || !actor) throw new AppError('auth.forbidden');
      const why = typeof reason === 'string' ? reason.trim() : '';
      if (why.length < 10 || why.length > 500) throw invalid({ reason: 'promotion.reason_required' });
      await db.transaction(async (tx) => {
        const now = clock();
        const [p] = await tx
          .update(promotions)
          .set({ state: 'ended', endedAt: now, remainingMs: null })
          .where(and(eq(promotions.id, id), inArray(promotions.state, ['active', 'stopped'])))
          .returning();
        if (!p) throw new AppError('promotion.wrong_state');
        await audit(tx, { actorId: actor.id, action: 'promotion.end', targetType: 'promotion', targetId: id, data: { reason: why }, ip });
        const s = (await d.catalog.promotableByIds([p.serviceId], tx)).get(p.serviceId);
        await notifyEnded(tx, p, s?.title ?? '');
      });
      changed();
    },

    /** A sponsored card's click: counted (a running promotion's), and where it leads (the service), or null. */
    async click(promotionId: number): Promise<number | null> {
      const { byId } = await running();
      const serviceId = byId.get(promotionId);
      if (serviceId !== undefined) {
        counters.click(promotionId);
        return serviceId;
      }
      const [p] = await db.select({ serviceId: promotions.serviceId }).from(promotions).where(eq(promotions.id, promotionId));
      return p?.serviceId ?? null;
    },

    /** The impressions and clicks counted in memory, added to their promotions in one statement. */
    flush: () => counters.flush(),

    /**
     * Every due change at `now` (the worker and `run-due`): the counts saved; a running promotion whose service is no
     * longer live stops and keeps its time left (from when the service changed); a stopped one whose service is live
     * again runs on for that time; one whose time is up ends, and its seller is told.
     */
    async runDue(now: Date) {
      const flushed = await counters.flush();
      let stopped = 0;
      let resumed = 0;
      const open = await db
        .select()
        .from(promotions)
        .where(inArray(promotions.state, ['active', 'stopped']));
      const svc = await d.catalog.promotableByIds([...new Set(open.map((p) => p.serviceId))]);
      for (const p of open) {
        const s = svc.get(p.serviceId);
        const live = s?.status === 'published';
        // The moment the service changed (its status is written with `updated_at`), within the promotion's run.
        const changedAt = (from: Date) =>
          new Date(Math.min(now.getTime(), Math.max(from.getTime(), s?.updatedAt.getTime() ?? now.getTime())));
        if (p.state === 'active' && !live && p.endsAt > now) {
          const at = changedAt(p.startsAt);
          const r = await db
            .update(promotions)
            .set({ state: 'stopped', stoppedAt: at, remainingMs: remainingAt(p.endsAt, at) })
            .where(and(eq(promotions.id, p.id), eq(promotions.state, 'active')))
            .returning({ id: promotions.id });
          stopped += r.length;
        } else if (p.state === 'stopped' && live) {
          const at = changedAt(p.stoppedAt ?? now);
          const r = await db
            .update(promotions)
            .set({ state: 'active', endsAt: new Date(at.getTime() + (p.remainingMs ?? 0)), remainingMs: null, stoppedAt: null })
            .where(and(eq(promotions.id, p.id), eq(promotions.state, 'stopped')))
            .returning({ id: promotions.id });
          resumed += r.length;
        }
      }
      // Those whose time is up, each once (SKIP LOCKED: two sweeps at once share the work).
      const ended = await db.transaction(async (tx) => {
        const due = await queryRows<{ id: number; seller_id: number; service_id: number }>(
          tx,
          sql`UPDATE promotions p SET state = 'ended', ended_at = p.ends_at
              FROM (SELECT id FROM promotions WHERE state = 'active' AND ends_at <= ${now} ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED) due
              WHERE p.id = due.id RETURNING p.id, p.seller_id, p.service_id`,
        );
        const titles = await d.catalog.promotableByIds(
          due.map((r) => Number(r.service_id)),
          tx,
        );
        for (const r of due)
          await notifyEnded(
            tx,
            { id: Number(r.id), sellerId: Number(r.seller_id), serviceId: Number(r.service_id) },
            titles.get(Number(r.service_id))?.title ?? '',
          );
        return due.length;
      });
      if (stopped || resumed || ended) changed();
      return { flushed, stopped, resumed, ended };
    },

    /** The numbers as admins change them (audited: `settings.update`). */
    async updateSettings(actor: Actor | null, patch: Record<string, unknown>): Promise<PromotionSettings> {
      if (!mayChangePromotionSettings(actor) || !actor) throw new AppError('auth.forbidden');
      return db.transaction(async (tx) => {
        const before = await settings(tx);
        const r = changePromotionSettings(before, patch);
        if (!r.ok) throw invalid(r.fields);
        await writeSetting(tx, SETTINGS_KEY, r.settings, actor.id, before);
        current = r.settings;
        return r.settings;
      });
    },

    /** The counts flushed every few seconds while the server runs; `close` saves the last ones. */
    start: () => counters.start(),
    close: () => counters.close(),
  };
}

export type PromotionsService = ReturnType<typeof createPromotionsService>;
