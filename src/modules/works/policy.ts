import { can } from '../../platform/staff.ts';

/** Who may see or do what with portfolio works (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/**
 * A published work everyone; a draft or a hidden work its owner and moderators; a deleted work moderators only (the
 * soft delete keeps it for staff: RULES.md "Trust and safety").
 */
export function maySeeWork(actor: Actor, w: { status: string; ownerId: number }): boolean {
  if (w.status === 'published') return true;
  if (!actor) return false;
  if (can(actor, 'moderate')) return true;
  return w.status !== 'deleted' && actor.id === w.ownerId;
}

/** Edit, publish, hide or delete a work: its owner only (moderators take it down through a report). */
export function mayManageWork(actor: Actor, w: { ownerId: number }): boolean {
  return actor !== null && actor.id === w.ownerId;
}

/** Like a work: anyone signed in but its owner, on a published work. */
export function mayLikeWork(actor: Actor, w: { status: string; ownerId: number }): 'ok' | 'own' | 'not_found' {
  if (w.status !== 'published') return 'not_found';
  if (actor === null) return 'not_found';
  return actor.id === w.ownerId ? 'own' : 'ok';
}

/**
 * How a viewer may load a work's image: public (cached) once a published work shows it; else its uploader, and
 * moderators when some work shows it (any status: a hidden or deleted work stays readable to staff); else not at all.
 */
export function workImageAccess(
  actor: Actor,
  image: { ownerId: number; published: boolean; attached: boolean },
): 'public' | 'private' | null {
  if (image.published) return 'public';
  if (actor === null) return null;
  if (actor.id === image.ownerId || (image.attached && can(actor, 'moderate'))) return 'private';
  return null;
}

/** Whether a view of this work counts: a published work seen by anyone but its owner. */
export function viewCounts(viewerId: number | null, w: { status: string; ownerId: number }): boolean {
  return w.status === 'published' && viewerId !== w.ownerId;
}
