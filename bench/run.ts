// `npm run bench`: requests per second on a few routes, served by the real app in this process.
// Embedded PGlite always; PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set: a fresh database
// is created beside it, seeded with 100,000 services (BENCH_SERVICES), measured, and dropped. Loopback only, bounded.
//
// The catalog cases (issue 4): search (Arabic queries + a category filter) as a page and through the API, the
// service page, and a baseline that renders a page of the same size in the same layout without touching the
// database — at 50 connections, with the load generated in a worker thread. Targets: search p99 ≤ 100 ms, the
// service page ≥ 50% of the baseline's requests/s, each page ≤ 60 KB over the wire (HTML + CSS + JS, brotli).
//
// The messaging case (bench/live.ts): messages per second sent through the API and fanned out to 1,000 open
// event streams, with the delivery latency. BENCH_ONLY=live runs just that case (no services seeded).
//
// The orders case (bench/orders.ts): orders placed per second (POST /api/v1/orders, each with its own
// Idempotency-Key, by a few hundred buyers funded through the sandbox), then the ledger checked; and the order page's
// throughput (web and API). BENCH_ONLY=orders runs just that case (services are seeded: the orders are for them).
// BENCH_ONLY=catalog runs just the services cases. BENCH_ONLY=sponsored: the services search page with sponsored slots
// (promotions running, some matching each search) against the same page with none (bench/sponsored.ts).
//
// The projects case (bench/projects.ts): open projects searched and listed (page and API) and the project page,
// over 20,000 projects on PostgreSQL (1,000 on PGlite). BENCH_ONLY=projects runs just that case.
//
// The contests case (bench/contests.ts, issue 16): the contests' list (newest, ending, prize, Arabic searches; page
// and API) and a contest's page (500 entries and a typical one, anonymous and signed in), over 10,000 contests and
// 100,000 entries on PostgreSQL (300 / 3,000 on PGlite). BENCH_ONLY=contests runs just that case.
// The people case (bench/people.ts): the freelancers directory (page and API: default, filters, Arabic searches) and
// the profile page, over 20,000 freelancers on PostgreSQL (1,000 on PGlite). BENCH_ONLY=people runs just that case.
// The works case (bench/works.ts, issue 17): the portfolio list (best, newest, most viewed, most liked, a category, a
// skill, Arabic searches; page and API) and a work's page (anonymous and signed in), over 100,000 works by 20,000
// owners on PostgreSQL (2,000 by 200 on PGlite). BENCH_ONLY=works runs just that case.
//
// The community case (bench/community.ts, issue 18): the community's front page (most active, newest, a section,
// Arabic searches), the question bank, the API's list and a topic with 500 comments (page and API), over 20,000
// discussions and 2,000 questions on PostgreSQL (1,000 / 100 on PGlite). BENCH_ONLY=community runs just that case.
//
// The page-weight case (bench/page-weight.ts, also `npm run -s bench:weight`): each main page's first visit in
// Chromium, the compressed bytes over the wire, with and without content images (target ≤ 70 KB without them).
// BENCH_ONLY=weight runs just that case.
//
// The search case (bench/search.ts, issue 15), BENCH_ONLY=search only: ≥ 240 varied searches, API and page, one at a
// time at 10k, 100k and 1M services on PostgreSQL (BENCH_SEARCH_SIZES, BENCH_SEARCH_URLS or BENCH_DATABASE_URL).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedBulkServices } from '../src/modules/catalog/demo.ts';
import { sendHtml, viewCtx } from '../src/platform/http/pages.ts';
import { closeDeps, openDeps } from '../src/platform/runtime.ts';
import { seedBase } from '../src/seed.ts';
import { Layout } from '../src/web/layout.tsx';
import { communityCase } from './community.ts';
import { contestsCase } from './contests.ts';
import { line } from './kit.ts';
import { liveCase } from './live.ts';
import { ordersCase } from './orders.ts';
import { peopleCase } from './people.ts';
import { projectsCase } from './projects.ts';
import { sponsoredCase } from './sponsored.ts';
import { worksCase } from './works.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CATALOG_CONNECTIONS = 50;
const PG_SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const PGLITE_SERVICES = Number(process.env.BENCH_PGLITE_SERVICES ?? 1_000);
const TARGETS = { searchP99Ms: 100, serviceVsBaseline: 0.5, pageKb: 60 };
const ONLY_LIVE = process.env.BENCH_ONLY === 'live';
const ONLY_ORDERS = process.env.BENCH_ONLY === 'orders';
/** BENCH_ONLY=catalog: the services search and service-page cases alone. */
const ONLY_CATALOG = process.env.BENCH_ONLY === 'catalog';
const ONLY_PROJECTS = process.env.BENCH_ONLY === 'projects';
const ONLY_CONTESTS = process.env.BENCH_ONLY === 'contests';
const ONLY_PEOPLE = process.env.BENCH_ONLY === 'people';
const ONLY_WORKS = process.env.BENCH_ONLY === 'works';
const ONLY_COMMUNITY = process.env.BENCH_ONLY === 'community';
const ONLY_WEIGHT = process.env.BENCH_ONLY === 'weight';
const ONLY_SEARCH = process.env.BENCH_ONLY === 'search';
/** BENCH_ONLY=sponsored: the search page with sponsored slots against without (bench/sponsored.ts). */
const ONLY_SPONSORED = process.env.BENCH_ONLY === 'sponsored';

