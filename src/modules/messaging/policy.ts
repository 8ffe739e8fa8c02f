import { can } from '../../platform/staff.ts';

/** Who may read what in messaging (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** A conversation's messages: its members. */
export function mayReadConversation(actor: Actor, members: readonly number[]): boolean {
  return actor !== null && members.includes(actor.id);
}

/** Staff who open any conversation, stating a reason (every reading audited). */
export function mayReadAsStaff(actor: Actor): boolean {
  return can(actor, 'read_private');
}
