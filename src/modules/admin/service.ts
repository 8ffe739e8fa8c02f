import { and, desc, eq, gte, ilike, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser, Origin } from '../../platform/http/auth.ts';
import { auditLog, users } from '../../schema.ts';
import { legalExport, type UserDataSection } from './legal-export.ts';
import { mayExportUserData, maySearchAudit } from './policy.ts';

/** The filters of the audit log search; every one optional, all strings as typed (the form keeps them). */
export interface AuditQuery {
  /** A username (with or without @) or a user id. */
  actor?: string;
  /** An exact action (`user.view`), or a prefix: `wallet.` / `wallet*`, or a bare family (`wallet` = `wallet.…`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** YYYY-MM-DD, whole days in UTC (the dates the page shows), both inclusive. */
  from?: string;
  to?: string;
  /** Free text inside the row's data (reason, note, before/after…). */
  q?: string;
  cursor?: number;
  limit?: number;
}

export const AUDIT_FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to', 'q'] as const;

/** Refuses (`auth.required` for nobody, `auth.forbidden` for anyone else) unless the policy rule allows the actor. */
function enforce(actor: AuthUser | null, rule: (a: AuthUser) => boolean): asserts actor is AuthUser {
  if (!actor) throw new AppError('auth.required');
  if (!rule(actor)) throw new AppError('auth.forbidden');
}

/** The audit log is for admins only (not moderators, finance or support). */
export function requireAdmin(actor: AuthUser | null): asserts actor is AuthUser {
  enforce(actor, maySearchAudit);
}

const likeEscape = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** A YYYY-MM-DD day at 00:00 UTC, or null when it is not a real date. */
function day(raw: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const d = new Date(`${raw}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw ? null : d;
}

/** The WHERE conditions of an audit search; a malformed filter is a field error, never a silent "no filter". */
function auditConditions(q: AuditQuery): { conds: SQL[]; actorName: string | null } {
  const conds: SQL[] = [];
  const fields: Record<string, string> = {};
  let actorName: string | null = null;
  const actor = (q.actor ?? '').trim().replace(/^@/, '').toLowerCase();
  if (actor) {
    if (/^\d{1,9}$/.test(actor)) conds.push(eq(auditLog.actorId, Number(actor)));
    else if (/^[a-z0-9_]{1,30}$/.test(actor)) actorName = actor;
    else fields.actor = 'admin.audit_actor_invalid';
  }
  const action = (q.action ?? '').trim();
  if (action) {
    if (!/^[a-z0-9_.]{1,60}\*?$/.test(action)) fields.action = 'admin.audit_action_invalid';
    else if (action.endsWith('*') || action.endsWith('.')) conds.push(like(auditLog.action, `${likeEscape(action.replace(/\*$/, ''))}%`));
    else conds.push(or(eq(auditLog.action, action), like(auditLog.action, `${likeEscape(action)}.%`)) as SQL);
  }
  const targetType = (q.targetType ?? '').trim();
  if (targetType) conds.push(eq(auditLog.targetType, targetType.slice(0, 40)));
  const targetId = (q.targetId ?? '').trim();
  if (targetId) conds.push(eq(auditLog.targetId, targetId.slice(0, 60)));
  const from = q.from ? day(q.from) : null;
  if (q.from && !from) fields.from = 'admin.audit_date_invalid';
  if (from) conds.push(gte(auditLog.createdAt, from));
  const to = q.to ? day(q.to) : null;
  if (q.to && !to) fields.to = 'admin.audit_date_invalid';
  else if (from && to && to < from) fields.to = 'admin.audit_range_invalid';
  // `to` is inclusive: everything before the next day.
  if (to) conds.push(lt(auditLog.createdAt, new Date(to.getTime() + 86_400_000)));
  const text = (q.q ?? '').trim();
  if (text) conds.push(ilike(sql`${auditLog.data}::text`, `%${likeEscape(text.slice(0, 100))}%`));
  if (q.cursor) conds.push(lt(auditLog.id, q.cursor));
  if (Object.keys(fields).length) throw invalid(fields);
  return { conds, actorName };
}

/**
 * Staff-only reads that span the platform. Writes live in each module's own service. `sections`: each module's part
 * of a legal export (its manifest's `userData`), given by app.ts from MODULES.
 */
export function createAdminService(deps: Deps, sections: readonly UserDataSection[]) {
  const { db } = deps;
  return {
    /**
     * The append-only audit log, newest first, searched by admins: who, what, which target, when, free text in
     * its data. Keyset pages by id (`cursor` = the last id seen).
     */
    async auditTrail(actor: AuthUser, q: AuditQuery) {
      requireAdmin(actor);
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
      const { conds, actorName } = auditConditions(q);
      if (actorName) conds.push(eq(users.username, actorName));
      const rows = await db
        .select({
          id: auditLog.id,
          actorId: auditLog.actorId,
          actorUsername: users.username,
          action: auditLog.action,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          data: auditLog.data,
          ip: auditLog.ip,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit).map((r) => ({ ...r, why: whyOf(r.data) }));
      return { items: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },

    /** An admin's export of everything held about a user for a recorded legal request; audited (policy 2). */
    legalExport: (actor: AuthUser, userId: number, input: { reference?: unknown; reason?: unknown }, origin: Origin) => {
      enforce(actor, mayExportUserData);
      return legalExport(deps, sections, actor, userId, input, origin);
    },
  };
}

/** The reason or note a staff action was given, when its row has one. */
function whyOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  for (const k of ['reason', 'note']) if (typeof d[k] === 'string' && d[k]) return d[k] as string;
  return null;
}

export type AdminService = ReturnType<typeof createAdminService>;