/** Arabic searches people make, each with a category filter (some typed without hamza or with ه for ة). */
const SEARCHES: [q: string, category: string][] = [
  ['تصميم شعار', 'design'],
  ['ترجمة', 'writing-translation'],
  ['مونتاج فيديو', 'video'],
  ['متجر الكتروني', 'programming'],
  ['تعليق صوتي', 'audio'],
  ['اعلانات ممولة', 'marketing'],
  ['دراسة جدوى', 'business'],
  ['دروس خصوصيه', 'training'],
];

/** GET a path, following same-site redirects, and return where it ended (the tidy, canonical address). */
async function settle(base: string, p: string): Promise<{ path: string; status: number }> {
  let current = p;
  for (let i = 0; i < 4; i++) {
    const res = await fetch(base + current, { redirect: 'manual' });
    await res.arrayBuffer();
    const to = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !to) return { path: current, status: res.status };
    const u = new URL(to, base);
    current = u.pathname + u.search;
  }
  return { path: current, status: 0 };
}

/** Bytes on the wire (as sent, compressed) of one GET with `accept-encoding: br, gzip`. */
function wireGet(base: string, p: string): Promise<{ bytes: number; body: string; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers['content-encoding'] ?? 'identity');
          const body = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
          resolve({ bytes: raw.length, body: body.toString('utf8'), encoding });
        });
      })
      .on('error', reject);
  });
}

/**
 * A page's transfer size: the HTML plus the stylesheets and scripts it references (no images). Fonts the
 * stylesheets load are listed apart (not in the total).
 */
async function transfer(base: string, p: string) {
  const page = await wireGet(base, p);
  const refs = [
    ...[...page.body.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
    ...[...page.body.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]),
  ].map((u) => u.replace(/&amp;/g, '&'));
  let assets = 0;
  const parts: string[] = [];
  const fonts = new Set<string>();
  for (const ref of [...new Set(refs)]) {
    const a = await wireGet(base, ref);
    assets += a.bytes;
    parts.push(`${ref.split('?')[0].split('/').pop()} ${(a.bytes / 1024).toFixed(1)} KB ${a.encoding}`);
    for (const m of a.body.matchAll(/url\(["']?([^"')]+\.woff2)["']?\)/g)) fonts.add(new URL(m[1], base + ref).pathname);
  }
  let fontBytes = 0;
  for (const f of fonts) fontBytes += (await wireGet(base, f)).bytes;
  return {
    total: page.bytes + assets,
    detail:
      `HTML ${(page.bytes / 1024).toFixed(1)} KB ${page.encoding} (${(Buffer.byteLength(page.body) / 1024).toFixed(0)} KB raw)` +
      `${parts.length ? `, ${parts.join(', ')}` : ''}${fonts.size ? `; fonts apart: ${fonts.size} woff2, ${(fontBytes / 1024).toFixed(1)} KB` : ''}`,
  };
}

/**
 * The baseline: the site layout around static content of about `bytes` of HTML, built from ordinary elements
 * (so rendering it costs what rendering a real page of that size costs), without any database read.
 */
