import { can } from '../../platform/staff.ts';

/** Who may see or do what with complaints (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** How an actor reaches a ticket: as its owner, as support staff (audited), or not at all (not disclosed). */
export function ticketAccess(actor: Actor, t: { userId: number }): 'owner' | 'staff' | null {
  if (!actor) return null;
  if (actor.id === t.userId) return 'owner';
  return can(actor, 'support') ? 'staff' : null;
}

/** Work the support queue. */
export function mayWorkQueue(actor: Actor): boolean {
  return can(actor, 'support');
}
