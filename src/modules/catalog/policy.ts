import { can } from '../../platform/staff.ts';

/** Who may see or do what with services and categories (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** A service is public once published; before that (draft, review, rejected, hidden…) its seller and moderators. */
export function maySeeService(actor: Actor, s: { status: string; sellerId: number }): boolean {
  if (s.status === 'published') return true;
  return actor !== null && (actor.id === s.sellerId || can(actor, 'moderate'));
}

/** Every service of a seller, not only the published ones: the seller and moderators. */
export function maySeeAllOfSeller(actor: Actor, sellerId: number): boolean {
  return actor !== null && (actor.id === sellerId || can(actor, 'moderate'));
}

/** Approve or reject a service, or work the review queue. */
export function mayReviewServices(actor: Actor): boolean {
  return can(actor, 'moderate');
}

/** Add, rename, move or delete categories. */
export function mayManageCategories(actor: Actor): boolean {
  return can(actor, 'admin');
}
