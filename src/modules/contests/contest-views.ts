import { sql } from 'drizzle-orm';
import { serverSecret } from '../../config.ts';
import type { Deps } from '../../platform/deps.ts';
import { createViewCounter, type ViewTarget, viewerKey } from '../../platform/views.ts';
import { contestViewCounts, PUBLIC_CONTEST_STATUSES } from './policy.ts';

/** A contest's views: once per viewer and day (contest_view_days), while it is public (platform/views.ts). */
export const CONTEST_VIEWS: ViewTarget = {
  table: 'contests',
  countColumn: 'views',
  dedupeTable: 'contest_view_days',
  idColumn: 'contest_id',
  countable: sql`t.status IN (${sql.join(
    PUBLIC_CONTEST_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})`,
};

/**
 * The contests' view counter: the page and the API record a view in a buffer (memory, or Redis with REDIS_URL),
 * never a write on the request's path; the worker, each instance's timer and the server's close count them.
 */
export function createContestViews(deps: Pick<Deps, 'db' | 'clock' | 'config'>) {
  const { db, clock, config } = deps;
  const counter = createViewCounter(db, CONTEST_VIEWS, { redisUrl: config.redisUrl, redisPrefix: 'kafiil:cv', clock });
  const secret = serverSecret(config);
  return {
    /** A view of `k` by the request's viewer: recorded for the next flush, unless it is the owner's or `k` is not public. */
    record(
      k: { id: number; status: string; ownerId: number },
      user: { id: number } | null,
      ip: string,
      userAgent: string | undefined,
    ): void {
      if (contestViewCounts(user?.id ?? null, k)) counter.record(k.id, viewerKey(secret, user, ip, userAgent));
    },
    /** Counts every view waiting and forgets dedupe rows older than yesterday. */
    flush: (now: Date = clock()): Promise<number> => counter.flush(now),
    close: (): Promise<void> => counter.close(),
  };
}

export type ContestViews = ReturnType<typeof createContestViews>;