function baselineContent(bytes: number): ComponentChildren {
  const para =
    'هذه صفحة مرجعية لقياس الأداء: نص ثابت بحجم صفحة الخدمة وفي التخطيط نفسه، دون أي قراءة من قاعدة البيانات. تصميم شعار احترافي لشركتك، مونتاج فيديو، ترجمة، تعليق صوتي.';
  const block = (i: number) =>
    h('section', { class: 'card bg-base-100 shadow-sm mb-4', key: i }, [
      h('div', { class: 'card-body' }, [
        h('h2', { class: 'card-title text-lg' }, `قسم ${i + 1}`),
        h('p', { class: 'text-sm leading-relaxed' }, para),
        h(
          'ul',
          { class: 'list-disc ps-5 text-sm' },
          [0, 1, 2].map((j) => h('li', { key: j }, `عنصر ${j + 1} في القسم ${i + 1}`)),
        ),
        h('div', { class: 'card-actions justify-end' }, [
          h('a', { class: 'btn btn-primary btn-sm', href: `/services/${i + 1}` }, 'اطلب الآن'),
        ]),
      ]),
    ]);
  const per = Buffer.byteLength(renderToString(block(0)));
  const n = Math.max(1, Math.round(bytes / per));
  return h('div', { class: 'grid gap-4' }, [
    h('h1', { class: 'text-2xl font-bold' }, 'صفحة مرجعية'),
    ...Array.from({ length: n }, (_, i) => block(i)),
  ]);
}

async function catalogCases(
  base: string,
  ids: { first: number; last: number },
  baseline: { content: ComponentChildren },
  idle: () => Promise<void>,
) {
  // Service pages: 100 services spread over the whole range, at their canonical addresses.
  const servicePaths: string[] = [];
  for (let k = 0; k < 100; k++) {
    const id = ids.first + Math.floor(((ids.last - ids.first) * (k + 0.5)) / 100);
    const r = await settle(base, `/services/${id}`);
    if (r.status !== 200) {
      console.log(`  (service page /services/${id} answered ${r.status}: is GET /services/:id-:slug there yet? catalog cases skipped)`);
      return;
    }
    servicePaths.push(r.path);
  }
  const pagePaths: string[] = [];
  for (const [q, category] of SEARCHES) {
    const r = await settle(base, `/services?q=${encodeURIComponent(q)}&category=${category}`);
    if (r.status !== 200) {
      console.log(`  (search page answered ${r.status}: is GET /services there yet? catalog cases skipped)`);
      return;
    }
    pagePaths.push(r.path);
  }
  const apiPaths = SEARCHES.map(([q, category]) => `/api/v1/services?q=${encodeURIComponent(q)}&category=${category}`);

  // The baseline is as big as a service page: the layout (measured empty) plus content making up the rest.
  const htmlOf = (p: string) => fetch(base + p).then(async (r) => Buffer.byteLength(await r.text()));
  const sizes = await Promise.all(servicePaths.slice(0, 10).map(htmlOf));
  const avg = sizes.reduce((a, n) => a + n, 0) / sizes.length;
  baseline.content = null;
  const layout = await htmlOf('/__bench/baseline');
  baseline.content = baselineContent(avg - layout);
  const baselineSize = await htmlOf('/__bench/baseline');

  const hits = await fetch(base + apiPaths[0]).then((r) => r.json() as Promise<{ items: unknown[] }>);
  console.log(
    `  catalog: ${SEARCHES.length} Arabic searches with a category filter (e.g. «${SEARCHES[0][0]}» in ${SEARCHES[0][1]}: ${hits.items.length} on the first page); ` +
      `100 service pages (~${(avg / 1024).toFixed(0)} KB of HTML; baseline ${(baselineSize / 1024).toFixed(0)} KB); ${CATALOG_CONNECTIONS} connections, load from a worker thread`,
  );

  const run = async (paths: string[]) => {
    const r = await autocannon({
      url: base,
      connections: CATALOG_CONNECTIONS,
      duration: DURATION,
      workers: 1,
      requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
    });
    await idle();
    return r;
  };
  // The service page and its baseline first: a slow search leaves work behind that would weigh on them.
  const base1 = await run(['/__bench/baseline']);
  line('GET /__bench/baseline (same size, no database)', base1);
  const servicePage = await run(servicePaths);
  line('GET /services/:id-:slug (service page)', servicePage);
  const p99 = (r: autocannon.Result) =>
    r.requests.total === 0
      ? `none answered within ${DURATION} s`
      : `${r.latency.p99} ms${r.requests.total < 2 * CATALOG_CONNECTIONS ? ` (only ${r.requests.total} answered)` : ''}`;
  const meets = (r: autocannon.Result) => r.requests.total > 0 && r.latency.p99 <= TARGETS.searchP99Ms;
  const search = await run(pagePaths);
  line('GET /services?q=…&category=… (search page)', search, meets(search) ? '  ✓ p99' : '  ✗ p99');
  const api = await run(apiPaths);
  line('GET /api/v1/services?q=…&category=… (API)', api, meets(api) ? '  ✓ p99' : '  ✗ p99');
  const ratio = servicePage.requests.average / Math.max(1, base1.requests.average);
  console.log(
    `  service page / baseline: ${(ratio * 100).toFixed(0)}% (target ≥ ${TARGETS.serviceVsBaseline * 100}%) ${ratio >= TARGETS.serviceVsBaseline ? '✓' : '✗'}; ` +
      `search p99: page ${p99(search)}, API ${p99(api)} (target ≤ ${TARGETS.searchP99Ms} ms) ${meets(search) && meets(api) ? '✓' : '✗'}`,
  );

  console.log('  transfer size (brotli; HTML + the CSS and JS it references; no images):');
  for (const [name, p] of [
    ['search page', pagePaths[0]],
    ['service page', servicePaths[0]],
    ['baseline', '/__bench/baseline'],
  ] as const) {
    const t = await transfer(base, p);
    console.log(
      `    ${name.padEnd(13)} ${(t.total / 1024).toFixed(1).padStart(5)} KB ${t.total <= TARGETS.pageKb * 1024 ? '✓' : '✗'}  — ${t.detail}`,
    );
  }
}

