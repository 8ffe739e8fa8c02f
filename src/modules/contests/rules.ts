/** Pure contest rules (RULES.md "Contests", issue 16). Money in cents, durations in days. */

export const TITLE_MIN = 10;
export const TITLE_MAX = 100;
export const DESCRIPTION_MIN = 100;
export const DESCRIPTION_MAX = 5000;
export const CONDITIONS_MAX = 3000;
export const SKILLS_MAX = 10;
export const FILES_MAX = 5;
/** 1–3 places, each with a prize; together at least $20. */
export const PLACES_MAX = 3;
export const PRIZE_TOTAL_MIN_CENTS = 2_000;
export const PRIZE_MAX_CENTS = 10_000_000;
/** The entry period: 7 days to 3 months (90 days). */
export const ENTRY_DAYS_MIN = 7;
export const ENTRY_DAYS_MAX = 90;
/** Days a winner has to hand over the final files. */
export const DELIVERY_DAYS_MIN = 1;
export const DELIVERY_DAYS_MAX = 60;
/** Entries one contestant may have in one contest at once. */
export const ENTRIES_PER_CONTESTANT = 10;
export const ENTRY_DESCRIPTION_MIN = 10;
export const ENTRY_DESCRIPTION_MAX = 2000;
export const ENTRY_FILES_MAX = 5;
/** A comment in the contest's public thread. */
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 2000;
/** The owner may extend the deadline once, by at most this many days, or end early once there are this many entries. */
export const EXTEND_DAYS_MAX = 14;
export const EARLY_END_ENTRIES = 5;
/** After the deadline, days the owner has to pick the winners; past them the case goes to staff. */
export const PICK_DAYS = 14;
/** A delivered handover is accepted on its own after this many days. */
export const HANDOVER_ACCEPT_DAYS = 3;

/**
 * draft → pending (the prize in escrow, a moderator reviews it) → open (entries until `ends_at`) | rejected (escrow
 * refunded, with the reason); open → judging (the deadline passed with entries: the owner picks within PICK_DAYS) |
 * refunded (no entries); judging → awarding (every place picked: handovers) | staff (no pick in time);
 * awarding → finished (every place paid).
 */
export type ContestStatus = 'draft' | 'pending' | 'rejected' | 'open' | 'judging' | 'staff' | 'awarding' | 'finished' | 'refunded';

/** The listing's status filter, as people read it. */
export const LISTED: Record<'open' | 'judging' | 'finished', ContestStatus[]> = {
  open: ['open'],
  judging: ['judging', 'staff', 'awarding'],
  finished: ['finished'],
};

/** A contest as typed (API JSON or a form), before it is saved: malformed numbers are NaN, refused by the rules. */
export interface ContestDraft {
  title: string;
  description: string;
  conditions: string;
  categoryId: number | null;
  skills: string[];
  /** The prize of each place, first place first. */
  prizesCents: number[];
  entryDays: number;
  deliveryDays: number;
  blind: boolean;
  fileIds: number[];
}

