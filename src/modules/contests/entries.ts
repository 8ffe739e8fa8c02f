import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { cleanLine } from '../../platform/text.ts';
import { scanContacts } from '../trust/index.ts';
import type { ContestFiles } from './entry-files.ts';
import { createPayouts } from './payouts.ts';
import { mayDecideContests } from './policy.ts';
import {
  addDays,
  ENTRIES_PER_CONTESTANT,
  EXTEND_DAYS_MAX,
  endEarlyProblem,
  entryProblems,
  extendProblem,
  HANDOVER_ACCEPT_DAYS,
  PICK_DAYS,
  pickDeadline,
  pickProblem,
} from './rules.ts';
import { contestAwards, contestEntries, contests } from './schema.ts';
import type { AwardRow, ContestRow, ContestsCore, ContestsModules, EntryRow } from './service.ts';

type Staff = Pick<AuthUser, 'id' | 'roles'>;

/**
 * A contest's life after it opens (RULES.md "Contests"): entries while it is open, the deadline (no entries: the
 * prize refunded; else the owner picks within PICK_DAYS, past them staff decide), the winners' handover, and each
 * place's prize paid (less the commission the contest was published at) when its handover is accepted — by the
 * owner, or on its own HANDOVER_ACCEPT_DAYS after delivery. Every step locks the contest's row first.
 */
