import { and, asc, desc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FilesService } from '../../platform/files.ts';
import { type AuthUser, requireVerifiedEmail } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { type IdempotencyKey, idempotent } from '../../platform/idempotency.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { contactFindings, contactRefusal, scanContacts, type TrustService } from '../trust/index.ts';
import { mayReadAllBids, maySeeBid } from './policy.ts';
import { ACTIVE_BIDS, BID_FILES_MAX, bidProblems } from './rules.ts';
import { bids, projects } from './schema.ts';
import { listChanged } from './version.ts';

export type BidRow = typeof bids.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

interface Modules {
  orders: Pick<OrdersService, 'startFromBid'>;
  notifications: Pick<NotificationsService, 'notify'>;
  trust: Pick<TrustService, 'assertAllowed' | 'recordAttempt'>;
  files: FilesService;
  accounts: {
    sellerLevelOf(userId: number, tx?: DbOrTx): Promise<string>;
    publicByIds(
      ids: number[],
    ): Promise<Map<number, { username: string; displayName: string; sellerLevel: string; avatarUrl: string | null }>>;
  };
  messaging: { directWith(userId: number, username: string): Promise<number | null> };
}

/** What a project page shows of its bids, as this viewer may see them. */
export interface BidsPageData {
  project: { id: number; status: string; ownerId: number; title: string; orderId: number | null; hiredBidId: number | null };
  viewer: { id: number; isOwner: boolean; isStaff: boolean } | null;
  /** Every bid with its bidder; amounts, days and proposals only for the owner, staff, and each bidder's own. */
  items: {
    id: number;
    freelancer: { id: number; username: string; displayName: string; sellerLevel: string; avatarUrl: string | null };
    status: string;
    shortlisted: boolean;
    createdAt: Date;
    full: { amountCents: number; days: number; proposal: string; files: { id: number; name: string; size: number }[] } | null;
  }[];
  /** The viewer's own bid (to edit or withdraw), if any. */
  mine: BidRow | null;
  /** Whether the viewer may bid now (and if not, why). */
  canBid: boolean;
  cannotBid: string | null;
  activeBids: { used: number; limit: number } | null;
}

/**
 * Bids on projects and hiring (RULES.md "Projects"): one bid per freelancer and project, editable while the
 * project is open, limited by level; the owner shortlists and hires one — the money goes to escrow and the
 * work becomes an order — or closes the project; open projects expire after 30 days (worker).
 */
