import { AppError } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { can, requirePermission } from '../../platform/staff.ts';

/**
 * Who may see or do what with accounts (DESIGN.md "Rules of the house": one function per action, staff
 * abilities from the one map in platform/staff.ts). What a user does to their own account (profile, password,
 * sessions, two-factor) needs no rule here: those use cases only ever touch the actor's own row.
 */

export interface Actor {
  id: number;
  roles: readonly string[];
}

/** The admin area (the users list, a user's record, policies, contact messages): every staff role. */
export function mayOpenStaffArea(actor: Actor | null | undefined): boolean {
  return can(actor, 'staff_area');
}

/** The list of all accounts, searchable by email and filtered by staff role: staff. */
export function mayListUsers(actor: Actor | null | undefined): boolean {
  return can(actor, 'staff_area');
}

/**
 * One account's private record (email, roles, sign-ins, policy acceptances) as staff see it: staff with the
 * staff area. Every such read is audited (policy 2). Users see their own private fields only as `selfView`.
 */
export function mayViewUserRecord(actor: Actor | null | undefined): boolean {
  return can(actor, 'staff_area');
}

/** Granting and removing staff roles: admins only. */
export function mayChangeRoles(actor: Actor | null | undefined): boolean {
  return can(actor, 'admin');
}

/** An admin may take the admin role from anyone but themselves (the platform never loses its last admin that way). */
export function mayRemoveAdminRoleOf(actor: Actor | null | undefined, userId: number): boolean {
  return mayChangeRoles(actor) && actor?.id !== userId;
}

/** Refuses unless the rule allows the actor: `auth.required` for nobody, `auth.forbidden` for anyone else. */
export function enforce<A extends Actor>(actor: A | null | undefined, rule: (actor: A) => boolean): asserts actor is A {
  if (!actor) throw new AppError('auth.required');
  if (!rule(actor)) throw new AppError('auth.forbidden');
}

/** The guard of the staff area: `auth.required` for nobody, `auth.forbidden` without the staff-area permission. */
export function requireStaff(actor: AuthUser | null): asserts actor is AuthUser {
  requirePermission(actor, 'staff_area');
}
