import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { queryOne as one } from '../../platform/http/listing.ts';
import { page, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { MINE_FILTER_KEYS, type MineFilter } from './mine.ts';
import { MyContestEntriesPage, MyContestsPage } from './mine-views.tsx';

/** `?status=` as a filter of /my/contests ('' for all: anything else is all too, never an error page). */
export const mineFilterOf = (raw: unknown): MineFilter | '' => {
  const v = one(raw);
  return (MINE_FILTER_KEYS as string[]).includes(v) ? (v as MineFilter) : '';
};
/** `?before=` (the older page's key), or undefined. */
const beforeOf = (raw: unknown) => parseId(one(raw)) ?? undefined;

/**
 * "My contests" (the owner: every state, a filter, the next step) and "my entries" (the contestant: the contests
 * entered, the places won and their handover), both signed in only (a visitor is sent to sign in).
 */
export function contestsMinePages(app: FastifyInstance, services: Services, deps: Pick<Deps, 'clock'>): void {
  const { contestsMine } = services;

  page(app, 'GET', '/my/contests', async (req, reply) => {
    const user = requireUser(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const filter = mineFilterOf(q.status);
    const [list, counts] = await Promise.all([
      contestsMine.owned(user.id, { filter: filter || undefined, before: beforeOf(q.before) }),
      contestsMine.ownedCounts(user.id),
    ]);
    const older = list.next
      ? `/my/contests?${new URLSearchParams({ ...(filter ? { status: filter } : {}), before: String(list.next) })}`
      : null;
    return sendHtml(
      reply,
      <MyContestsPage c={viewCtx(req)} items={list.items} filter={filter} counts={counts} older={older} now={deps.clock()} />,
    );
  });

  page(app, 'GET', '/my/contest-entries', async (req, reply) => {
    const user = requireUser(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const list = await contestsMine.entered(user.id, { before: beforeOf(q.before) });
    const older = list.next ? `/my/contest-entries?before=${list.next}` : null;
    return sendHtml(reply, <MyContestEntriesPage c={viewCtx(req)} items={list.items} older={older} now={deps.clock()} />);
  });
}
