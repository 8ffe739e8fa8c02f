import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FileRow } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import type { Permission } from '../../platform/staff.ts';
import { scanContacts } from '../trust/index.ts';
import { maySeeHandover } from './entry-files.ts';
import { createPayouts } from './payouts.ts';
import { mayDecideContests, mayDisputeAward, mayResolveContestDisputes } from './policy.ts';
import { contestAwards, contestEntries, contests } from './schema.ts';
import type { AwardRow, ContestRow, ContestsCore, ContestsModules, EntryRow } from './service.ts';

type Staff = Pick<AuthUser, 'id' | 'roles'>;
type Viewer = Pick<AuthUser, 'id' | 'roles'> | null;

/** Staff's three decisions on a disputed handover. */
export const DISPUTE_DECISIONS = ['pay', 'refund', 'redo'] as const;
export type DisputeDecision = (typeof DISPUTE_DECISIONS)[number];
/** A dispute's reason and staff's decision's reason: both sides read them. */
export const DISPUTE_REASON_MIN = 10;
export const DISPUTE_REASON_MAX = 1000;

/** Who is told of work waiting for staff (accounts' `staffIdsWith`). */
export interface DisputeStaff {
  staffIdsWith(permission: Permission, tx: DbOrTx): Promise<number[]>;
}

/** A disputed place as the staff queue lists it. */
export interface DisputedAward {
  award: AwardRow;
  contest: Pick<ContestRow, 'id' | 'title' | 'ownerId'>;
}

/**
 * Disputes over a place's handover (RULES.md "Contests": staff decide, with reasons). While a place waits for its
 * final files (`handover`) or for the owner's acceptance (`delivered`), its winner or the contest's owner — the same
 * rights either way — may open a dispute with a written reason: the place becomes `disputed`, so the automatic
 * acceptance (entries.ts `runDue`, which only takes `delivered`) no longer applies. Staff then decide with a reason
 * both sides see: `pay` (the winner is paid, less the commission), `refund` (that place's prize back to the owner:
 * the award ends `refunded`) or `redo` (back to `handover`: the winner delivers again). Each step locks the contest's
 * row, then the award's; escrow for `contest:{id}` always holds exactly the places neither paid nor refunded.
 */
