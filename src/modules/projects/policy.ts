import { can } from '../../platform/staff.ts';

/** Who may see or do what with projects and bids (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

const PUBLIC = ['open', 'hired', 'closed', 'expired'];

/** Live and finished projects everyone; drafts and reviews their owner and moderators; taken-down ones owner and staff. */
export function maySeeProject(actor: Actor, p: { status: string; ownerId: number }): boolean {
  if (PUBLIC.includes(p.status)) return true;
  if (!actor) return false;
  if (actor.id === p.ownerId) return true;
  if (p.status === 'hidden' || p.status === 'removed') return can(actor, 'read_private');
  return can(actor, 'moderate');
}

/** The private parts of a project (its order, a rejection's reason): the owner and staff. */
export function maySeeProjectPrivate(actor: Actor, p: { ownerId: number }): boolean {
  return actor !== null && (actor.id === p.ownerId || can(actor, 'read_private'));
}

/** Approve or reject a project, or work the review queue. */
export function mayReviewProjects(actor: Actor): boolean {
  return can(actor, 'moderate');
}

/** Staff who read every bid on a project (as its owner does). */
export function mayReadAllBids(actor: Actor): boolean {
  return can(actor, 'read_private');
}

/** A bid in full (proposal, files): its freelancer, the project's owner, and staff. */
export function maySeeBid(actor: Actor, b: { freelancerId: number }, p: { ownerId: number } | null): boolean {
  return actor !== null && (actor.id === b.freelancerId || actor.id === p?.ownerId || can(actor, 'read_private'));
}
