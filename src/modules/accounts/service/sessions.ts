import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { newToken, sha256 } from '../../../platform/crypto.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AuthUser, Origin } from '../../../platform/http/auth.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { authTokens, sessions, users } from '../schema.ts';
import type { AccountsContext, SessionKind } from './context.ts';

/** A new session for a user who passed every check; only the token's hash is stored. */
export async function createSession(ctx: AccountsContext, tx: DbOrTx, userId: number, kind: SessionKind, origin: Origin): Promise<string> {
  const token = newToken();
  await tx.insert(sessions).values({
    userId,
    tokenHash: sha256(token),
    kind,
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(ctx.clock().getTime() + ctx.sessionMs),
  });
  return token;
}

/** Open sessions: resolving a token, listing and signing out of them, and forgetting expired ones. */
export function sessionsService(ctx: AccountsContext) {
  const { db, clock } = ctx;
  return {
    /** The user behind a session token, or null when it is unknown, revoked or expired. */
    async resolveSession(token: string, kind: SessionKind): Promise<AuthUser | null> {
      if (!token || token.length > 100) return null;
      const [row] = await db
        .select({ s: sessions, u: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, sha256(token)), eq(sessions.kind, kind), isNull(sessions.revokedAt)));
      const now = clock();
      if (!row || row.s.expiresAt <= now) return null;
      if (now.getTime() - row.s.lastSeenAt.getTime() > 5 * 60_000) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.s.id));
        await db.update(users).set({ lastSeenAt: now }).where(eq(users.id, row.u.id));
      }
      return {
        id: row.u.id,
        username: row.u.username,
        displayName: row.u.displayName,
        email: row.u.email,
        roles: row.u.roles,
        emailVerified: row.u.emailVerifiedAt !== null,
        locale: row.u.locale as Locale,
        sessionId: row.s.id,
        mustChangePassword: row.u.mustChangePassword,
      };
    },

    async logout(actor: AuthUser): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
    },

    async listSessions(actor: AuthUser) {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, actor.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, clock())))
        .orderBy(desc(sessions.lastSeenAt));
      return rows.map((s) => ({
        id: s.id,
        kind: s.kind as SessionKind,
        ip: s.ip,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        current: s.id === actor.sessionId,
      }));
    },

    /** Signs one of the actor's own sessions out; anyone else's is `session.not_found`. */
    async revokeSession(actor: AuthUser, sessionId: number): Promise<void> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      if (rows.length === 0) throw new AppError('session.not_found');
    },

    async revokeOtherSessions(actor: AuthUser): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.userId, actor.id), isNull(sessions.revokedAt), sql`${sessions.id} <> ${actor.sessionId}`))
        .returning({ id: sessions.id });
      return rows.length;
    },

    /** Housekeeping for `run-due` and the worker: forgets expired tokens and sessions. */
    async purgeExpired(now: Date): Promise<{ tokens: number; sessions: number }> {
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const t = await db.delete(authTokens).where(lt(authTokens.expiresAt, dayAgo)).returning({ id: authTokens.id });
      const s = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(lt(sessions.expiresAt, now), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return { tokens: t.length, sessions: s.length };
    },
  };
}
