import { and, desc, eq, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser, Origin } from '../../../platform/http/auth.ts';
import { isStaffRole, type Permission, ROLE_PERMISSIONS, STAFF_ROLES } from '../../../platform/staff.ts';
import { normalizeText } from '../../../platform/text.ts';
import { enforce, mayChangeRoles, mayListUsers, mayRemoveAdminRoleOf, mayViewUserRecord } from '../policy.ts';
import { loginEvents, policyAcceptances, users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';

/** Staff work on accounts: the users list, one account's record (audited), and staff roles. */
export function staffService(ctx: AccountsContext) {
  const { db, clock, byId } = ctx;
  return {
    /** A user's staff roles ([] for everyone else), or null when there is no such user. */
    async rolesOf(userId: number, tx: DbOrTx = db): Promise<string[] | null> {
      const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
      return u ? u.roles : null;
    },

    /** The active staff accounts that may do this (whom a module tells of work waiting for them), at most 100. */
    async staffIdsWith(permission: Permission, tx: DbOrTx = db): Promise<number[]> {
      const roles = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
      if (!roles.length) return [];
      const rows = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(isNull(users.deactivatedAt), or(...roles.map((r) => sql`${users.roles} @> ${JSON.stringify([r])}::jsonb`))))
        .orderBy(users.id)
        .limit(100);
      return rows.map((r) => r.id);
    },

    async adminList(actor: AuthUser, q: { q?: string; role?: string; limit?: number; cursor?: number }) {
      enforce(actor, mayListUsers);
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
      const conds = [];
      const needle = (q.q ?? '').trim().toLowerCase();
      if (needle) {
        const like = `%${needle.replace(/[%_\\]/g, '\\$&')}%`;
        conds.push(or(ilike(users.email, like), ilike(users.username, like), ilike(users.searchText, `%${normalizeText(needle)}%`)));
      }
      if (q.role && isStaffRole(q.role)) conds.push(sql`${users.roles} @> ${JSON.stringify([q.role])}::jsonb`);
      if (q.cursor) conds.push(lt(users.id, q.cursor));
      const rows = await db
        .select()
        .from(users)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(users.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return { items: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },

    /** A staff member's view of one account; the read itself is audited (policy 2). */
    async adminView(actor: AuthUser, userId: number, origin: Origin) {
      enforce(actor, mayViewUserRecord);
      const u = await byId(userId);
      const acceptances = await db
        .select()
        .from(policyAcceptances)
        .where(eq(policyAcceptances.userId, userId))
        .orderBy(desc(policyAcceptances.acceptedAt));
      const logins = await db
        .select()
        .from(loginEvents)
        .where(eq(loginEvents.userId, userId))
        .orderBy(desc(loginEvents.createdAt))
        .limit(20);
      await audit(db, { actorId: actor.id, action: 'user.view', targetType: 'user', targetId: userId, ip: origin.ip });
      return { user: u, acceptances, logins };
    },

    /** Only an admin changes roles; each change is audited. An admin cannot remove their own admin role. */
    async setRoles(actor: AuthUser, userId: number, roles: string[], origin: Origin): Promise<UserRow> {
      enforce(actor, mayChangeRoles);
      const clean = [...new Set(roles)].filter(isStaffRole).sort();
      if (clean.length !== new Set(roles).size) throw invalid({ roles: 'admin.role_unknown' });
      if (!clean.includes('admin') && !mayRemoveAdminRoleOf(actor, userId)) throw new AppError('admin.cannot_drop_own_admin');
      return db.transaction(async (tx) => {
        const before = await byId(userId, tx);
        const [u] = await tx.update(users).set({ roles: clean, updatedAt: clock() }).where(eq(users.id, userId)).returning();
        await audit(tx, {
          actorId: actor.id,
          action: 'user.roles',
          targetType: 'user',
          targetId: userId,
          data: { before: before.roles, after: clean },
          ip: origin.ip,
        });
        return u;
      });
    },
  };
}
