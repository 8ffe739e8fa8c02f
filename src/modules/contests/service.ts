import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FilesService } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { searchDocument } from '../../platform/search/index.ts';
import { cleanLine } from '../../platform/text.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import { type ContactMatch, contactFindings, scanContacts, type TrustService } from '../trust/index.ts';
import type { WalletService } from '../wallet/index.ts';
import { mayReviewContests, maySeeContest } from './policy.ts';
import { addDays, type ContestDraft, type ContestStatus, contestProblems, prizeTotal } from './rules.ts';
import { contestAwards, contestEntries, contests } from './schema.ts';
import { type ContestQuery, searchContests } from './search.ts';

export type ContestRow = typeof contests.$inferSelect;
export type EntryRow = typeof contestEntries.$inferSelect;
export type AwardRow = typeof contestAwards.$inferSelect;
type Staff = Pick<AuthUser, 'id' | 'roles'>;

export interface ContestsModules {
  files: FilesService;
  notifications: Pick<NotificationsService, 'notify'>;
  trust: Pick<TrustService, 'assertAllowed' | 'recordAttempt'>;
  catalog: Pick<CatalogService, 'categoryOf'>;
  wallet: Pick<WalletService, 'holdEscrow' | 'refundEscrow' | 'releaseEscrow' | 'settings'>;
  /** Days a payment to this user waits before it is available (their seller level: the orders' rule). */
  clearanceDaysOf(tx: DbOrTx, userId: number): Promise<number>;
  /** The owner's buyer level after a prize is paid (a prize is a purchase: RULES.md "Levels"). */
  recomputeBuyerLevel(tx: DbOrTx, buyerId: number): Promise<string>;
}

/** Statuses whose owner may still change the contest (and publish it). */
const EDITABLE: ContestStatus[] = ['draft', 'rejected'];
/** A contest that went live and is counted on its owner's card (rejected and refused drafts are not). */
const HELD: ContestStatus[] = ['open', 'judging', 'staff', 'awarding', 'finished', 'refunded'];

/** Turns loosely typed input (API JSON or a form) into a draft; anything malformed becomes a field error later. */
export function toContestDraft(input: Record<string, unknown>): ContestDraft {
  const int = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  const zeroIfEmpty = (v: unknown) => (v === undefined || v === null || v === '' ? 0 : int(v));
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,،\n]/) : [])
      .map((x) => cleanLine(String(x)))
      .filter(Boolean)
      .filter((x, i, a) => a.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);
  const prizes = Array.isArray(input.prizesCents) ? input.prizesCents : [];
  return {
    title: cleanLine(input.title),
    description: typeof input.description === 'string' ? input.description.trim() : '',
    conditions: typeof input.conditions === 'string' ? input.conditions.trim() : '',
    categoryId:
      input.categoryId === undefined || input.categoryId === null || input.categoryId === '' || input.categoryId === 0
        ? null
        : int(input.categoryId),
    skills: list(input.skills),
    // Places left empty at the end of a form are no places; one left empty in the middle is a place without a prize.
    prizesCents: prizes
      .map((p) => (p === '' || p === null || p === undefined ? null : int(p)))
      .filter((p, i, a) => p !== null || a.slice(i).some((x) => x !== null))
      .map((p) => p ?? 0),
    entryDays: zeroIfEmpty(input.entryDays),
    deliveryDays: zeroIfEmpty(input.deliveryDays),
    blind: input.blind === true || input.blind === 'true' || input.blind === 'on',
    fileIds: [...new Set((Array.isArray(input.fileIds) ? input.fileIds : []).map(parseId).filter((n): n is number => n !== null))],
  };
}

/**
 * Contests (RULES.md "Contests", issue 16): a buyer writes one (a draft), publishing takes the whole prize into
 * escrow and sends it to a moderator, who opens it for entries or rejects it (the escrow refunded). Entries,
 * the deadline, the owner's pick and the winners' handover are in entries.ts and awards.ts.
 */
