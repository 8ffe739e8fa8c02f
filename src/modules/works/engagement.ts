import { and, eq, inArray, sql } from 'drizzle-orm';
import { serverSecret } from '../../config.ts';
import { queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { translate } from '../../platform/i18n/index.ts';
import { notificationMailText } from '../../platform/mail-text.ts';
import { createViewCounter, type ViewTarget, viewerKey } from '../../platform/views.ts';
import { mayLikeWork, viewCounts } from './policy.ts';
import { LIKE_NOTICE_HOURS } from './rules.ts';
import { workLikes, works } from './schema.ts';
import type { WorksModules } from './service.ts';

/** A work's views: once per viewer and day (work_view_days), while it is published (platform/views.ts). */
export const WORK_VIEWS: ViewTarget = {
  table: 'works',
  countColumn: 'views_count',
  dedupeTable: 'work_view_days',
  idColumn: 'work_id',
  countable: sql`t.status = 'published'`,
};

/**
 * Likes and views of works. A like is one row per user and work (the primary key): liking is an INSERT … ON CONFLICT
 * DO NOTHING and unliking a DELETE, each moving `works.likes_count` in the same statement only when it changed a row,
 * so two clicks at once make one like. A view is recorded in a buffer (memory, or Redis with REDIS_URL), never in the
 * database on the request's path; `flushViews` (the worker, every instance's timer, and the server's close) counts
 * them once per viewer per day (platform/views.ts).
 */
export function createWorkEngagement(
  deps: Deps,
  m: Pick<WorksModules, 'notifications' | 'accounts'> & {
    /** A like changed a count: the works' cached reads start again (reads.ts). */
    changed?: () => void;
  },
) {
  const { db, clock, config } = deps;
  // The Redis keys are the works' own (kafiil:wv:{day}), as before the counter was shared.
  const views = createViewCounter(db, WORK_VIEWS, { redisUrl: config.redisUrl, redisPrefix: 'kafiil:wv', clock });
  const secret = serverSecret(config);

  async function target(id: number) {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('work.not_found');
    const [w] = await db
      .select({ id: works.id, ownerId: works.ownerId, status: works.status, title: works.title })
      .from(works)
      .where(eq(works.id, id));
    if (!w) throw new AppError('work.not_found');
    return w;
  }

  async function countOf(id: number): Promise<number> {
    const [w] = await db.select({ n: works.likesCount }).from(works).where(eq(works.id, id));
    return w?.n ?? 0;
  }

  const engagement = {
    /**
     * `actor` likes a published work that is not their own (`work.like_own`, 422). Liking it again changes nothing.
     * The owner is told — in the app and, unless switched off (topic `works`), by mail — of the first like after a
     * quiet LIKE_NOTICE_HOURS, not of every like.
     */
    async like(actor: AuthUser, id: number): Promise<{ likesCount: number; liked: true }> {
      const w = await target(id);
      const may = mayLikeWork(actor, w);
      if (may === 'own') throw new AppError('work.like_own');
      if (may !== 'ok') throw new AppError('work.not_found');
      const now = clock();
      const count = await db.transaction(async (tx) => {
        const [moved] = await queryRows<{ likes_count: number }>(
          tx,
          sql`WITH ins AS (
                INSERT INTO work_likes (work_id, user_id, created_at) VALUES (${w.id}, ${actor.id}, ${now})
                ON CONFLICT DO NOTHING RETURNING work_id)
              UPDATE works SET likes_count = likes_count + 1 FROM ins WHERE works.id = ins.work_id RETURNING works.likes_count`,
        );
        if (!moved) return null;
        const quiet = new Date(now.getTime() - LIKE_NOTICE_HOURS * 3_600_000);
        const [tell] = await tx
          .update(works)
          .set({ likeNoticeAt: now })
          .where(and(eq(works.id, w.id), sql`(${works.likeNoticeAt} IS NULL OR ${works.likeNoticeAt} < ${quiet})`))
          .returning({ ownerId: works.ownerId, title: works.title });
        if (tell) {
          const params = { title: tell.title, name: actor.displayName, count: Number(moved.likes_count) };
          await m.notifications.notify(tx, {
            userId: tell.ownerId,
            type: 'work.liked',
            params,
            url: `/works/${w.id}`,
            mail: (to) => ({
              to: to.email,
              subject: translate(to.locale, 'mail.work_liked.subject', params),
              text: notificationMailText({
                locale: to.locale,
                baseUrl: config.baseUrl,
                name: to.name,
                news: translate(to.locale, 'notification.work.liked', params),
                path: `/works/${w.id}`,
              }),
            }),
          });
        }
        return Number(moved.likes_count);
      });
      if (count !== null) {
        m.changed?.();
        deps.outbox.kick();
      }
      return { likesCount: count ?? (await countOf(w.id)), liked: true };
    },

    /** `actor` takes their like back (nothing happens when there was none). */
    async unlike(actor: AuthUser, id: number): Promise<{ likesCount: number; liked: false }> {
      const w = await target(id);
      if (w.status !== 'published' && w.ownerId !== actor.id) throw new AppError('work.not_found');
      const [moved] = await queryRows<{ likes_count: number }>(
        db,
        sql`WITH del AS (DELETE FROM work_likes WHERE work_id = ${w.id} AND user_id = ${actor.id} RETURNING work_id)
            UPDATE works SET likes_count = greatest(likes_count - 1, 0) FROM del WHERE works.id = del.work_id RETURNING works.likes_count`,
      );
      if (moved) m.changed?.();
      return { likesCount: moved ? Number(moved.likes_count) : await countOf(w.id), liked: false };
    },

    /** Which of these works `userId` likes. */
    async likedBy(userId: number | null, ids: number[]): Promise<Set<number>> {
      if (userId === null || ids.length === 0) return new Set();
      const rows = await db
        .select({ id: workLikes.workId })
        .from(workLikes)
        .where(and(eq(workLikes.userId, userId), inArray(workLikes.workId, [...new Set(ids)])));
      return new Set(rows.map((r) => Number(r.id)));
    },

    /** Who a view is by: a signed-in user, or a visitor by a keyed hash of their address and browser (neither kept). */
    viewerKey(user: { id: number } | null, ip: string, userAgent: string | undefined): string {
      return viewerKey(secret, user, ip, userAgent);
    },

    /** A view of `w` by `viewer` (viewerKey): recorded for the next flush, unless it is the owner's or not public. */
    recordView(w: { id: number; status: string; ownerId: number }, viewerId: number | null, viewer: string): void {
      if (viewCounts(viewerId, w)) views.record(w.id, viewer);
    },

    /** Counts every view waiting and forgets dedupe rows older than yesterday (platform/views.ts). */
    flushViews: (now: Date = clock()): Promise<number> => views.flush(now),

    /** Counts what is left and lets go of the buffer (the server's close). */
    close: (): Promise<void> => views.close(),
  };
  return engagement;
}

export type WorkEngagement = ReturnType<typeof createWorkEngagement>;
