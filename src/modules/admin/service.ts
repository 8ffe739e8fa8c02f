import { desc, lt } from 'drizzle-orm';
import { auditLog } from '../../platform/db/tables.ts';
import type { Deps } from '../../platform/deps.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { requireStaff } from '../accounts/index.ts';

/** Staff-only reads that span the platform. Writes live in each module's own service. */
export function createAdminService(deps: Deps) {
  return {
    async auditTrail(actor: AuthUser, q: { cursor?: number; limit?: number }) {
      requireStaff(actor);
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
      const rows = await deps.db
        .select()
        .from(auditLog)
        .where(q.cursor ? lt(auditLog.id, q.cursor) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return { items: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