const isWhole = (n: unknown, min: number, max: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;

/** The whole prize: what publishing takes into escrow. */
export const prizeTotal = (prizesCents: readonly number[]) => prizesCents.reduce((a, b) => a + b, 0);

/**
 * Each field's problem. A draft is checked only for what could never be saved (types, upper limits); publishing
 * must meet every minimum too. Places are ranked: a later place never wins more than an earlier one.
 */
export function contestProblems(d: ContestDraft, mode: 'draft' | 'submit', categoryIsLeaf: boolean): Record<string, string> {
  const f: Record<string, string> = {};
  const submit = mode === 'submit';
  const title = d.title.trim();
  if (title.length > TITLE_MAX || (submit && title.length < TITLE_MIN)) f.title = 'contest.title_length';
  const description = d.description.trim();
  if (description.length > DESCRIPTION_MAX || (submit && description.length < DESCRIPTION_MIN))
    f.description = 'contest.description_length';
  if (d.conditions.length > CONDITIONS_MAX) f.conditions = 'contest.conditions_length';
  if (d.categoryId !== null && (!Number.isSafeInteger(d.categoryId) || !categoryIsLeaf)) f.categoryId = 'contest.category_invalid';
  else if (submit && d.categoryId === null) f.categoryId = 'contest.category_required';
  if (d.skills.length > SKILLS_MAX || d.skills.some((s) => s.length > 30)) f.skills = 'contest.skills_invalid';
  const prizes = d.prizesCents;
  if (prizes.length > PLACES_MAX || (submit && prizes.length === 0)) f.prizesCents = 'contest.places_count';
  else if (prizes.some((p) => !isWhole(p, 1, PRIZE_MAX_CENTS))) f.prizesCents = 'contest.prize_invalid';
  else if (prizes.some((p, i) => i > 0 && p > prizes[i - 1])) f.prizesCents = 'contest.prize_order';
  else if (submit && prizeTotal(prizes) < PRIZE_TOTAL_MIN_CENTS) f.prizesCents = 'contest.prize_total_min';
  if ((submit || d.entryDays !== 0) && !isWhole(d.entryDays, ENTRY_DAYS_MIN, ENTRY_DAYS_MAX)) f.entryDays = 'contest.entry_days_invalid';
  if ((submit || d.deliveryDays !== 0) && !isWhole(d.deliveryDays, DELIVERY_DAYS_MIN, DELIVERY_DAYS_MAX))
    f.deliveryDays = 'contest.delivery_days_invalid';
  if (d.fileIds.length > FILES_MAX || d.fileIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) f.fileIds = 'contest.files_invalid';
  return f;
}

/** An entry's problems: a description and one to ENTRY_FILES_MAX files. */
export function entryProblems(e: { description: string; fileIds: number[] }): Record<string, string> {
  const f: Record<string, string> = {};
  const description = e.description.trim();
  if (description.length < ENTRY_DESCRIPTION_MIN || description.length > ENTRY_DESCRIPTION_MAX)
    f.description = 'contest.entry_description_length';
  if (e.fileIds.length === 0 || e.fileIds.length > ENTRY_FILES_MAX || e.fileIds.some((id) => !Number.isSafeInteger(id) || id <= 0))
    f.fileIds = 'contest.entry_files_invalid';
  return f;
}

const DAY = 86_400_000;
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

/** When the owner's window to pick winners closes (the deadline + PICK_DAYS). */
export const pickDeadline = (endsAt: Date) => addDays(endsAt, PICK_DAYS);

/**
 * Whether the owner may move the deadline to `to` now: once, while open, later than the current deadline and at
 * most EXTEND_DAYS_MAX days after it. Returns the problem's key, or null.
 */
export function extendProblem(c: { status: ContestStatus; endsAt: Date; extended: boolean }, to: Date, now: Date): string | null {
  if (c.status !== 'open' || c.endsAt.getTime() <= now.getTime()) return 'contest.not_open';
  if (c.extended) return 'contest.already_extended';
  const by = to.getTime() - c.endsAt.getTime();
  if (by <= 0 || by > EXTEND_DAYS_MAX * DAY) return 'contest.extend_range';
  return null;
}

/** Whether the owner may end the contest now: while open, with at least EARLY_END_ENTRIES entries. */
export function endEarlyProblem(c: { status: ContestStatus; endsAt: Date }, entries: number, now: Date): string | null {
  if (c.status !== 'open' || c.endsAt.getTime() <= now.getTime()) return 'contest.not_open';
  if (entries < EARLY_END_ENTRIES) return 'contest.too_few_entries';
  return null;
}

/**
 * Which entries a viewer sees while the contest is open: everyone's in an open contest; in a blind one only their
 * own (the owner and staff see all). After the deadline, all of them.
 */
export function seesEntry(
  c: { blind: boolean; status: ContestStatus; ownerId: number },
  entryUserId: number,
  viewer: { id: number; staff: boolean } | null,
): boolean {
  if (!c.blind || c.status !== 'open') return true;
  if (!viewer) return false;
  return viewer.staff || viewer.id === c.ownerId || viewer.id === entryUserId;
}

/** The winners picked for the places still open (`open`: their numbers): one entry per place, each place once. */
export function pickProblem(open: readonly number[], picks: { place: number; entryId: number }[]): string | null {
  if (picks.length !== open.length) return 'contest.pick_every_place';
  const placesSeen = new Set(picks.map((p) => p.place));
  if (placesSeen.size !== open.length || [...placesSeen].some((p) => !open.includes(p))) return 'contest.pick_places_invalid';
  if (new Set(picks.map((p) => p.entryId)).size !== picks.length) return 'contest.pick_entry_twice';
  return null;
}