export function createContestDisputes(deps: Deps, m: ContestsModules, core: ContestsCore, staff: DisputeStaff) {
  const { db, clock } = deps;
  const { lockAward, pay, refund } = createPayouts(deps, m, core);
  const done = () => deps.outbox.kick();

  /** A reason both sides read: bounded, and free of contact details (a refusal for them is recorded). */
  async function reasonOf(actorId: number, value: unknown, field: string, code: string): Promise<string> {
    const s = typeof value === 'string' ? value.trim() : '';
    const scan = scanContacts(s);
    if (scan.contact) {
      await m.trust.recordAttempt(actorId, 'contest', scan.matches);
      throw invalid({ [field]: 'trust.contact_info' }, { found: scan.matches.map((x) => x.text).join('، ') });
    }
    if (s.length < DISPUTE_REASON_MIN || s.length > DISPUTE_REASON_MAX) throw invalid({ [field]: code });
    return s;
  }

  async function tell(
    tx: DbOrTx,
    userId: number,
    type: 'disputed' | 'dispute_decided',
    c: ContestRow,
    a: AwardRow,
    url: string,
    reason = '',
  ) {
    await m.notifications.notify(tx, { userId, type: `contest.${type}`, params: { title: c.title, place: a.place, reason }, url });
  }

  return {
    /** The owner or the winner opens a dispute over a place in handover or delivered, with a reason (10–1000). */
    async open(actor: AuthUser, awardId: number, input: { reason?: unknown }): Promise<AwardRow> {
      const reason = await reasonOf(actor.id, input.reason, 'reason', 'contest.dispute_reason_length');
      return db
        .transaction(async (tx) => {
          const { a, c } = await lockAward(tx, awardId);
          if (!mayDisputeAward(actor, a, c)) throw new AppError('contest.dispute_forbidden', {}, {}, { status: 403 });
          if (a.status !== 'handover' && a.status !== 'delivered') throw new AppError('contest.wrong_state');
          const now = clock();
          const [row] = await tx
            .update(contestAwards)
            .set({
              status: 'disputed',
              disputedBy: actor.id,
              disputeReason: reason,
              disputedAt: now,
              decision: null,
              decisionReason: null,
              decidedBy: null,
              decidedAt: null,
            })
            .where(and(eq(contestAwards.id, a.id), eq(contestAwards.status, a.status)))
            .returning();
          if (!row) throw new AppError('contest.wrong_state');
          await audit(tx, {
            actorId: actor.id,
            action: 'contest.dispute',
            targetType: 'contest_award',
            targetId: a.id,
            data: { contestId: c.id, from: a.status, reason },
          });
          const other = actor.id === c.ownerId ? a.winnerId : c.ownerId;
          await tell(tx, other, 'disputed', c, a, `/contests/${c.id}#awards`);
          for (const id of await staff.staffIdsWith('resolve_disputes', tx))
            if (id !== actor.id && id !== other) await tell(tx, id, 'disputed', c, a, `/admin/contests/${c.id}/decide#award-${a.id}`);
          return row;
        })
        .finally(done);
    },

    /** Staff decide a disputed place: pay the winner, refund the place to the owner, or send it back to the handover. */
    async decide(actor: Staff, awardId: number, d: { decision?: unknown; reason?: unknown }, ip: string | null = null): Promise<AwardRow> {
      if (!mayResolveContestDisputes(actor)) throw new AppError('auth.forbidden');
      const fields: Record<string, string> = {};
      const decision = (DISPUTE_DECISIONS as readonly unknown[]).includes(d.decision) ? (d.decision as DisputeDecision) : null;
      if (!decision) fields.decision = 'contest.decision_invalid';
      const reason = typeof d.reason === 'string' ? d.reason.trim() : '';
      if (reason.length < DISPUTE_REASON_MIN || reason.length > DISPUTE_REASON_MAX) fields.reason = 'contest.decision_reason_length';
      if (!decision || Object.keys(fields).length) throw invalid(fields);
      return db
        .transaction(async (tx) => {
          const { a, c } = await lockAward(tx, awardId);
          if (a.status !== 'disputed') throw new AppError('contest.wrong_state');
          if (decision === 'pay') await pay(tx, c, a, actor.id, 'disputed');
          else if (decision === 'refund') await refund(tx, c, a, actor.id);
          else {
            const [back] = await tx
              .update(contestAwards)
              .set({ status: 'handover', deliveredAt: null })
              .where(and(eq(contestAwards.id, a.id), eq(contestAwards.status, 'disputed')))
              .returning();
            if (!back) throw new AppError('contest.wrong_state');
          }
          const [row] = await tx
            .update(contestAwards)
            .set({ decision, decisionReason: reason, decidedBy: actor.id, decidedAt: clock() })
            .where(eq(contestAwards.id, a.id))
            .returning();
          await audit(tx, {
            actorId: actor.id,
            action: 'contest.dispute_decide',
            targetType: 'contest_award',
            targetId: a.id,
            data: { contestId: c.id, decision, reason, prizeCents: a.prizeCents },
            ip,
          });
          for (const id of [c.ownerId, a.winnerId]) await tell(tx, id, 'dispute_decided', c, a, `/contests/${c.id}#awards`, reason);
          return row;
        })
        .finally(done);
    },

    /** What waits for staff: contests whose owner did not pick in time (oldest deadline first), disputed places. */
    async queue(actor: Staff): Promise<{ contests: ContestRow[]; disputes: DisputedAward[] }> {
      if (!mayDecideContests(actor)) throw new AppError('auth.forbidden');
      const waiting = await db
        .select()
        .from(contests)
        .where(eq(contests.status, 'staff'))
        .orderBy(asc(contests.endsAt), asc(contests.id))
        .limit(200);
      const disputed = await db
        .select({ award: contestAwards, contest: { id: contests.id, title: contests.title, ownerId: contests.ownerId } })
        .from(contestAwards)
        .innerJoin(contests, eq(contests.id, contestAwards.contestId))
        .where(eq(contestAwards.status, 'disputed'))
        .orderBy(asc(contestAwards.disputedAt), asc(contestAwards.id))
        .limit(200);
      return { contests: waiting, disputes: disputed };
    },

    /** How many contests wait for staff's award and how many places are disputed (the queue's tabs). */
    async counts(): Promise<{ staff: number; disputed: number }> {
      const [staffCount, disputed] = await Promise.all([
        db.$count(contests, eq(contests.status, 'staff')),
        db.$count(contestAwards, eq(contestAwards.status, 'disputed')),
      ]);
      return { staff: staffCount, disputed };
    },

    /**
     * A contest for staff's decision page (who decide contests and disputes only): the contest, its places and its
     * active entries, oldest first.
     */
    async forStaff(actor: Staff, contestId: number): Promise<{ contest: ContestRow; awards: AwardRow[]; entries: EntryRow[] }> {
      if (!mayDecideContests(actor) || !mayResolveContestDisputes(actor)) throw new AppError('auth.forbidden');
      if (!Number.isSafeInteger(contestId) || contestId < 1) throw new AppError('contest.not_found');
      const [contest] = await db.select().from(contests).where(eq(contests.id, contestId));
      if (!contest || ['draft', 'rejected'].includes(contest.status)) throw new AppError('contest.not_found');
      const [awards, entries] = await Promise.all([
        db.select().from(contestAwards).where(eq(contestAwards.contestId, contestId)).orderBy(asc(contestAwards.place)),
        db
          .select()
          .from(contestEntries)
          .where(and(eq(contestEntries.contestId, contestId), eq(contestEntries.status, 'active')))
          .orderBy(asc(contestEntries.id)),
      ]);
      return { contest, awards, entries };
    },

    /** A place's final files, in the handover's order (their names and sizes), for whoever may see them. */
    async handoverFiles(viewer: Viewer, a: AwardRow, c: Pick<ContestRow, 'ownerId'>): Promise<FileRow[]> {
      if (!maySeeHandover(viewer, a, c) || a.handoverFileIds.length === 0) return [];
      const rows = new Map((await m.files.byIds(a.handoverFileIds)).map((f) => [f.id, f]));
      return a.handoverFileIds.map((id) => rows.get(id)).filter((f): f is FileRow => f !== undefined);
    },
  };
}

export type ContestDisputes = ReturnType<typeof createContestDisputes>;
