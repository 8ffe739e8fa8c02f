import { can } from '../../platform/staff.ts';

/** Who may see or decide what of identity verification (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** Work the verification queue: approve or reject requests (support staff, and admins, who hold every permission). */
export function mayDecideVerifications(actor: Actor): boolean {
  return can(actor, 'support');
}

/**
 * Open a request's document or selfie: the user who sent it and support staff (whose every reading is audited).
 * Anyone else — another user, a moderator or finance staff without the support permission, a visitor — is told it
 * does not exist.
 */
export function maySeeVerificationFiles(actor: Actor, r: { userId: number }): boolean {
  return actor !== null && (actor.id === r.userId || mayDecideVerifications(actor));
}

/** Whether this reading of a request's files is staff's (and so audited), not the owner's own. */
export function isStaffReading(actor: Actor, r: { userId: number }): boolean {
  return actor !== null && actor.id !== r.userId;
}
