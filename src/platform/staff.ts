import { AppError } from './errors.ts';

/**
 * Staff roles and what each may do: the one map every module's policy reads (RULES.md "Staff roles").
 * A module never tests a role by name; it asks `can(actor, permission)`.
 */
export const STAFF_ROLES = ['admin', 'moderator', 'finance', 'support'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  /** Open the admin area (the users list, policies, contact messages). */
  'staff_area',
  /** Review services and projects, decide reports, sanction users, work moderation cases. */
  'moderate',
  /** Read a private conversation or order thread, stating a reason (audited). */
  'read_private',
  /** Decide an order's dispute: release, refund or split. */
  'resolve_disputes',
  /** Work the complaints (tickets) queue. */
  'support',
  /** Edit the search synonyms (words searched as one another: «لوجو» = «شعار» = logo). */
  'search_synonyms',
  /** Write the site's articles (the blog, the help centre): drafts, scheduling, publishing (RULES.md "Community and content"). */
  'content',
  /** Pay out withdrawals, confirm manual deposits, explore the ledger, pay damages from a freeze. */
  'finance',
  /** Settings, staff roles, categories, the audit log, legal exports, policy publishing. */
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  moderator: ['staff_area', 'moderate', 'read_private', 'resolve_disputes', 'search_synonyms'],
  support: ['staff_area', 'read_private', 'resolve_disputes', 'support'],
  finance: ['staff_area', 'finance'],
};

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Whether any of these roles carries a staff role. */
export function isStaff(actor: { roles: readonly string[] } | readonly string[] | null | undefined): boolean {
  if (!actor) return false;
  const roles = Array.isArray(actor) ? actor : (actor as { roles: readonly string[] }).roles;
  return roles.some(isStaffRole);
}

/** Whether someone with these roles may do this. */
export function can(actor: { roles: readonly string[] } | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return actor.roles.some((r) => isStaffRole(r) && ROLE_PERMISSIONS[r].includes(permission));
}

/** Refuses (`auth.required` for nobody, `auth.forbidden` otherwise) unless the actor may do this. */
export function requirePermission<T extends { roles: readonly string[] }>(
  actor: T | null | undefined,
  permission: Permission,
): asserts actor is T {
  if (!actor) throw new AppError('auth.required');
  if (!can(actor, permission)) throw new AppError('auth.forbidden');
}