export function createContestsService(deps: Deps, m: ContestsModules) {
  const { db, clock } = deps;

  async function leaf(id: number | null, tx: DbOrTx = db) {
    if (id === null || parseId(id) === null) return null;
    const c = await m.catalog.categoryOf(id, tx);
    return c && c.parentId !== null ? c : null;
  }

  async function searchTextOf(d: ContestDraft, tx: DbOrTx = db): Promise<string> {
    const c = await leaf(d.categoryId, tx);
    const names = c ? [c.nameAr, c.nameEn, c.parent?.nameAr, c.parent?.nameEn].filter(Boolean).join(' ') : '';
    return searchDocument(d.title, d.skills.join(' '), names, d.description);
  }

  /** Contact details in a draft's texts, by field (privacy policy 4). */
  function contactsIn(d: ContestDraft): Record<string, ContactMatch[]> {
    const out: Record<string, ContactMatch[]> = {};
    for (const [field, text] of [
      ['title', d.title],
      ['description', d.description],
      ['conditions', d.conditions],
      ['skills', d.skills.join(' ، ')],
    ] as const) {
      const scan = scanContacts(text);
      if (scan.contact) out[field] = scan.matches;
    }
    return out;
  }

  async function check(tx: DbOrTx, ownerId: number, d: ContestDraft, mode: 'draft' | 'submit') {
    const cat = d.categoryId === null ? null : await leaf(d.categoryId, tx);
    const problems = contestProblems(d, mode, cat !== null);
    if (!problems.fileIds && d.fileIds.length) {
      const mine = await m.files.owned(tx, ownerId, d.fileIds, 'attachment');
      if (mine.length !== d.fileIds.length) problems.fileIds = 'contest.file_invalid';
    }
    const found = contactsIn(d);
    for (const field of Object.keys(found)) problems[field] = 'trust.contact_info';
    const names = Object.values(found).flatMap((ms) => ms.map((x) => x.text));
    if (Object.keys(problems).length) throw invalid(problems, { found: names.join('، ') });
  }

  /** A refusal for contact details is recorded against its author (outside the rolled-back transaction). */
  async function recording<T>(actor: AuthUser, d: ContestDraft, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (contactFindings(err)) await m.trust.recordAttempt(actor.id, 'contest', Object.values(contactsIn(d)).flat());
      throw err;
    }
  }

  /** A saved contest's fields as a draft, for the rules. */
  const draftOf = (c: ContestRow): ContestDraft => ({
    title: c.title,
    description: c.description,
    conditions: c.conditions,
    categoryId: c.categoryId,
    skills: c.skills,
    prizesCents: c.prizesCents,
    entryDays: c.entryDays,
    deliveryDays: c.deliveryDays,
    blind: c.blind,
    fileIds: c.fileIds,
  });

  const columns = (d: ContestDraft) => ({
    title: d.title,
    description: d.description,
    conditions: d.conditions,
    categoryId: d.categoryId,
    skills: d.skills,
    prizesCents: d.prizesCents,
    prizeTotalCents: prizeTotal(d.prizesCents),
    entryDays: d.entryDays,
    deliveryDays: d.deliveryDays,
    blind: d.blind,
    fileIds: d.fileIds,
  });

  async function lock(tx: DbOrTx, id: number): Promise<ContestRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('contest.not_found');
    const [c] = await tx.select().from(contests).where(eq(contests.id, id)).for('update');
    if (!c) throw new AppError('contest.not_found');
    return c;
  }

  const reference = (c: { id: number }) => `contest:${c.id}`;

  /** Publishing: the whole prize into escrow (the buyer's available balance must hold it), then to review. */
  async function publish(tx: Tx, c: ContestRow) {
    await m.wallet.holdEscrow(tx, { buyerId: c.ownerId, amountCents: c.prizeTotalCents, reference: reference(c) });
    const { commissionBp } = await m.wallet.settings(tx);
    const [row] = await tx
      .update(contests)
      .set({ status: 'pending', commissionBp, publishedAt: clock(), rejectReason: null, updatedAt: clock() })
      .where(and(eq(contests.id, c.id), eq(contests.status, c.status)))
      .returning();
    if (!row) throw new AppError('contest.wrong_state');
    return row;
  }

  async function tellOwner(tx: DbOrTx, c: ContestRow, kind: 'approved' | 'rejected' | 'refunded' | 'ended' | 'to_staff', reason = '') {
    await m.notifications.notify(tx, {
      userId: c.ownerId,
      type: `contest.${kind}`,
      params: { title: c.title, reason },
      url: `/contests/${c.id}`,
    });
  }

  const service = {
    /** A new contest: kept as a draft, or published (the prize into escrow, then a moderator's review). */
    async create(actor: AuthUser, input: Record<string, unknown>, opts: { publish: boolean }): Promise<ContestRow> {
      await m.trust.assertAllowed(actor.id, 'buying');
      const d = toContestDraft(input);
      return recording(actor, d, () =>
        db.transaction(async (tx) => {
          await check(tx, actor.id, d, opts.publish ? 'submit' : 'draft');
          const [row] = await tx
            .insert(contests)
            .values({
              ownerId: actor.id,
              status: 'draft',
              ...columns(d),
              searchText: await searchTextOf(d, tx),
              createdAt: clock(),
              updatedAt: clock(),
            })
            .returning();
          return opts.publish ? publish(tx, row) : row;
        }),
      );
    },

    /** The owner edits a draft or a rejected contest, keeping it as a draft or publishing it. */
    async update(actor: AuthUser, id: number, input: Record<string, unknown>, opts: { publish: boolean }): Promise<ContestRow> {
      await m.trust.assertAllowed(actor.id, 'buying');
      const d = toContestDraft(input);
      return recording(actor, d, () =>
        db.transaction(async (tx) => {
          const c = await lock(tx, id);
          if (c.ownerId !== actor.id) throw new AppError(maySeeContest(actor, c) ? 'contest.forbidden' : 'contest.not_found');
          if (!EDITABLE.includes(c.status as ContestStatus)) throw new AppError('contest.wrong_state');
          await check(tx, actor.id, d, opts.publish ? 'submit' : 'draft');
          const [row] = await tx
            .update(contests)
            .set({ ...columns(d), status: 'draft', searchText: await searchTextOf(d, tx), updatedAt: clock() })
            .where(eq(contests.id, c.id))
            .returning();
          return opts.publish ? publish(tx, row) : row;
        }),
      );
    },

    /** The contests waiting for review, oldest first (moderators). */
    async moderationQueue(actor: Staff): Promise<ContestRow[]> {
      if (!mayReviewContests(actor)) throw new AppError('auth.forbidden');
      return db
        .select()
        .from(contests)
        .where(eq(contests.status, 'pending'))
        .orderBy(asc(contests.publishedAt), asc(contests.id))
        .limit(200);
    },

    /** A moderator opens a pending contest for entries: from now for its entry period. */
    async approve(actor: Staff, id: number): Promise<ContestRow> {
      if (!mayReviewContests(actor)) throw new AppError('auth.forbidden');
      return db
        .transaction(async (tx) => {
          const c = await lock(tx, id);
          const now = clock();
          const [row] = await tx
            .update(contests)
            .set({ status: 'open', startsAt: now, endsAt: addDays(now, c.entryDays), updatedAt: now })
            .where(and(eq(contests.id, c.id), eq(contests.status, 'pending')))
            .returning();
          if (!row) throw new AppError('contest.wrong_state');
          await audit(tx, { actorId: actor.id, action: 'contest.approve', targetType: 'contest', targetId: id });
          await tellOwner(tx, row, 'approved');
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** A moderator rejects a pending contest with a reason: the prize goes back to the owner's balance. */
    async reject(actor: Staff, id: number, reason: string): Promise<ContestRow> {
      if (!mayReviewContests(actor)) throw new AppError('auth.forbidden');
      const why = cleanLine(reason);
      if (why.length < 5 || why.length > 500) throw invalid({ reason: 'contest.reason_required' });
      return db
        .transaction(async (tx) => {
          const c = await lock(tx, id);
          const [row] = await tx
            .update(contests)
            .set({ status: 'rejected', rejectReason: why, updatedAt: clock() })
            .where(and(eq(contests.id, c.id), eq(contests.status, 'pending')))
            .returning();
          if (!row) throw new AppError('contest.wrong_state');
          await m.wallet.refundEscrow(tx, {
            buyerId: c.ownerId,
            amountCents: c.prizeTotalCents,
            reference: reference(c),
            actorId: actor.id,
          });
          await audit(tx, { actorId: actor.id, action: 'contest.reject', targetType: 'contest', targetId: id, data: { reason: why } });
          await tellOwner(tx, row, 'rejected', why);
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** A contest as `viewer` may see it (policy.ts `maySeeContest`); otherwise `contest.not_found`. */
    /**
     * A moderator takes a reported contest down (the report flow, inside its transaction): only while nobody has
     * entered it — it goes back to its owner as rejected, with the reason, and the prize back to their balance.
     * Once it has entries the contestants' work is at stake: refused (`contest.takedown_has_entries`).
     */
    async takeDown(tx: DbOrTx, id: number, reason: string): Promise<boolean> {
      const c = await lock(tx, id);
      if (!['pending', 'open'].includes(c.status)) return false;
      if (c.entriesCount > 0) throw new AppError('contest.takedown_has_entries');
      const [row] = await tx
        .update(contests)
        .set({ status: 'rejected', rejectReason: cleanLine(reason).slice(0, 500), startsAt: null, endsAt: null, updatedAt: clock() })
        .where(eq(contests.id, c.id))
        .returning();
      // The report flow calls this inside its transaction (trust/moderation.ts `decide`): the ledger's lines join it.
      await m.wallet.refundEscrow(tx as Tx, { buyerId: c.ownerId, amountCents: c.prizeTotalCents, reference: reference(c), actorId: null });
      await tellOwner(tx, row, 'rejected', row.rejectReason ?? '');
      return true;
    },

    /** A contest as moderation reads it (any status), or null. */
    async forModeration(id: number): Promise<ContestRow | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [c] = await db.select().from(contests).where(eq(contests.id, id));
      return c ?? null;
    },

    async get(id: number, viewer: Staff | null): Promise<ContestRow> {
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('contest.not_found');
      const [c] = await db.select().from(contests).where(eq(contests.id, id));
      if (!c || !maySeeContest(viewer, c)) throw new AppError('contest.not_found');
      return c;
    },

    /** A file of `contestId`'s brief, for whoever may see the contest; anything else is `contest.file_not_found`. */
    async briefFile(viewer: Staff | null, contestId: number, fileId: number) {
      const c = await service.get(contestId, viewer);
      const f = c.fileIds.includes(fileId) ? await m.files.read(fileId) : null;
      if (!f) throw new AppError('contest.file_not_found');
      return f;
    },

    /** How many contests `ownerId` has held: those that went live (open, judged, paid or refunded), for their card. */
    async heldBy(ownerId: number): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(contests)
        .where(and(eq(contests.ownerId, ownerId), inArray(contests.status, HELD)));
      return r?.n ?? 0;
    },

    /** The owner's contests, the newest first. */
    async byOwner(ownerId: number, limit = 200): Promise<ContestRow[]> {
      return db
        .select()
        .from(contests)
        .where(eq(contests.ownerId, ownerId))
        .orderBy(sql`${contests.id} DESC`)
        .limit(Math.min(500, Math.max(1, limit)));
    },

    /** Published contests matching a query and filters (search.ts), a page at a time. */
    search: (q: ContestQuery) => searchContests(db, q),

    /**
     * Publishes a saved draft as it stands (a top-up for it was credited: topup.ts), inside the caller's
     * transaction: every publishing rule again, then the prize into escrow and the review.
     */
    async publishStored(tx: Tx, c: ContestRow): Promise<ContestRow> {
      if (!EDITABLE.includes(c.status as ContestStatus)) throw new AppError('contest.wrong_state');
      await m.trust.assertAllowed(c.ownerId, 'buying', tx);
      await check(tx, c.ownerId, draftOf(c), 'submit');
      return publish(tx, c);
    },

    /** Whether a saved draft meets every publishing rule (before a top-up is made for it). */
    async checkPublishable(c: ContestRow): Promise<void> {
      await check(db, c.ownerId, draftOf(c), 'submit');
    },

    lock,
    reference,
    tellOwner,
  };
  return service;
}

export type ContestsCore = ReturnType<typeof createContestsService>;
export type { AwardRow as ContestAwardRow, EntryRow as ContestEntryRow };
export { contestAwards, contestEntries };