async function bench(label: string, databaseUrl: string | null, serviceCount: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-bench-'));
  const config = { ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), databaseUrl };
  const deps = await openDeps(config, () => {});
  await seedBase(deps.db);
  const { app, services } = await buildApp(deps);
  // The baseline route exists only in the bench process; its content is sized once the service page is known.
  const baseline: { content: ComponentChildren } = { content: null };
  app.get('/__bench/baseline', async (req, reply) =>
    sendHtml(reply, Layout({ c: viewCtx(req), title: 'Baseline', children: baseline.content ?? h('p', null, '…') })),
  );
  let base = '';
  // When a case ends, up to 50 requests are still being answered (and PGlite may still be running their queries):
  // the next case starts once the server is quiet — the event loop free and a database-backed page quick.
  const idle = async () => {
    const started = performance.now();
    for (let quiet = 0; quiet < 3 && performance.now() - started < 180_000; ) {
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      await new Promise((r) => setImmediate(r));
      const lag = performance.now() - t0;
      const t1 = performance.now();
      await fetch(`${base}/privacy`).then((r) => r.arrayBuffer());
      quiet = lag < 5 && performance.now() - t1 < 50 ? quiet + 1 : 0;
    }
    const waited = (performance.now() - started) / 1000;
    if (waited > 3) console.log(`  (the server needed ${waited.toFixed(0)} s to finish the requests left from that case)`);
  };
  console.log(`\n${label}`);
  let ids = { first: 0, last: 0 };
  if (serviceCount > 0 && !ONLY_LIVE && !ONLY_PROJECTS && !ONLY_CONTESTS && !ONLY_PEOPLE && !ONLY_WORKS && !ONLY_COMMUNITY) {
    const r = await seedBulkServices(deps.db, serviceCount, { services, concurrency: deps.database.kind === 'postgres' ? 3 : 1 });
    ids = { first: r.firstId, last: r.lastId };
    console.log(
      `  seeded ${r.services} services by ${r.sellers} sellers in ${r.seconds.total} s (sellers ${r.seconds.sellers} s, images ${r.seconds.images} s, ` +
        `rows ${r.seconds.services} s, ${r.rebuiltIndexes ? 'search indexes + ' : ''}ANALYZE ${r.seconds.indexes} s)`,
    );
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const user = `bench_${Date.now().toString(36)}`;
  await services.accounts.createDemoUser({ email: `${user}@example.com`, username: user, password: 'benchmark passphrase 1' });
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: 'benchmark passphrase 1' }),
  });
  const { token } = (await login.json()) as { token: string };
  const cases: [string, autocannon.Options][] = [
    ['GET /healthz', { url: `${base}/healthz` }],
    ['GET / (home page, anonymous)', { url: `${base}/` }],
    ['GET /privacy (policy from the database)', { url: `${base}/privacy` }],
    ['GET /api/v1/me (Bearer session lookup)', { url: `${base}/api/v1/me`, headers: { authorization: `Bearer ${token}` } }],
    ['GET /api/v1/freelancers?q=… (directory search)', { url: `${base}/api/v1/freelancers?q=design` }],
  ];
  const only =
    ONLY_LIVE ||
    ONLY_ORDERS ||
    ONLY_CATALOG ||
    ONLY_PROJECTS ||
    ONLY_CONTESTS ||
    ONLY_PEOPLE ||
    ONLY_WORKS ||
    ONLY_COMMUNITY ||
    ONLY_SPONSORED;
  for (const [name, opts] of only ? [] : cases) {
    line(name, await autocannon({ ...opts, connections: 20, duration: DURATION }));
    await idle();
  }
  if (!only) await walletCases(base, services, token);
  await idle();
  if (!only || ONLY_LIVE) await liveCase(base, services, deps, DURATION);
  await idle();
  if (serviceCount > 0 && (!only || ONLY_CATALOG)) await catalogCases(base, ids, baseline, idle);
  if (serviceCount > 0 && (!only || ONLY_ORDERS)) await ordersCase(base, services, deps, ids, DURATION, idle);
  // Last of the services' cases: it leaves promotions running.
  if (serviceCount > 0 && (!only || ONLY_SPONSORED)) await sponsoredCase(base, services, deps, SEARCHES, ids, DURATION, idle);
  if (!only || ONLY_PROJECTS) await projectsCase(base, services, deps, DURATION, idle);
  if (!only || ONLY_CONTESTS) await contestsCase(base, services, deps, DURATION, idle);
  if (!only || ONLY_PEOPLE) await peopleCase(base, services, deps, DURATION, idle);
  if (!only || ONLY_WORKS) await worksCase(base, services, deps, DURATION, idle);
  if (!only || ONLY_COMMUNITY) await communityCase(base, services, deps, DURATION, idle);
  await app.close();
  await closeDeps(deps);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Balance-moving requests: $10 withdrawals (each with its own Idempotency-Key) by a user funded through the
 * sandbox gateway; then the ledger must still reconcile.
 */
