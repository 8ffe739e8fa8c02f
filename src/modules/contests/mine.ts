import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { addDays, type ContestStatus, HANDOVER_ACCEPT_DAYS, pickDeadline } from './rules.ts';
import { contestAwards, contestEntries, contests } from './schema.ts';

/**
 * "My contests" and "my entries" (issue 16): the owner's contests with what they must do next, and the contests a
 * contestant entered with their places won. Reads only; each list is one query (the awards of a page one more),
 * newest first, MINE_PAGE rows a page (keyset on the id: `before`).
 */
export const MINE_PAGE = 200;

/** The owner's status filter (/my/contests?status=…), as people read it: judging includes staff's decision. */
export const MINE_FILTERS = {
  draft: ['draft'],
  pending: ['pending'],
  open: ['open'],
  judging: ['judging', 'staff'],
  awarding: ['awarding'],
  finished: ['finished'],
  closed: ['rejected', 'refunded'],
} as const satisfies Record<string, readonly ContestStatus[]>;
export type MineFilter = keyof typeof MINE_FILTERS;
export const MINE_FILTER_KEYS = Object.keys(MINE_FILTERS) as MineFilter[];

/** How many of a contest's places are at each step of the handover. */
export interface AwardCounts {
  handover: number;
  delivered: number;
  disputed: number;
  paid: number;
  all: number;
}

/** One of the owner's contests as their list shows it. */
export interface OwnedContest {
  id: number;
  status: ContestStatus;
  title: string;
  categoryId: number | null;
  prizesCents: number[];
  prizeTotalCents: number;
  blind: boolean;
  entriesCount: number;
  contestantsCount: number;
  deliveryDays: number;
  publishedAt: Date | null;
  endsAt: Date | null;
  closedAt: Date | null;
  rejectReason: string | null;
  updatedAt: Date;
  awards: AwardCounts;
}

/**
 * What the owner must do next, or what they wait for: `code` (its message is `contests.mine.next.{code}`), the date
 * it is due (`dueAt`) and how many places it concerns (`count`). Null: nothing left to do.
 */
export type NextStepCode =
  | 'publish'
  | 'fix_and_publish'
  | 'await_review'
  | 'await_entries'
  | 'pick_winners'
  | 'staff_deciding'
  | 'accept_handover'
  | 'dispute_open'
  | 'await_handover';
export interface NextStep {
  code: NextStepCode;
  dueAt: Date | null;
  count: number;
  /** The owner acts (a button); otherwise they wait. */
  action: boolean;
}

/** The owner's next step for one of their contests (a pure function of the row). */
export function ownerNextStep(k: Pick<OwnedContest, 'status' | 'endsAt' | 'prizesCents' | 'awards'>): NextStep | null {
  const step = (code: NextStepCode, action: boolean, dueAt: Date | null = null, count = 0): NextStep => ({ code, dueAt, count, action });
  switch (k.status) {
    case 'draft':
      return step('publish', true);
    case 'rejected':
      return step('fix_and_publish', true);
    case 'pending':
      return step('await_review', false);
    case 'open':
      return step('await_entries', false, k.endsAt);
    case 'judging':
      return step('pick_winners', true, k.endsAt ? pickDeadline(k.endsAt) : null, Math.max(0, k.prizesCents.length - k.awards.all));
    case 'staff':
      return step('staff_deciding', false);
    case 'awarding':
      if (k.awards.delivered) return step('accept_handover', true, null, k.awards.delivered);
      if (k.awards.disputed) return step('dispute_open', false, null, k.awards.disputed);
      if (k.awards.handover) return step('await_handover', false, null, k.awards.handover);
      return null;
    default:
      return null;
  }
}

/** A place the contestant won, with when its final files are due (awarded + the contest's delivery days). */
export interface WonPlace {
  id: number;
  place: number;
  prizeCents: number;
  status: string;
  awardedAt: Date;
  handoverBy: Date;
  deliveredAt: Date | null;
  /** When a delivered handover is accepted on its own (delivery + HANDOVER_ACCEPT_DAYS). */
  acceptsBy: Date | null;
  paidAt: Date | null;
  disputedAt: Date | null;
}

/** A contest the contestant entered: their entries in it, and the places they won. */
export interface EnteredContest {
  contest: {
    id: number;
    status: ContestStatus;
    title: string;
    categoryId: number | null;
    prizesCents: number[];
    prizeTotalCents: number;
    blind: boolean;
    entriesCount: number;
    contestantsCount: number;
    deliveryDays: number;
    publishedAt: Date | null;
    endsAt: Date | null;
  };
  activeEntries: number;
  withdrawnEntries: number;
  lastEntryAt: Date;
  /** The newest of their entries' ids: the list's order and its page key. */
  lastEntryId: number;
  awards: WonPlace[];
}

export interface Page<T> {
  items: T[];
  /** The `before` of the next (older) page, or null on the last one. */
  next: number | null;
}

const NO_AWARDS: AwardCounts = { handover: 0, delivered: 0, disputed: 0, paid: 0, all: 0 };

/** A contest's columns both lists show. */
const LIST_COLUMNS = {
  id: contests.id,
  status: contests.status,
  title: contests.title,
  categoryId: contests.categoryId,
  prizesCents: contests.prizesCents,
  prizeTotalCents: contests.prizeTotalCents,
  blind: contests.blind,
  entriesCount: contests.entriesCount,
  contestantsCount: contests.contestantsCount,
  deliveryDays: contests.deliveryDays,
  publishedAt: contests.publishedAt,
  endsAt: contests.endsAt,
};