export function createContestEntries(deps: Deps, m: ContestsModules, core: ContestsCore, entryFiles: Pick<ContestFiles, 'prepare'>) {
  const { db, clock } = deps;
  const { lockAward, pay, settle } = createPayouts(deps, m, core);

  /** An entry's or a handover's text: bounded and free of contact details (recorded when it is not). */
  async function text(actorId: number, field: string, value: unknown, min: number, max: number): Promise<string> {
    const s = typeof value === 'string' ? value.trim() : '';
    const scan = scanContacts(s);
    if (scan.contact) {
      await m.trust.recordAttempt(actorId, 'contest', scan.matches);
      throw invalid({ [field]: 'trust.contact_info' }, { found: scan.matches.map((x) => x.text).join('، ') });
    }
    if (s.length < min || s.length > max) throw invalid({ [field]: `contest.${field}_length` });
    return s;
  }

  async function lockEntry(tx: DbOrTx, id: number): Promise<{ e: EntryRow; c: ContestRow }> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('contest.entry_not_found');
    const [found] = await tx.select({ contestId: contestEntries.contestId }).from(contestEntries).where(eq(contestEntries.id, id));
    if (!found) throw new AppError('contest.entry_not_found');
    const c = await core.lock(tx, found.contestId);
    const [e] = await tx.select().from(contestEntries).where(eq(contestEntries.id, id)).for('update');
    return { e, c };
  }

  /** The contest's active entries and contestants, kept on its row for the list and its sorts. */
  async function recount(tx: DbOrTx, contestId: number) {
    await tx
      .update(contests)
      .set({
        entriesCount: sql`(SELECT count(*) FROM contest_entries e WHERE e.contest_id = ${contestId} AND e.status = 'active')::int`,
        contestantsCount: sql`(SELECT count(DISTINCT e.user_id) FROM contest_entries e WHERE e.contest_id = ${contestId} AND e.status = 'active')::int`,
      })
      .where(eq(contests.id, contestId));
  }

  const isOpen = (c: ContestRow, now: Date) => c.status === 'open' && c.endsAt !== null && c.endsAt.getTime() > now.getTime();

  async function notify(tx: DbOrTx, userId: number, type: string, c: ContestRow, url = `/contests/${c.id}`) {
    await m.notifications.notify(tx, { userId, type: `contest.${type}`, params: { title: c.title }, url });
  }

  /** The deadline has come: no entries → the whole prize back to the owner; else the owner picks. */
  async function close(tx: Tx, c: ContestRow, now: Date, actorId: number | null) {
    if (c.entriesCount === 0) {
      await tx.update(contests).set({ status: 'refunded', closedAt: now, updatedAt: now }).where(eq(contests.id, c.id));
      await m.wallet.refundEscrow(tx, { buyerId: c.ownerId, amountCents: c.prizeTotalCents, reference: core.reference(c), actorId });
      await core.tellOwner(tx, c, 'refunded');
      return 'refunded' as const;
    }
    // Ended early: the owner's window to pick starts now.
    const endsAt = c.endsAt && c.endsAt < now ? c.endsAt : now;
    await tx.update(contests).set({ status: 'judging', endsAt, updatedAt: now }).where(eq(contests.id, c.id));
    await core.tellOwner(tx, c, 'ended');
    return 'judging' as const;
  }

  /** Every place's winner: an entry of this contest that is active, for one place only. */
  /**
   * Winners for places not awarded yet: all of them (`rest`: the owner's pick, staff's decision) or some (one place
   * at a time, API.md `POST …/winners`). Once every place has its winner the contest moves to the handovers.
   */
  async function award(tx: Tx, c: ContestRow, picks: { place: number; entryId: number }[], by: number, mode: 'rest' | 'some') {
    const taken = await tx.select().from(contestAwards).where(eq(contestAwards.contestId, c.id));
    const open = c.prizesCents.map((_, i) => i + 1).filter((n) => !taken.some((a) => a.place === n));
    if (mode === 'some' && picks.some((p) => taken.some((a) => a.place === p.place))) throw new AppError('contest.place_taken');
    const problem = pickProblem(mode === 'rest' ? open : picks.map((p) => p.place).filter((n) => open.includes(n)), picks);
    if (problem) throw invalid({ picks: problem });
    if (picks.some((p) => taken.some((a) => a.entryId === p.entryId))) throw invalid({ picks: 'contest.pick_entry_twice' });
    const entries = await tx
      .select()
      .from(contestEntries)
      .where(
        and(
          eq(contestEntries.contestId, c.id),
          eq(contestEntries.status, 'active'),
          inArray(
            contestEntries.id,
            picks.map((p) => p.entryId),
          ),
        ),
      );
    if (entries.length !== picks.length) throw invalid({ picks: 'contest.pick_entry_invalid' });
    const now = clock();
    for (const p of picks) {
      const e = entries.find((x) => x.id === p.entryId) as EntryRow;
      await tx.insert(contestAwards).values({
        contestId: c.id,
        place: p.place,
        entryId: e.id,
        winnerId: e.userId,
        prizeCents: c.prizesCents[p.place - 1],
        awardedBy: by,
        awardedAt: now,
      });
      await notify(tx, e.userId, 'won', c);
    }
    if (taken.length + picks.length === c.prizesCents.length)
      await tx.update(contests).set({ status: 'awarding', updatedAt: now }).where(eq(contests.id, c.id));
  }

  const done = () => deps.outbox.kick();

  /** Each due row in a transaction of its own (`step` says whether it was still due): how many moved. */
  async function sweep(rows: { id: number }[], step: (tx: Tx, id: number) => Promise<boolean>): Promise<number> {
    let n = 0;
    for (const { id } of rows) if (await db.transaction((tx) => step(tx, id))) n++;
    return n;
  }

  return {
    /**
     * A freelancer enters an open contest (not their own), at most ENTRIES_PER_CONTESTANT active entries each. The
     * files stay private; the public sees their watermarked previews (images) or a card (anything else).
     */
    async enter(actor: AuthUser, contestId: number, input: { description?: unknown; fileIds?: unknown }): Promise<EntryRow> {
      await m.trust.assertAllowed(actor.id, 'selling');
      const fileIds = [...new Set((Array.isArray(input.fileIds) ? input.fileIds : []).map(parseId).filter((n): n is number => n !== null))];
      const description = await text(actor.id, 'entry_description', input.description, 0, Number.MAX_SAFE_INTEGER);
      const problems = entryProblems({ description, fileIds });
      if (Object.keys(problems).length) throw invalid(problems);
      // The images' watermarked previews, before the transaction (entry-files.ts): the public sees those only.
      await entryFiles.prepare(actor.id, fileIds);
      return db
        .transaction(async (tx) => {
          const c = await core.lock(tx, contestId);
          if (!isOpen(c, clock()))
            throw new AppError(['draft', 'pending', 'rejected'].includes(c.status) ? 'contest.not_found' : 'contest.closed');
          if (c.ownerId === actor.id) throw new AppError('contest.own_contest');
          const [mine] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(contestEntries)
            .where(and(eq(contestEntries.contestId, c.id), eq(contestEntries.userId, actor.id), eq(contestEntries.status, 'active')));
          if (Number(mine?.n ?? 0) >= ENTRIES_PER_CONTESTANT) throw new AppError('contest.entries_limit');
          const owned = await m.files.owned(tx, actor.id, fileIds, 'attachment');
          if (owned.length !== fileIds.length) throw invalid({ fileIds: 'contest.file_invalid' });
          const [e] = await tx
            .insert(contestEntries)
            .values({ contestId: c.id, userId: actor.id, description, fileIds, createdAt: clock() })
            .returning();
          await recount(tx, c.id);
          await notify(tx, c.ownerId, 'entry', c);
          return e;
        })
        .finally(done);
    },

    /** Its author takes an entry back while the contest is open. */
    async withdraw(actor: AuthUser, entryId: number): Promise<EntryRow> {
      return db.transaction(async (tx) => {
        const { e, c } = await lockEntry(tx, entryId);
        if (e.userId !== actor.id) throw new AppError('contest.entry_not_found');
        if (e.status !== 'active' || !isOpen(c, clock())) throw new AppError('contest.wrong_state');
        const [row] = await tx
          .update(contestEntries)
          .set({ status: 'withdrawn', withdrawnAt: clock() })
          .where(eq(contestEntries.id, e.id))
          .returning();
        await recount(tx, c.id);
        return row;
      });
    },

    /** The owner rates an entry (1–5) and shortlists it, until the winners are picked. */
    async rate(actor: AuthUser, entryId: number, r: { rating?: number | null; shortlisted?: boolean }): Promise<EntryRow> {
      const rating = r.rating === undefined ? undefined : r.rating;
      if (rating !== undefined && rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5))
        throw invalid({ rating: 'contest.rating_invalid' });
      return db.transaction(async (tx) => {
        const { e, c } = await lockEntry(tx, entryId);
        if (c.ownerId !== actor.id) throw new AppError('contest.forbidden');
        if (e.status !== 'active' || !['open', 'judging'].includes(c.status)) throw new AppError('contest.wrong_state');
        const [row] = await tx
          .update(contestEntries)
          .set({ ...(rating !== undefined ? { rating } : {}), ...(r.shortlisted !== undefined ? { shortlisted: r.shortlisted } : {}) })
          .where(eq(contestEntries.id, e.id))
          .returning();
        return row;
      });
    },

    /** The entries of a contest (all of them; who may see which is the caller's: rules.ts `seesEntry`). */
    async entriesOf(contestId: number): Promise<EntryRow[]> {
      return db
        .select()
        .from(contestEntries)
        .where(and(eq(contestEntries.contestId, contestId), eq(contestEntries.status, 'active')))
        .orderBy(asc(contestEntries.id));
    },

    /** The owner moves the deadline once, by at most EXTEND_DAYS_MAX days. */
    async extend(actor: AuthUser, contestId: number, days: number): Promise<ContestRow> {
      if (!Number.isInteger(days) || days < 1 || days > EXTEND_DAYS_MAX) throw invalid({ days: 'contest.extend_range' });
      return db.transaction(async (tx) => {
        const c = await core.lock(tx, contestId);
        if (c.ownerId !== actor.id) throw new AppError('contest.forbidden');
        const to = addDays(c.endsAt ?? clock(), days);
        const problem = extendProblem({ status: c.status as never, endsAt: c.endsAt ?? clock(), extended: c.extended }, to, clock());
        if (problem) throw new AppError(problem);
        const [row] = await tx
          .update(contests)
          .set({ endsAt: to, extended: true, endSoonSentAt: null, updatedAt: clock() })
          .where(eq(contests.id, c.id))
          .returning();
        return row;
      });
    },

    /** The owner ends the contest now (once it has EARLY_END_ENTRIES entries): judging starts. */
    async endEarly(actor: AuthUser, contestId: number): Promise<ContestRow> {
      return db
        .transaction(async (tx) => {
          const c = await core.lock(tx, contestId);
          if (c.ownerId !== actor.id) throw new AppError('contest.forbidden');
          const now = clock();
          const problem = endEarlyProblem({ status: c.status as never, endsAt: c.endsAt ?? now }, c.entriesCount, now);
          if (problem) throw new AppError(problem);
          await tx.update(contests).set({ endedEarly: true }).where(eq(contests.id, c.id));
          await close(tx, c, now, actor.id);
          return core.lock(tx, c.id);
        })
        .finally(done);
    },

    /** The owner picks the winners, one entry per place, within PICK_DAYS of the deadline. */
    async pick(actor: AuthUser, contestId: number, picks: { place: number; entryId: number }[]): Promise<AwardRow[]> {
      return db
        .transaction(async (tx) => {
          const c = await core.lock(tx, contestId);
          if (c.ownerId !== actor.id) throw new AppError('contest.forbidden');
          if (c.status !== 'judging') throw new AppError('contest.wrong_state');
          if (c.endsAt && clock().getTime() > pickDeadline(c.endsAt).getTime()) throw new AppError('contest.pick_window_passed');
          await award(tx, c, picks, actor.id, 'rest');
          await audit(tx, { actorId: actor.id, action: 'contest.pick', targetType: 'contest', targetId: c.id, data: { picks } });
          return tx.select().from(contestAwards).where(eq(contestAwards.contestId, c.id)).orderBy(asc(contestAwards.place));
        })
        .finally(done);
    },

    /** The owner picks one place's winner (API.md `POST /api/v1/contests/{id}/winners`); the others may follow. */
    async pickPlace(actor: AuthUser, contestId: number, place: number, entryId: number): Promise<AwardRow> {
      return db
        .transaction(async (tx) => {
          const c = await core.lock(tx, contestId);
          if (c.ownerId !== actor.id) throw new AppError('contest.forbidden');
          if (c.status !== 'judging') throw new AppError('contest.wrong_state');
          if (c.endsAt && clock().getTime() > pickDeadline(c.endsAt).getTime()) throw new AppError('contest.pick_window_passed');
          if (!Number.isInteger(place) || place < 1 || place > c.prizesCents.length)
            throw invalid({ place: 'contest.pick_places_invalid' });
          await award(tx, c, [{ place, entryId }], actor.id, 'some');
          await audit(tx, { actorId: actor.id, action: 'contest.pick', targetType: 'contest', targetId: c.id, data: { place, entryId } });
          const [row] = await tx
            .select()
            .from(contestAwards)
            .where(and(eq(contestAwards.contestId, c.id), eq(contestAwards.place, place)));
          return row;
        })
        .finally(done);
    },

    /**
     * Staff decide a contest whose owner did not pick in time: they award the places, or — only when no entry
     * meets the brief — refund the prize, with a reason both sides see. Places the owner already picked one by one
     * keep their winners: only the others' prizes are refunded, and the contest goes on to their handovers.
     */
    async decide(
      actor: Staff,
      contestId: number,
      d: { picks: { place: number; entryId: number }[] } | { refund: true; reason: string },
    ): Promise<ContestRow> {
      if (!mayDecideContests(actor)) throw new AppError('auth.forbidden');
      return db
        .transaction(async (tx) => {
          const c = await core.lock(tx, contestId);
          if (c.status !== 'staff') throw new AppError('contest.wrong_state');
          if ('refund' in d) {
            const why = cleanLine(d.reason);
            if (why.length < 10 || why.length > 1000) throw invalid({ reason: 'contest.reason_required' });
            const now = clock();
            // Places the owner picked one by one keep their winners (and their prizes); the others are refunded.
            const taken = await tx.select({ place: contestAwards.place }).from(contestAwards).where(eq(contestAwards.contestId, c.id));
            const cents = c.prizesCents.reduce((sum, p, i) => (taken.some((a) => a.place === i + 1) ? sum : sum + p), 0);
            const status = taken.length ? 'awarding' : 'refunded';
            await tx
              .update(contests)
              .set({ status, rejectReason: why, closedAt: taken.length ? null : now, updatedAt: now })
              .where(eq(contests.id, c.id));
            if (cents > 0)
              await m.wallet.refundEscrow(tx, { buyerId: c.ownerId, amountCents: cents, reference: core.reference(c), actorId: actor.id });
            if (taken.length) await settle(tx, c.id);
            await audit(tx, { actorId: actor.id, action: 'contest.refund', targetType: 'contest', targetId: c.id, data: { reason: why } });
            await core.tellOwner(tx, c, 'refunded', why);
            const contestants = await tx
              .selectDistinct({ userId: contestEntries.userId })
              .from(contestEntries)
              .where(and(eq(contestEntries.contestId, c.id), eq(contestEntries.status, 'active')));
            for (const x of contestants) await notify(tx, x.userId, 'refunded', c);
          } else {
            await award(tx, c, d.picks, actor.id, 'rest');
            await audit(tx, {
              actorId: actor.id,
              action: 'contest.award',
              targetType: 'contest',
              targetId: c.id,
              data: { picks: d.picks },
            });
          }
          return core.lock(tx, c.id);
        })
        .finally(done);
    },

    /** The winner hands over the final files (delivered): the owner accepts, or it is accepted after 3 days. */
    async deliver(actor: AuthUser, awardId: number, input: { note?: unknown; fileIds?: unknown }): Promise<AwardRow> {
      const note = await text(actor.id, 'handover_note', input.note, 0, 2000);
      const fileIds = [...new Set((Array.isArray(input.fileIds) ? input.fileIds : []).map(parseId).filter((n): n is number => n !== null))];
      if (fileIds.length === 0 || fileIds.length > 10) throw invalid({ fileIds: 'contest.handover_files_invalid' });
      return db
        .transaction(async (tx) => {
          const { a, c } = await lockAward(tx, awardId);
          if (a.winnerId !== actor.id) throw new AppError('contest.award_not_found');
          if (a.status !== 'handover') throw new AppError('contest.wrong_state');
          const owned = await m.files.owned(tx, actor.id, fileIds, 'attachment');
          if (owned.length !== fileIds.length) throw invalid({ fileIds: 'contest.file_invalid' });
          const [row] = await tx
            .update(contestAwards)
            .set({ status: 'delivered', deliveredAt: clock(), handoverNote: note, handoverFileIds: fileIds })
            .where(eq(contestAwards.id, a.id))
            .returning();
          await notify(tx, c.ownerId, 'handover', c);
          return row;
        })
        .finally(done);
    },

    /** The owner accepts a delivered handover: the place's prize goes to its winner. */
    async accept(actor: AuthUser, awardId: number): Promise<AwardRow> {
      return db
        .transaction(async (tx) => {
          const { a, c } = await lockAward(tx, awardId);
          if (c.ownerId !== actor.id) throw new AppError('contest.forbidden');
          if (a.status !== 'delivered') throw new AppError('contest.wrong_state');
          await pay(tx, c, a, actor.id);
          const [row] = await tx.select().from(contestAwards).where(eq(contestAwards.id, a.id));
          return row;
        })
        .finally(done);
    },

    /** An entry and its contest, as moderation reads them (any status), or null. */
    async entryForModeration(id: number): Promise<{ e: EntryRow; c: ContestRow } | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [found] = await db
        .select({ e: contestEntries, c: contests })
        .from(contestEntries)
        .innerJoin(contests, eq(contests.id, contestEntries.contestId))
        .where(eq(contestEntries.id, id));
      return found ?? null;
    },

    /**
     * A moderator removes a reported entry (inside the report's transaction): gone from the contest and its counts,
     * unless it already won a place (then its handover and prize are staff's to settle through a dispute).
     */
    async removeEntry(tx: DbOrTx, id: number): Promise<boolean> {
      const { e, c } = await lockEntry(tx, id);
      if (e.status !== 'active') return false;
      const [won] = await tx.select({ id: contestAwards.id }).from(contestAwards).where(eq(contestAwards.entryId, e.id));
      if (won) throw new AppError('contest.takedown_awarded');
      await tx.update(contestEntries).set({ status: 'removed', withdrawnAt: clock() }).where(eq(contestEntries.id, e.id));
      await recount(tx, c.id);
      return true;
    },

    /** A winner's places (their handovers). */
    async awardsForWinner(winnerId: number): Promise<AwardRow[]> {
      return db.select().from(contestAwards).where(eq(contestAwards.winnerId, winnerId)).orderBy(asc(contestAwards.id)).limit(500);
    },

    async awardById(id: number): Promise<AwardRow | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [a] = await db.select().from(contestAwards).where(eq(contestAwards.id, id));
      return a ?? null;
    },

    async awardsOf(contestId: number): Promise<AwardRow[]> {
      return db.select().from(contestAwards).where(eq(contestAwards.contestId, contestId)).orderBy(asc(contestAwards.place));
    },

    /**
     * Every due step (the worker and `run-due`), each in its own transaction and idempotent: deadlines reached,
     * owners' windows passed (to staff), handovers accepted after HANDOVER_ACCEPT_DAYS.
     */
    async runDue(now: Date): Promise<{ endingSoon: number; closed: number; toStaff: number; accepted: number }> {
      const out = { endingSoon: 0, closed: 0, toStaff: 0, accepted: 0 };
      // A day before the deadline: the owner and every contestant are told, once per deadline (extending resets it).
      const soon = await db
        .select({ id: contests.id })
        .from(contests)
        .where(
          and(eq(contests.status, 'open'), isNull(contests.endSoonSentAt), gt(contests.endsAt, now), lte(contests.endsAt, addDays(now, 1))),
        )
        .limit(200);
      out.endingSoon = await sweep(soon, async (tx, id) => {
        const c = await core.lock(tx, id);
        if (c.status !== 'open' || c.endSoonSentAt || !c.endsAt || c.endsAt <= now || c.endsAt > addDays(now, 1)) return false;
        await tx.update(contests).set({ endSoonSentAt: now }).where(eq(contests.id, c.id));
        const contestants = await tx
          .selectDistinct({ userId: contestEntries.userId })
          .from(contestEntries)
          .where(and(eq(contestEntries.contestId, c.id), eq(contestEntries.status, 'active')));
        for (const userId of [c.ownerId, ...contestants.map((x) => x.userId)]) await notify(tx, userId, 'ending_soon', c);
        return true;
      });
      const ending = await db
        .select({ id: contests.id })
        .from(contests)
        .where(and(eq(contests.status, 'open'), lte(contests.endsAt, now)))
        .limit(200);
      out.closed = await sweep(ending, async (tx, id) => {
        const c = await core.lock(tx, id);
        if (c.status !== 'open' || !c.endsAt || c.endsAt > now) return false;
        await close(tx, c, now, null);
        return true;
      });
      const late = await db
        .select({ id: contests.id })
        .from(contests)
        .where(and(eq(contests.status, 'judging'), lte(contests.endsAt, addDays(now, -PICK_DAYS))))
        .limit(200);
      out.toStaff = await sweep(late, async (tx, id) => {
        const c = await core.lock(tx, id);
        if (c.status !== 'judging' || !c.endsAt || pickDeadline(c.endsAt) > now) return false;
        await tx.update(contests).set({ status: 'staff', updatedAt: now }).where(eq(contests.id, c.id));
        await audit(tx, { actorId: null, action: 'contest.to_staff', targetType: 'contest', targetId: c.id });
        await core.tellOwner(tx, c, 'to_staff');
        return true;
      });
      const delivered = await db
        .select({ id: contestAwards.id })
        .from(contestAwards)
        .where(and(eq(contestAwards.status, 'delivered'), lte(contestAwards.deliveredAt, addDays(now, -HANDOVER_ACCEPT_DAYS))))
        .limit(200);
      out.accepted = await sweep(delivered, async (tx, id) => {
        const { a, c } = await lockAward(tx, id);
        if (a.status !== 'delivered' || !a.deliveredAt || addDays(a.deliveredAt, HANDOVER_ACCEPT_DAYS) > now) return false;
        await pay(tx, c, a, null);
        return true;
      });
      if (out.endingSoon || out.closed || out.toStaff || out.accepted) done();
      return out;
    },
  };
}

export type ContestEntries = ReturnType<typeof createContestEntries>;