export function createBidsService(deps: Deps, m: Modules) {
  const { db, clock } = deps;

  async function lockProject(tx: DbOrTx, id: number): Promise<ProjectRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('project.not_found');
    const [p] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
    if (!p) throw new AppError('project.not_found');
    return p;
  }

  /** Bid counts and sum kept on the project (its list sorts and page read them). */
  async function recount(tx: DbOrTx, projectId: number) {
    await tx
      .update(projects)
      .set({
        bidsCount: sql`(SELECT count(*)::int FROM bids WHERE project_id = ${projectId} AND status IN ('active', 'hired', 'not_chosen'))`,
        bidsSumCents: sql`(SELECT coalesce(sum(amount_cents), 0) FROM bids WHERE project_id = ${projectId} AND status IN ('active', 'hired', 'not_chosen'))`,
      })
      .where(eq(projects.id, projectId));
  }

  async function activeCount(tx: DbOrTx, freelancerId: number): Promise<number> {
    const [r] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(bids)
      .where(and(eq(bids.freelancerId, freelancerId), eq(bids.status, 'active')));
    return r.n;
  }

  function cleanInput(input: { amountCents: unknown; days: unknown; proposal: unknown; fileIds?: unknown }) {
    const num = (v: unknown) =>
      typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    const b = {
      amountCents: num(input.amountCents),
      days: num(input.days),
      proposal: typeof input.proposal === 'string' ? input.proposal.trim() : '',
    };
    const fields = bidProblems(b);
    const found = scanContacts(b.proposal);
    if (found.contact) Object.assign(fields, contactRefusal({ proposal: found.matches }).fields);
    const fileIds = Array.isArray(input.fileIds) ? input.fileIds.map(parseId).filter((n): n is number => n !== null) : [];
    if (fileIds.length > BID_FILES_MAX) fields.files = 'bid.too_many_files';
    if (Object.keys(fields).length)
      throw invalid(fields, { min: 50, max: BID_FILES_MAX, found: found.matches.map((x) => x.text).join('، ') });
    return { ...b, fileIds: [...new Set(fileIds)] };
  }

  /** A refusal for contact details in a proposal is recorded (outside the rolled-back transaction). */
  async function recording<T>(actor: AuthUser, proposal: unknown, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (contactFindings(err) && typeof proposal === 'string')
        await m.trust.recordAttempt(actor.id, 'bid', scanContacts(proposal).matches);
      throw err;
    }
  }

  async function tell(
    tx: DbOrTx,
    userId: number,
    type: 'project.bid' | 'project.not_chosen' | 'project.closed',
    p: ProjectRow,
    url: string,
  ) {
    await m.notifications.notify(tx, { userId, type, params: { title: p.title }, url });
  }

  /** Ends the open bids of a project that will not hire them (closed, expired, or another was hired): slots free at once. */
  async function endOpenBids(tx: DbOrTx, p: ProjectRow, status: 'not_chosen' | 'closed') {
    const ended = await tx
      .update(bids)
      .set({ status, updatedAt: clock() })
      .where(and(eq(bids.projectId, p.id), eq(bids.status, 'active')))
      .returning({ freelancerId: bids.freelancerId });
    for (const b of ended)
      await tell(tx, b.freelancerId, status === 'not_chosen' ? 'project.not_chosen' : 'project.closed', p, `/projects/${p.id}`);
  }

  const service = {
    /** A freelancer bids on an open project (not their own, once, within their level's active bids). */
    async place(actor: AuthUser, projectId: number, input: { amountCents: unknown; days: unknown; proposal: unknown; fileIds?: unknown }) {
      await m.trust.assertAllowed(actor.id, 'selling');
      return recording(actor, input.proposal, () =>
        db.transaction(async (tx) => {
          const b = cleanInput(input);
          const p = await lockProject(tx, projectId);
          if (p.status !== 'open') throw new AppError('bid.project_not_open');
          if (p.ownerId === actor.id) throw new AppError('bid.own_project');
          const level = await m.accounts.sellerLevelOf(actor.id, tx);
          const limit = ACTIVE_BIDS[level] ?? ACTIVE_BIDS.new;
          // Two bids at once by one freelancer: their own bids' rows decide the count under the project lock,
          // and the unique (project, freelancer) index refuses a second bid on the same project.
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${4202}::int, ${actor.id}::int)`);
          if ((await activeCount(tx, actor.id)) >= limit) throw new AppError('bid.limit_reached', { limit });
          const mine = await m.files.owned(tx, actor.id, b.fileIds, 'attachment');
          if (mine.length !== b.fileIds.length) throw invalid({ files: 'bid.file_invalid' });
          const [row] = await tx
            .insert(bids)
            .values({
              projectId: p.id,
              freelancerId: actor.id,
              amountCents: b.amountCents,
              days: b.days,
              proposal: b.proposal,
              fileIds: b.fileIds,
              createdAt: clock(),
              updatedAt: clock(),
            })
            .onConflictDoNothing()
            .returning();
          if (!row) throw new AppError('bid.already');
          await recount(tx, p.id);
          await tell(tx, p.ownerId, 'project.bid', p, `/projects/${p.id}#bid-${row.id}`);
          return row;
        }),
      ).finally(() => {
        listChanged();
        deps.outbox.kick();
      });
    },

    /** The bidder edits their active bid while the project is open. */
    async edit(actor: AuthUser, bidId: number, input: { amountCents: unknown; days: unknown; proposal: unknown; fileIds?: unknown }) {
      await m.trust.assertAllowed(actor.id, 'selling');
      return recording(actor, input.proposal, () =>
        db.transaction(async (tx) => {
          const b = cleanInput(input);
          const bid = await ownBid(tx, actor, bidId);
          const p = await lockProject(tx, bid.projectId);
          if (p.status !== 'open' || bid.status !== 'active') throw new AppError('bid.not_editable');
          const mine = await m.files.owned(tx, actor.id, b.fileIds, 'attachment');
          if (mine.length !== b.fileIds.length) throw invalid({ files: 'bid.file_invalid' });
          const [row] = await tx
            .update(bids)
            .set({ amountCents: b.amountCents, days: b.days, proposal: b.proposal, fileIds: b.fileIds, updatedAt: clock() })
            .where(and(eq(bids.id, bid.id), eq(bids.status, 'active')))
            .returning();
          await recount(tx, p.id);
          return row;
        }),
      ).finally(listChanged);
    },

    /** The bidder withdraws their active bid (the slot frees at once). */
    async withdraw(actor: AuthUser, bidId: number) {
      return db
        .transaction(async (tx) => {
          const bid = await ownBid(tx, actor, bidId);
          const p = await lockProject(tx, bid.projectId);
          if (p.status !== 'open' || bid.status !== 'active') throw new AppError('bid.not_editable');
          const [row] = await tx.update(bids).set({ status: 'withdrawn', updatedAt: clock() }).where(eq(bids.id, bid.id)).returning();
          await recount(tx, p.id);
          return row;
        })
        .finally(listChanged);
    },

    /** The owner marks or unmarks a bid as shortlisted. */
    async shortlist(actor: AuthUser, bidId: number, on: boolean) {
      return db.transaction(async (tx) => {
        const [bid] = await tx.select().from(bids).where(eq(bids.id, bidId));
        if (!bid) throw new AppError('bid.not_found');
        const p = await lockProject(tx, bid.projectId);
        if (p.ownerId !== actor.id) throw new AppError('bid.not_found');
        const [row] = await tx
          .update(bids)
          .set({ shortlisted: on ? 1 : 0 })
          .where(eq(bids.id, bid.id))
          .returning();
        return row;
      });
    },

    /**
     * The owner hires a bid: under the project's lock (two clicks, two tabs: exactly one hire wins), the bid's
     * amount moves from the owner's balance to escrow and the order starts; the other bids end (their
     * bidders told, their slots free). Short of balance: refused (`wallet.insufficient_funds`), nothing moved.
     */
    async hire(actor: AuthUser, projectId: number, bidId: number, idem: IdempotencyKey | null) {
      requireVerifiedEmail(actor);
      const r = await idempotent(db, idem, async (tx: Tx) => {
        const p = await lockProject(tx, projectId);
        if (p.ownerId !== actor.id) throw new AppError(mayReadAllBids(actor) ? 'project.forbidden' : 'project.not_found');
        if (p.status !== 'open') throw new AppError('project.not_open');
        const [bid] = await tx
          .select()
          .from(bids)
          .where(and(eq(bids.id, bidId), eq(bids.projectId, p.id)));
        if (bid?.status !== 'active') throw new AppError('bid.not_found');
        const order = await m.orders.startFromBid(tx, {
          projectId: p.id,
          bidId: bid.id,
          buyerId: p.ownerId,
          sellerId: bid.freelancerId,
          title: p.title,
          amountCents: bid.amountCents,
          days: bid.days,
          brief: p.description,
        });
        await tx.update(bids).set({ status: 'hired', updatedAt: clock() }).where(eq(bids.id, bid.id));
        const now = clock();
        const [hired] = await tx
          .update(projects)
          .set({ status: 'hired', hiredBidId: bid.id, orderId: order.id, closedAt: now, updatedAt: now })
          .where(and(eq(projects.id, p.id), eq(projects.status, 'open')))
          .returning();
        await endOpenBids(tx, hired, 'not_chosen');
        return { status: 201, body: { orderId: order.id } };
      }).finally(listChanged);
      deps.outbox.kick();
      return r;
    },

    /** The owner closes an open project without hiring: the bids end and their slots free at once. */
    async close(actor: AuthUser, projectId: number) {
      const row = await db
        .transaction(async (tx) => {
          const p = await lockProject(tx, projectId);
          if (p.ownerId !== actor.id) throw new AppError('project.not_found');
          if (p.status !== 'open') throw new AppError('project.not_open');
          const now = clock();
          const [closed] = await tx
            .update(projects)
            .set({ status: 'closed', closedAt: now, updatedAt: now })
            .where(eq(projects.id, p.id))
            .returning();
          await endOpenBids(tx, closed, 'closed');
          return closed;
        })
        .finally(listChanged);
      deps.outbox.kick();
      return row;
    },

    /** The worker: open projects past their bidding window (30 days) with nobody hired expire; their bids end. */
    async expireDue(now: Date): Promise<number> {
      let n = 0;
      for (;;) {
        const done = await db.transaction(async (tx) => {
          const due = await tx
            .select()
            .from(projects)
            .where(and(eq(projects.status, 'open'), lte(projects.closesAt, now)))
            .orderBy(asc(projects.id))
            .limit(50)
            .for('update', { skipLocked: true });
          for (const p of due) {
            const [expired] = await tx
              .update(projects)
              .set({ status: 'expired', closedAt: now, updatedAt: now })
              .where(eq(projects.id, p.id))
              .returning();
            await endOpenBids(tx, expired, 'closed');
            await m.notifications.notify(tx, {
              userId: p.ownerId,
              type: 'project.expired',
              params: { title: p.title },
              url: `/projects/${p.id}`,
            });
          }
          return due.length;
        });
        n += done;
        if (done < 50) break;
      }
      if (n) {
        listChanged();
        deps.outbox.kick();
      }
      return n;
    },

    /** The project page's bids, as this viewer may see them. */
    async pageData(viewer: AuthUser | null, p: ProjectRow): Promise<BidsPageData> {
      const rows = await db
        .select()
        .from(bids)
        .where(and(eq(bids.projectId, p.id), notInArray(bids.status, ['withdrawn', 'removed'])))
        .orderBy(desc(bids.shortlisted), asc(bids.id))
        .limit(200);
      const people = await m.accounts.publicByIds(rows.map((r) => r.freelancerId));
      const isOwner = viewer?.id === p.ownerId;
      const staff = mayReadAllBids(viewer);
      const fileRows = await m.files.byIds(rows.flatMap((r) => (isOwner || staff || r.freelancerId === viewer?.id ? r.fileIds : [])));
      const fileMap = new Map(fileRows.map((f) => [f.id, f]));
      const items = rows.map((r) => {
        const u = people.get(r.freelancerId);
        const seesAll = isOwner || staff || r.freelancerId === viewer?.id;
        return {
          id: r.id,
          freelancer: {
            id: r.freelancerId,
            username: u?.username ?? '',
            displayName: u?.displayName ?? '',
            sellerLevel: u?.sellerLevel ?? 'new',
            avatarUrl: u?.avatarUrl ?? null,
          },
          status: r.status,
          shortlisted: r.shortlisted === 1,
          createdAt: r.createdAt,
          full: seesAll
            ? {
                amountCents: r.amountCents,
                days: r.days,
                proposal: r.proposal,
                files: r.fileIds.flatMap((id) => {
                  const f = fileMap.get(id);
                  return f ? [{ id: f.id, name: f.name, size: f.size }] : [];
                }),
              }
            : null,
        };
      });
      const mine = viewer ? (rows.find((r) => r.freelancerId === viewer.id) ?? null) : null;
      let cannotBid: string | null = null;
      let activeBids: BidsPageData['activeBids'] = null;
      if (!viewer) cannotBid = 'bid.sign_in';
      else if (p.status !== 'open') cannotBid = 'bid.project_not_open';
      else if (isOwner) cannotBid = 'bid.own_project';
      else if (mine) cannotBid = 'bid.already';
      if (viewer && !isOwner) {
        const limit = ACTIVE_BIDS[await m.accounts.sellerLevelOf(viewer.id)] ?? ACTIVE_BIDS.new;
        const used = await activeCount(db, viewer.id);
        activeBids = { used, limit };
        if (!cannotBid && used >= limit) cannotBid = 'bid.limit_reached';
      }
      return {
        project: { id: p.id, status: p.status, ownerId: p.ownerId, title: p.title, orderId: p.orderId, hiredBidId: p.hiredBidId },
        viewer: viewer ? { id: viewer.id, isOwner, isStaff: staff } : null,
        items,
        mine,
        canBid: cannotBid === null,
        cannotBid,
        activeBids,
      };
    },

    /** A bid's attachment, for the project's owner, the bidder and staff (a staff reading is audited). */
    async bidFile(viewer: AuthUser, bidId: number, fileId: number, ip: string | null) {
      const [bid] = await db.select().from(bids).where(eq(bids.id, bidId));
      if (!bid?.fileIds.includes(fileId)) throw new AppError('bid.not_found');
      const [p] = await db.select({ ownerId: projects.ownerId }).from(projects).where(eq(projects.id, bid.projectId));
      const party = viewer.id === bid.freelancerId || viewer.id === p?.ownerId;
      if (!party && !mayReadAllBids(viewer)) throw new AppError('bid.not_found');
      const f = await m.files.read(fileId);
      if (!f) throw new AppError('bid.not_found');
      if (!party) await audit(db, { actorId: viewer.id, action: 'file.read', targetType: 'bid', targetId: bid.id, data: { fileId }, ip });
      return f;
    },

    /** "My bids": the freelancer's bids with their projects, newest first, optionally by status. */
    async mine(userId: number, status?: string) {
      const rows = await db
        .select({ bid: bids, project: { id: projects.id, title: projects.title, status: projects.status, orderId: projects.orderId } })
        .from(bids)
        .innerJoin(projects, eq(projects.id, bids.projectId))
        .where(and(eq(bids.freelancerId, userId), status ? eq(bids.status, status) : undefined))
        .orderBy(desc(bids.id))
        .limit(200);
      const limit = ACTIVE_BIDS[await m.accounts.sellerLevelOf(userId)] ?? ACTIVE_BIDS.new;
      return { items: rows, active: await activeCount(db, userId), limit };
    },

    /** One bid by id (API), as its bidder or the project's owner or staff see it. */
    async get(viewer: AuthUser, bidId: number) {
      const [bid] = await db.select().from(bids).where(eq(bids.id, bidId));
      if (!bid) throw new AppError('bid.not_found');
      const [p] = await db.select({ ownerId: projects.ownerId }).from(projects).where(eq(projects.id, bid.projectId));
      if (!maySeeBid(viewer, bid, p ?? null)) throw new AppError('bid.not_found');
      return bid;
    },

    /** Moderators remove a bid (policy 9): it leaves the project's list and frees its slot; the row stays. */
    async removeBid(tx: DbOrTx, id: number): Promise<boolean> {
      const [b] = await tx
        .update(bids)
        .set({ status: 'removed', updatedAt: clock() })
        .where(and(eq(bids.id, id), inArray(bids.status, ['active', 'not_chosen', 'closed'])))
        .returning();
      if (b) await recount(tx, b.projectId);
      return Boolean(b);
    },

    /** After a take-down committed in another module's transaction. */
    async changed(): Promise<void> {
      listChanged();
    },

    /** Bids of these ids (moderation reads). */
    async byIds(ids: number[]) {
      return ids.length ? db.select().from(bids).where(inArray(bids.id, ids)) : [];
    },
  };

  async function ownBid(tx: DbOrTx, actor: AuthUser, bidId: number): Promise<BidRow> {
    if (!Number.isSafeInteger(bidId) || bidId < 1) throw new AppError('bid.not_found');
    const [bid] = await tx.select().from(bids).where(eq(bids.id, bidId)).for('update');
    if (!bid || bid.freelancerId !== actor.id) throw new AppError('bid.not_found');
    return bid;
  }

  return service;
}

export type BidsService = ReturnType<typeof createBidsService>;