export function createContestsMine(deps: Pick<Deps, 'db'>) {
  const { db } = deps;
  const page = <T>(rows: T[], key: (r: T) => number): Page<T> =>
    rows.length > MINE_PAGE ? { items: rows.slice(0, MINE_PAGE), next: key(rows[MINE_PAGE - 1]) } : { items: rows, next: null };

  return {
    /** The owner's contests (one filter, or all), newest first, with their places' handover counts. */
    async owned(ownerId: number, opts: { filter?: MineFilter; before?: number } = {}): Promise<Page<OwnedContest>> {
      const statuses = opts.filter ? [...MINE_FILTERS[opts.filter]] : null;
      const rows = await db
        .select({
          ...LIST_COLUMNS,
          closedAt: contests.closedAt,
          rejectReason: contests.rejectReason,
          updatedAt: contests.updatedAt,
          // The places' handovers, counted beside each row (contest_awards_place_uq leads with contest_id). The outer
          // table by its name: drizzle writes a lone table's columns unqualified, which would be the award's own id here.
          awards: sql<AwardCounts>`(SELECT json_build_object(
              'handover', count(*) FILTER (WHERE a.status = 'handover'),
              'delivered', count(*) FILTER (WHERE a.status = 'delivered'),
              'disputed', count(*) FILTER (WHERE a.status = 'disputed'),
              'paid', count(*) FILTER (WHERE a.status = 'paid'),
              'all', count(*))
            FROM contest_awards a WHERE a.contest_id = contests.id)`,
        })
        .from(contests)
        .where(
          and(
            eq(contests.ownerId, ownerId),
            statuses ? inArray(contests.status, statuses) : undefined,
            opts.before ? lt(contests.id, opts.before) : undefined,
          ),
        )
        .orderBy(desc(contests.id))
        .limit(MINE_PAGE + 1);
      return page(
        rows.map((r) => ({
          ...r,
          status: r.status as ContestStatus,
          awards: { ...NO_AWARDS, ...(typeof r.awards === 'string' ? JSON.parse(r.awards) : r.awards) },
        })),
        (r) => r.id,
      );
    },

    /** How many of the owner's contests each filter holds (the tabs' counts), and all of them. */
    async ownedCounts(ownerId: number): Promise<Record<MineFilter | 'all', number>> {
      const rows = await db
        .select({ status: contests.status, n: sql<number>`count(*)::int` })
        .from(contests)
        .where(eq(contests.ownerId, ownerId))
        .groupBy(contests.status);
      const of = (s: readonly string[]) => rows.filter((r) => s.includes(r.status)).reduce((a, r) => a + Number(r.n), 0);
      return {
        all: of(rows.map((r) => r.status)),
        ...(Object.fromEntries(MINE_FILTER_KEYS.map((f) => [f, of(MINE_FILTERS[f])])) as Record<MineFilter, number>),
      };
    },

    /**
     * The contests `userId` entered (active or withdrawn entries), the one they entered last first, with their places
     * won: one query for the contests and their entries' counts, one for the page's awards.
     */
    async entered(userId: number, opts: { before?: number } = {}): Promise<Page<EnteredContest>> {
      const lastId = sql<number>`max(${contestEntries.id})`;
      const rows = await db
        .select({
          ...LIST_COLUMNS,
          activeEntries: sql<number>`count(*) FILTER (WHERE ${contestEntries.status} = 'active')::int`,
          withdrawnEntries: sql<number>`count(*) FILTER (WHERE ${contestEntries.status} = 'withdrawn')::int`,
          lastEntryAt: sql<Date>`max(${contestEntries.createdAt})`.mapWith(contestEntries.createdAt),
          lastEntryId: lastId.mapWith(Number),
        })
        .from(contestEntries)
        .innerJoin(contests, eq(contests.id, contestEntries.contestId))
        .where(eq(contestEntries.userId, userId))
        .groupBy(contests.id)
        .having(opts.before ? sql`${lastId} < ${opts.before}` : undefined)
        .orderBy(sql`${lastId} DESC`)
        .limit(MINE_PAGE + 1);
      const { items, next } = page(rows, (r) => r.lastEntryId);
      const awards = items.length
        ? await db
            .select()
            .from(contestAwards)
            .where(
              and(
                eq(contestAwards.winnerId, userId),
                inArray(
                  contestAwards.contestId,
                  items.map((r) => r.id),
                ),
              ),
            )
            .orderBy(asc(contestAwards.contestId), asc(contestAwards.place))
        : [];
      return {
        next,
        items: items.map((r) => ({
          contest: {
            id: r.id,
            status: r.status as ContestStatus,
            title: r.title,
            categoryId: r.categoryId,
            prizesCents: r.prizesCents,
            prizeTotalCents: r.prizeTotalCents,
            blind: r.blind,
            entriesCount: r.entriesCount,
            contestantsCount: r.contestantsCount,
            deliveryDays: r.deliveryDays,
            publishedAt: r.publishedAt,
            endsAt: r.endsAt,
          },
          activeEntries: Number(r.activeEntries),
          withdrawnEntries: Number(r.withdrawnEntries),
          lastEntryAt: r.lastEntryAt,
          lastEntryId: r.lastEntryId,
          awards: awards
            .filter((a) => a.contestId === r.id)
            .map((a) => ({
              id: a.id,
              place: a.place,
              prizeCents: a.prizeCents,
              status: a.status,
              awardedAt: a.awardedAt,
              handoverBy: addDays(a.awardedAt, r.deliveryDays),
              deliveredAt: a.deliveredAt,
              acceptsBy: a.deliveredAt ? addDays(a.deliveredAt, HANDOVER_ACCEPT_DAYS) : null,
              paidAt: a.paidAt,
              disputedAt: a.disputedAt,
            })),
        })),
      };
    },
  };
}

export type ContestsMine = ReturnType<typeof createContestsMine>;
