import { can } from '../../platform/staff.ts';

/** Who may see or do what with services and categories (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** A service is public once published; before that (draft, review, rejected, hidden…) its seller and moderators. */
export function maySeeService(actor: Actor, s: { status: string; sellerId: number }): boolean {
  if (s.status === 'published') return true;
  return actor !== null && (actor.id === s.sellerId || can(actor, 'moderate'));
}

/**
 * Who may load a service image, and how: everyone once a published service shows it (`public`: cacheable); before
 * that (a draft's, one in review, an edit waiting, an upload not yet in any service) its uploader (`private`: never
 * cached), and moderators when some service shows it; nobody else (null: not found).
 */
export function serviceImageAccess(
  actor: Actor,
  image: { ownerId: number; published: boolean; attached: boolean },
): 'public' | 'private' | null {
  if (image.published) return 'public';
  if (actor === null) return null;
  if (actor.id === image.ownerId || (image.attached && can(actor, 'moderate'))) return 'private';
  return null;
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

/** Edit the search synonyms list (a setting the services and projects searches read). */
export function mayEditSynonyms(actor: Actor): boolean {
  return can(actor, 'search_synonyms');
}
