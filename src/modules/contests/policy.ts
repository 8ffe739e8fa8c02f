import { can } from '../../platform/staff.ts';
import { type ContestStatus, seesEntry } from './rules.ts';

/** Who may see or do what with contests and their entries (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

const PUBLIC = ['open', 'judging', 'staff', 'awarding', 'finished', 'refunded'];

/** Live and ended contests everyone; drafts, reviews and rejections their owner and moderators. */
export function maySeeContest(actor: Actor, c: { status: string; ownerId: number }): boolean {
  if (PUBLIC.includes(c.status)) return true;
  if (!actor) return false;
  return actor.id === c.ownerId || can(actor, 'moderate');
}

/** Whether a viewing counts in the contest's views: a public contest, seen by someone other than its owner. */
export function contestViewCounts(viewerId: number | null, c: { status: string; ownerId: number }): boolean {
  return PUBLIC.includes(c.status) && viewerId !== c.ownerId;
}

/** The statuses in which a contest is public, and its views count. */
export const PUBLIC_CONTEST_STATUSES: readonly string[] = PUBLIC;

/** Approve or reject a contest, or work the review queue. */
export function mayReviewContests(actor: Actor): boolean {
  return can(actor, 'moderate');
}

/** Award the places of a contest whose owner did not pick in time (or refund it when no entry meets the brief). */
export function mayDecideContests(actor: Actor): boolean {
  return can(actor, 'resolve_disputes');
}

/** Open a dispute over a place's handover: the contest's owner or that place's winner, with the same rights. */
export function mayDisputeAward(actor: Actor, a: { winnerId: number }, c: { ownerId: number }): boolean {
  return actor !== null && (actor.id === a.winnerId || actor.id === c.ownerId);
}

/** Decide a disputed handover (pay the winner, refund the place, or hand over again): who decides orders' disputes. */
export function mayResolveContestDisputes(actor: Actor): boolean {
  return can(actor, 'resolve_disputes');
}

/** An entry's original files: its author, the contest's owner, and staff. The public sees previews. */
export function maySeeEntryOriginal(actor: Actor, e: { userId: number }, c: { ownerId: number }): boolean {
  return actor !== null && (actor.id === e.userId || actor.id === c.ownerId || can(actor, 'read_private'));
}

/**
 * Whether an entry's watermarked previews are public (anyone, cached): an active entry of a contest everyone sees,
 * unless the contest is blind and still open (then each contestant sees only their own: the author, the owner and
 * staff look at the originals instead).
 */
export function entryPreviewsPublic(
  e: { status: string; userId: number },
  c: { status: string; ownerId: number; blind: boolean },
): boolean {
  return e.status === 'active' && maySeeContest(null, c) && seesEntry({ ...c, status: c.status as ContestStatus }, e.userId, null);
}

/** An entry's private thread: the contest's owner, the entry's author, and staff who read private data. */
export function maySeeEntryNotes(actor: Actor, e: { userId: number }, c: { ownerId: number }): boolean {
  return maySeeEntryOriginal(actor, e, c);
}

/** Whether `viewerId` may see (and so report) an entry: its previews are public, or they are its author or the owner. */
export function maySeeEntry(
  viewerId: number,
  e: { status: string; userId: number },
  c: { status: string; ownerId: number; blind: boolean },
): boolean {
  if (e.status !== 'active') return false;
  return entryPreviewsPublic(e, c) || viewerId === e.userId || viewerId === c.ownerId;
}
