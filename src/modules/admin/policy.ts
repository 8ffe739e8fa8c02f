import { can } from '../../platform/staff.ts';

/** Who may use the admin area's cross-module tools (one function per rule; policy.test.ts is the table). */
type Actor = { roles: readonly string[] } | null;

/** Search the audit log. */
export function maySearchAudit(actor: Actor): boolean {
  return can(actor, 'admin');
}

/** Export a user's data for a recorded legal request. */
export function mayExportUserData(actor: Actor): boolean {
  return can(actor, 'admin');
}

/** The link from a user's record to their sanctions page. */
export function mayOpenSanctions(actor: Actor): boolean {
  return can(actor, 'moderate');
}