async function walletCases(base: string, services: Awaited<ReturnType<typeof buildApp>>['services'], token: string) {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let i = 0; i < 10; i++) {
    const r = await fetch(`${base}/api/v1/wallet/deposits`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': `bench-dep-${Date.now()}-${i}` },
      body: JSON.stringify({ amountCents: 1_000_000, method: 'sandbox' }),
    });
    const url = new URL(((await r.json()) as { checkoutUrl: string }).checkoutUrl);
    await services.wallet.paySandbox(Number(url.pathname.split('/').pop()), url.searchParams.get('s') as string, '4242424242424242');
  }
  let n = 0;
  const r = await autocannon({
    url: `${base}/api/v1/wallet/withdrawals`,
    connections: 20,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          headers: { ...auth, 'idempotency-key': `bench-wd-${process.pid}-${++n}` },
          body: JSON.stringify({ amountCents: 1000, method: 'paypal', details: { email: 'bench@example.com' } }),
        }),
      },
    ],
  });
  line('POST /api/v1/wallet/withdrawals ($10 each, own key)', r);
  const [admin] = [{ id: 0, roles: ['finance'] }];
  const check = await services.wallet.reconcile(admin);
  console.log(`  ledger after the wallet case: ${check.ok ? 'reconciles' : 'DOES NOT RECONCILE'} (${check.transactions} transactions)`);
  if (!check.ok) process.exitCode = 1;
}

/** A new, empty database next to the one `url` names (dropped again by the returned function). */
async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kafiil_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

if (ONLY_SEARCH) {
  const { searchBench } = await import('./search.ts');
  if (!(await searchBench())) process.exitCode = 1;
}
if (!ONLY_WEIGHT && !ONLY_SEARCH) await bench(`Embedded PGlite (${PGLITE_SERVICES} services)`, null, PGLITE_SERVICES);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl && !ONLY_WEIGHT && !ONLY_SEARCH) {
  const db = await freshDatabase(pgUrl);
  try {
    await bench(
      `PostgreSQL (fresh database beside ${new URL(pgUrl).pathname.slice(1) || 'postgres'}, ${PG_SERVICES} services)`,
      db.url,
      PG_SERVICES,
    );
  } finally {
    await db.drop();
  }
} else if (!ONLY_WEIGHT && !ONLY_SEARCH) console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to measure it)');

// Last: the page weight (its own server with the demo data, and Chromium), when no other case alone was asked for.
if (!process.env.BENCH_ONLY || ONLY_WEIGHT) {
  const { main: pageWeight } = await import('./page-weight.ts');
  if (!(await pageWeight())) process.exitCode = 1;
}
