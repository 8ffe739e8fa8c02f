import { can } from '../../platform/staff.ts';

/** Who may do what in trust and safety (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** Decide reports, work the cases, sanction and lift. */
export function mayModerate(actor: Actor): boolean {
  return can(actor, 'moderate');
}

/**
 * Sanction this user: moderators may, never themselves, and a member of staff only by an admin (a moderator
 * cannot silence another member of staff). Answers the refusal's code, or null when allowed.
 */
export function sanctionRefusal(actor: Actor, target: { id: number; roles: readonly string[] }): string | null {
  if (!actor) return 'auth.required';
  if (!can(actor, 'moderate')) return 'auth.forbidden';
  if (target.id === actor.id) return 'sanction.self';
  if (target.roles.length > 0 && !can(actor, 'admin')) return 'auth.forbidden';
  return null;
}
