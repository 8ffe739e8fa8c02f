// The cost of sponsored services on the hot path (issue 19): the services search page with its sponsored slots
// (a search of the promoted services that match each page's search and filters, the rotation, the cards put in the
// cached page's markers, the impressions counted in memory) against the same page with no promotion running.
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import { promotions } from '../src/modules/promotions/schema.ts';
import { queryRows } from '../src/platform/db/index.ts';
import type { Deps } from '../src/platform/deps.ts';
import { line } from './kit.ts';

const CONNECTIONS = 50;
const pct = (w: autocannon.Result, a: autocannon.Result, b: autocannon.Result) =>
  `${((w.requests.average / Math.max(1, (a.requests.average + b.requests.average) / 2)) * 100).toFixed(0)}%`;
/** Promoted services: some that match each search of the case, and as many others that match none of them. */
const MATCHING_PER_SEARCH = 25;
const OTHERS = 300;

export async function sponsoredCase(
  base: string,
  services: Services,
  deps: Deps,
  searches: [q: string, category: string][],
  ids: { first: number; last: number },
  duration: number,
  idle: () => Promise<void>,
) {
  // The tidy addresses the pages answer at (an untidy one is a redirect).
  const pages = searches.map(([q, category]) => `/services?q=${encodeURIComponent(q)}&category=${category}`);
  const run = async (headers: Record<string, string> = {}) => {
    const r = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      workers: 1,
      requests: pages.map((p) => ({ method: 'GET' as const, path: p, headers })),
    });
    await idle();
    return r;
  };
  const sponsoredOn = async (p: string) => ((await (await fetch(base + p)).text()).match(/data-testid="sponsored-mark"/g) ?? []).length;

  const without = await run();
  const withoutHx = await run({ 'hx-request': 'true' });

  // Promotions running now (rows written straight in: the case measures showing them, not buying them).
  const matching = new Set<number>();
  for (const [q, category] of searches) {
    const r = (await (
      await fetch(`${base}/api/v1/services?q=${encodeURIComponent(q)}&category=${category}&limit=${MATCHING_PER_SEARCH}`)
    ).json()) as {
      items: { id: number }[];
    };
    for (const s of r.items) matching.add(s.id);
  }
  const others = Array.from({ length: OTHERS }, (_, k) => ids.first + Math.floor(((ids.last - ids.first) * (k + 0.5)) / OTHERS)).filter(
    (id) => !matching.has(id),
  );
  const now = deps.clock();
  const ends = new Date(now.getTime() + 7 * 86_400_000);
  const rows = [...matching, ...others].map((serviceId) => ({
    serviceId,
    sellerId: 1,
    paidWith: 'points',
    pointsSpent: 500,
    state: 'active',
    startsAt: now,
    endsAt: ends,
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await deps.db
      .insert(promotions)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  // The running list is read again within 5 s.
  await new Promise((r) => setTimeout(r, 6000));
  const shown = await Promise.all(pages.map(sponsoredOn));
  console.log(
    `  sponsored: ${rows.length} promotions running (${matching.size} matching the ${searches.length} searches, ${others.length} others); ` +
      `sponsored cards on the pages: ${shown.join(', ')}; ${CONNECTIONS} connections`,
  );
  const withSlots = await run();
  const withSlotsHx = await run({ 'hx-request': 'true' });
  const flushed = await services.promotions.flush();
  // And without again (the promotions ended), so a warmer server or a quieter machine favours neither side.
  await deps.db.update(promotions).set({ state: 'ended', endedAt: now });
  await new Promise((r) => setTimeout(r, 6000));
  const without2 = await run();
  const withoutHx2 = await run({ 'hx-request': 'true' });
  line('GET /services?q=… (visitor, cached) no promotions', without);
  line('GET /services?q=… (visitor, cached) with sponsored', withSlots);
  line('GET /services?q=… (visitor, cached) no promotions again', without2);
  line('GET /services?q=… (htmx, uncached) no promotions', withoutHx);
  line('GET /services?q=… (htmx, uncached) with sponsored', withSlotsHx);
  line('GET /services?q=… (htmx, uncached) no promotions again', withoutHx2);
  const [{ impressions }] = await queryRows<{ impressions: string }>(
    deps.db,
    sql`SELECT coalesce(sum(impressions), 0)::bigint AS impressions FROM promotions`,
  );
  console.log(
    `  sponsored / none (the mean of the two runs without): cached ${pct(withSlots, without, without2)}, ` +
      `uncached ${pct(withSlotsHx, withoutHx, withoutHx2)}; ` +
      `${impressions} impressions counted in memory, saved in batches (last flush: ${flushed} promotions)`,
  );
}
