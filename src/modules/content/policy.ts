import { can } from '../../platform/staff.ts';

/** Who may do what with the site's content (one function per rule; policy.test.ts is the table). */
type Actor = { roles: readonly string[] } | null;

/** Publish a new version of the privacy policy or the terms. */
export function mayPublishPolicy(actor: Actor): boolean {
  return can(actor, 'admin');
}

/** Read the messages sent through the contact page. */
export function mayReadContactMessages(actor: Actor): boolean {
  return can(actor, 'staff_area');
}
