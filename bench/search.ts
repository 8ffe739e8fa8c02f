// The search case (issue 15), `BENCH_ONLY=search npm run bench`: search latency at 10k, 100k and 1M services on
// PostgreSQL, measured over HTTP only (GET /api/v1/services and the page GET /services), so it runs the same
// whichever search engine sits behind them.
//
// Per size in BENCH_SEARCH_SIZES (default 10000,100000,1000000), the database is the one BENCH_SEARCH_URLS names
// (`10000=postgres://…/k10k,100000=postgres://…/k100k`), or else `kafiil_bench_search_<N>` created beside
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) and seeded with seedBulkServices up to N published services — and KEPT
// (seeding a million takes many minutes; the run prints how to drop it). The real app is started on it.
//
// The queries (≥ 240, BENCH_SEARCH_QUERIES): deterministic from a seeded PRNG, with words taken from the seeded
// services' titles (common = most frequent, rare = seen in few) plus absent words, misspelled ones (a letter dropped,
// doubled or swapped; ي↔ى, ة↔ه, a missing hamza), Arabic and English, one or two words; every filter and every sort,
// alone and combined; listings without text; deep pages (nextCursor followed to page 5, 20 and 50: only the last
// request is measured). The five slow queries the issue names are always among them. Every URL is distinct; one
// warm-up pass with another seed first, then the measured pass, one request at a time. The page is asked for the
// same searches as the API once 15 s have passed since the API's request, so the app's 15 s read cache never answers.
// Targets (at 1M): API p99 ≤ 50 ms, page p99 ≤ 80 ms, no request over 200 ms. Any non-200 answer is a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedBulkServices } from '../src/modules/catalog/demo.ts';
import { closeDeps, openDeps } from '../src/platform/runtime.ts';
import { seedBase } from '../src/seed.ts';

const TARGETS = { apiP99: 50, pageP99: 80, max: 200, atServices: 1_000_000 };
const SORTS = ['relevance', 'newest', 'sales', 'rating', 'price', 'price_desc'] as const;
const LEVELS = ['new', 'level1', 'level2', 'level3', 'expert'];
const RATINGS = ['4.5', '4', '3'];
const DAYS = [1, 2, 3, 6, 7, 14, 30];
const MIN_DOLLARS = [5, 10, 20, 50];
const MAX_DOLLARS = [15, 25, 50, 100, 250, 500];
const DEPTHS = [5, 5, 5, 5, 20, 20, 20, 20, 50, 50, 50, 50];
/** The cache the app keeps searches in lives 15 s: the page waits this long after the API's same search. */
const CACHE_MS = 15_500;
const ABSENT = {
  ar: ['سيو', 'انترو', 'كريبتو', 'بلوكتشين', 'زراعة', 'قهوة', 'نانو', 'ميتافيرس', 'غواصة', 'زعفران'],
  en: ['blockchain', 'kubernetes', 'origami', 'quantum', 'sommelier', 'zeppelin', 'xylophone', 'haskell', 'falconry', 'glacier'],
};
const STOP = new Set(['the', 'and', 'for', 'with', 'your', 'you', 'from', 'into', 'على', 'إلى', 'الى', 'مع', 'عن', 'لكل', 'بعد', 'قبل']);

type Sort = (typeof SORTS)[number];
interface Params {
  q?: string;
  category?: string;
  min?: number;
  max?: number;
  days?: number;
  level?: string;
  rating?: string;
  sort: Sort;
}
interface Query {
  kind: string;
  p: Params;
  /** 1 = the first page; n > 1 = nextCursor followed to page n (only that request measured). */
  depth: number;
}
interface Sample {
  url: string;
  ms: number;
  status: number;
  empty: boolean;
  /** The page reached, when a deep walk ended early. */
  reached?: number;
}
interface Vocab {
  common: { ar: string[]; en: string[] };
  rare: { ar: string[]; en: string[] };
  categories: string[];
  topCategories: string[];
}

/** mulberry32: a small seeded PRNG, so the queries are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    int: (n: number) => Math.floor(next() * n),
  };
}
type Rng = ReturnType<typeof prng>;

/** A misspelling people make: a letter dropped, doubled or swapped; in Arabic also ي↔ى, ة↔ه and a missing hamza. */
export function misspell(word: string, r: Rng): string {
  const chars = [...word];
  const variants: string[] = [];
  if (/[\u0600-\u06ff]/.test(word)) {
    if (/[أإآ]/.test(word)) variants.push(word.replace(/[أإآ]/g, 'ا'));
    if (/ؤ/.test(word)) variants.push(word.replace(/ؤ/g, 'و'));
    if (/ئ/.test(word)) variants.push(word.replace(/ئ/g, 'ي'));
    if (/ي$/.test(word)) variants.push(word.replace(/ي$/, 'ى'));
    if (/ى$/.test(word)) variants.push(word.replace(/ى$/, 'ي'));
    if (/ة$/.test(word)) variants.push(word.replace(/ة$/, 'ه'));
    if (/ه$/.test(word)) variants.push(word.replace(/ه$/, 'ة'));
  }
  if (chars.length >= 4) {
    const i = 1 + r.int(chars.length - 2);
    variants.push([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
    variants.push([...chars.slice(0, i), chars[i], ...chars.slice(i)].join(''));
    variants.push([...chars.slice(0, i - 1), chars[i], chars[i - 1], ...chars.slice(i + 1)].join(''));
  }
  const out = variants.filter((v) => v !== word);
  return out.length ? r.pick(out) : `${word}${chars[chars.length - 1]}`;
}

/** The words of the seeded titles, by how often they appear in a sample of them. */
function vocabulary(titles: string[]): Pick<Vocab, 'common' | 'rare'> {
  const counts = new Map<string, number>();
  for (const t of titles)
    for (const w of t.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []) {
      if ([...w].length < 3 || STOP.has(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  const byFreq = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const split = (lang: 'ar' | 'en') => {
    const ws = byFreq.filter(([w]) => /[\u0600-\u06ff]/.test(w) === (lang === 'ar'));
    const common = ws.slice(0, 30).map(([w]) => w);
    const fewest = ws.length ? ws[ws.length - 1][1] : 0;
    // Rare: the words seen least often (at most twice as often as the rarest), outside the common ones.
    const rare = ws
      .filter(([w, n]) => n <= Math.max(2, fewest * 2) && !common.includes(w))
      .slice(0, 60)
      .map(([w]) => w);
    return { common, rare: rare.length ? rare : ws.slice(-20).map(([w]) => w) };
  };
  const ar = split('ar');
  const en = split('en');
  const fallbackEn = ['design', 'logo', 'video', 'website', 'translation', 'marketing'];
  return {
    common: { ar: ar.common, en: en.common.length ? en.common : fallbackEn },
    rare: { ar: ar.rare, en: en.rare.length ? en.rare : fallbackEn },
  };
}

/** A search term of a kind, in a language, of one or two words. */
function term(r: Rng, v: Vocab, kind: string, lang: 'ar' | 'en', words: number): string {
  const one = (k: string): string => {
    if (k === 'common') return r.pick(v.common[lang]);
    if (k === 'rare') return r.pick(v.rare[lang].length ? v.rare[lang] : v.common[lang]);
    if (k === 'absent') return r.pick(ABSENT[lang]);
    return misspell(r.pick(r.chance(0.6) ? v.common[lang] : v.rare[lang].length ? v.rare[lang] : v.common[lang]), r);
  };
  const first = one(kind);
  if (words === 1) return first;
  const second = one(r.chance(0.5) ? kind : r.pick(['common', 'rare']));
  return second === first ? first : `${first} ${second}`;
}

/** Filters, each set with probability `p` (at least one when `atLeastOne`). */
function filters(r: Rng, v: Vocab, p: number, atLeastOne: boolean): Omit<Params, 'sort' | 'q'> {
  const f: Omit<Params, 'sort' | 'q'> = {};
  const setters = [
    () => {
      f.category = r.chance(0.6) ? r.pick(v.topCategories) : r.pick(v.categories);
    },
    () => {
      f.min = r.pick(MIN_DOLLARS);
    },
    () => {
      f.max = r.pick(MAX_DOLLARS);
    },
    () => {
      f.days = r.pick(DAYS);
    },
    () => {
      f.level = r.pick(LEVELS);
    },
    () => {
      f.rating = r.pick(RATINGS);
    },
  ];
  for (const s of setters) if (r.chance(p)) s();
  if (atLeastOne && Object.keys(f).length === 0) r.pick(setters)();
  if (f.min !== undefined && f.max !== undefined && f.min >= f.max) delete f.min;
  return f;
}

/** The issue's five slow searches, always measured. */
const NAMED: Params[] = [
  { q: 'سيو', sort: 'newest' },
  { q: 'انترو', category: 'business', sort: 'newest' },
  { q: 'فديو', category: 'marketing', level: 'new', sort: 'newest' },
  { q: 'animtion', days: 6, sort: 'newest' },
  { q: 'تصميم', category: 'video', sort: 'price_desc' },
];

function generate(seed: number, v: Vocab, count: number, taken: Set<string>, named: boolean): Query[] {
  const r = prng(seed);
  const out: Query[] = [];
  const add = (q: Query) => {
    const key = `${q.depth}:${apiPath(q.p)}`;
    if (taken.has(key)) return false;
    taken.add(key);
    out.push(q);
    return true;
  };
  if (named) for (const p of NAMED) add({ kind: 'named', p, depth: 1 });
  // Deep pages: listings without text and common words, sorted, followed to page 5, 20 or 50.
  for (let i = 0; i < DEPTHS.length; i++) {
    for (let tries = 0; tries < 20; tries++) {
      const lang = r.chance(0.7) ? 'ar' : 'en';
      const p: Params = { sort: r.pick(SORTS.slice(1)) };
      if (i % 2 === 1) p.q = r.pick(v.common[lang].slice(0, 8));
      else if (r.chance(0.5)) p.category = r.pick(v.topCategories);
      if (add({ kind: `deep page ${DEPTHS[i]}`, p, depth: DEPTHS[i] })) break;
    }
  }
  const kinds = ['common', 'rare', 'absent', 'typo'];
  for (let i = 0, tries = 0; out.length < count && tries < count * 50; tries++) {
    let q: Query;
    if (i % 7 === 6) {
      q = { kind: 'listing', p: { ...filters(r, v, 0.3, true), sort: r.pick(SORTS) }, depth: 1 };
    } else {
      const kind = kinds[i % kinds.length];
      const lang = (i >> 2) % 2 === 0 || r.chance(0.2) ? 'ar' : 'en';
      const filtered = r.chance(0.6);
      q = {
        kind: `${kind} ${lang}`,
        p: { q: term(r, v, kind, lang, r.chance(0.35) ? 2 : 1), ...(filtered ? filters(r, v, 0.25, true) : {}), sort: r.pick(SORTS) },
        depth: 1,
      };
    }
    if (add(q)) i++;
  }
  return out;
}

/** GET /api/v1/services with these parameters (relevance, the default, left out as the page does). */
function apiPath(p: Params, cursor?: string): string {
  const s = new URLSearchParams();
  if (p.q) s.set('q', p.q);
  if (p.category) s.set('category', p.category);
  if (p.min !== undefined) s.set('minPriceCents', String(p.min * 100));
  if (p.max !== undefined) s.set('maxPriceCents', String(p.max * 100));
  if (p.days !== undefined) s.set('maxDays', String(p.days));
  if (p.level) s.set('level', p.level);
  if (p.rating) s.set('minRating', p.rating);
  if (p.sort !== 'relevance') s.set('sort', p.sort);
  if (cursor) s.set('cursor', cursor);
  const qs = s.toString();
  return `/api/v1/services${qs ? `?${qs}` : ''}`;
}

/** The page's tidy address for the same search (whole dollars, `days`, `rating`): anything else redirects. */
function pagePath(p: Params): string {
  const s = new URLSearchParams();
  if (p.q) s.set('q', p.q);
  if (p.category) s.set('category', p.category);
  if (p.min !== undefined) s.set('min', String(p.min));
  if (p.max !== undefined) s.set('max', String(p.max));
  if (p.days !== undefined) s.set('days', String(p.days));
  if (p.level) s.set('level', p.level);
  if (p.rating) s.set('rating', p.rating);
  if (p.sort !== 'relevance') s.set('sort', p.sort);
  const qs = s.toString();
  return `/services${qs ? `?${qs}` : ''}`;
}

async function timedGet(base: string, url: string): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(base + url, { redirect: 'manual' });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** One API search (its deep walk first, unmeasured); the time of its last request is returned for the page's wait. */
async function apiSample(base: string, q: Query): Promise<Sample> {
  let url = apiPath(q.p);
  for (let page = 1; ; page++) {
    const r = await timedGet(base, url);
    let json: { items?: unknown[]; nextCursor?: string | null } = {};
    if (r.status === 200) json = JSON.parse(r.body);
    const last = page >= q.depth || r.status !== 200 || !json.nextCursor;
    if (last) return { url, ms: r.ms, status: r.status, empty: !json.items?.length, reached: page < q.depth ? page : undefined };
    url = apiPath(q.p, json.nextCursor as string);
  }
}

/**
 * The page's «more results» link: the same search with the next cursor (not the canonical and language links in
 * the head, which carry the current page's own cursor, nor the other language's address).
 */
function nextPageLink(html: string, current: string): string | null {
  const here = new URL(current, 'http://x').searchParams.get('cursor');
  let found: string | null = null;
  for (const m of html.matchAll(/(?:href|hx-get)="([^"]*[?&](?:amp;)?cursor=[A-Za-z0-9_-]+[^"]*)"/g)) {
    const href = m[1].replace(/&amp;/g, '&');
    const u = new URL(href, 'http://x');
    if (u.pathname === '/services' && u.searchParams.get('cursor') !== here) found = u.pathname + u.search;
  }
  return found;
}

async function pageSample(base: string, q: Query): Promise<Sample> {
  let url = pagePath(q.p);
  for (let page = 1; ; page++) {
    const r = await timedGet(base, url);
    const next = r.status === 200 ? nextPageLink(r.body, url) : null;
    if (page >= q.depth || !next)
      return {
        url,
        ms: r.ms,
        status: r.status,
        empty: r.status === 200 && !r.body.includes('data-testid="card-'),
        reached: page < q.depth ? page : undefined,
      };
    url = next;
  }
}

/** The API pass, then the page pass: each page request waits until the API's same search has left the cache. */
async function pass(base: string, queries: Query[], waitForCache: boolean) {
  const api: Sample[] = [];
  const at: number[] = [];
  for (const q of queries) {
    api.push(await apiSample(base, q));
    at.push(Date.now());
  }
  const page: Sample[] = [];
  for (let i = 0; i < queries.length; i++) {
    const wait = at[i] + CACHE_MS - Date.now();
    if (waitForCache && wait > 0) await new Promise((res) => setTimeout(res, wait));
    page.push(await pageSample(base, queries[i]));
  }
  return { api, page };
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const ms = (n: number) => (Number.isNaN(n) ? '—' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);

function summarize(samples: Sample[]) {
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    p50: pct(times, 50),
    p99: pct(times, 99),
    max: times[times.length - 1] ?? Number.NaN,
    ok: samples.filter((s) => s.status === 200).length,
    empty: samples.filter((s) => s.status === 200 && s.empty).length,
    failures: samples.filter((s) => s.status !== 200),
    // BENCH_SEARCH_SHOW=N lists the N slowest (default 5).
    slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.BENCH_SEARCH_SHOW ?? 5)),
  };
}

function report(label: string, samples: Sample[], queries: Query[]) {
  const s = summarize(samples);
  console.log(
    `  ${label.padEnd(4)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  — ${s.ok}/${samples.length} answered 200, ${s.empty} empty`,
  );
  console.log('       slowest:');
  for (const x of s.slowest) {
    const q = queries[samples.indexOf(x)];
    const deep = q.depth > 1 ? ` (page ${x.reached ?? q.depth}${x.reached ? ` of ${q.depth} asked: the results ended` : ''})` : '';
    console.log(`         ${ms(x.ms).padStart(8)}  ${decodeURIComponent(x.url)}${deep}${x.empty ? '  [empty]' : ''}`);
  }
  for (const f of s.failures) console.log(`       ✗ ${f.status}  ${decodeURIComponent(f.url)}`);
  const deep = queries.map((q, i) => ({ q, x: samples[i] })).filter(({ q }) => q.depth > 1);
  if (deep.length)
    console.log(
      `       deep pages: ${deep.map(({ q, x }) => `${x.reached ?? q.depth}/${q.depth} ${ms(x.ms)}`).join(', ')} (page reached/asked, time of that page)`,
    );
  return s;
}

/** The database for `n` services: the one BENCH_SEARCH_URLS names, or one beside BENCH_DATABASE_URL (made, kept). */
async function databaseFor(n: number): Promise<{ url: string; created: string | null } | null> {
  for (const part of (process.env.BENCH_SEARCH_URLS ?? '').split(',')) {
    const at = part.indexOf('=');
    if (at > 0 && Number(part.slice(0, at).trim().replace(/_/g, '')) === n) return { url: part.slice(at + 1).trim(), created: null };
  }
  const beside = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!beside) return null;
  const name = `kafiil_bench_search_${n}`;
  const admin = new pg.Client({ connectionString: beside });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(beside);
  u.pathname = `/${name}`;
  return { url: u.toString(), created: name };
}

async function publishedCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query("SELECT count(*)::int AS n FROM services WHERE status = 'published'");
    return rows[0].n as number;
  } finally {
    await c.end();
  }
}

/** The server's memory settings and the size of what searches read (shown with each size's figures). */
async function serverMemory(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm,
      pg_size_pretty(pg_total_relation_size('service_search')) AS search, pg_size_pretty(pg_total_relation_size('services')) AS services`);
    const r = rows[0];
    return `PostgreSQL shared_buffers ${r.sb}, work_mem ${r.wm}; service_search with its indexes ${r.search} (services ${r.services})`;
  } finally {
    await c.end();
  }
}

/** Titles of about 3,000 published services, the same ones on every run (a repeatable table sample). */
async function sampleTitles(url: string, total: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const percent = Math.min(100, Math.max(0.05, (3000 / Math.max(1, total)) * 100 * 1.5));
    const { rows } = await c.query(
      `SELECT title FROM services TABLESAMPLE SYSTEM (${percent.toFixed(3)}) REPEATABLE (15) WHERE status = 'published' LIMIT 3000`,
    );
    return rows.map((r) => r.title as string);
  } finally {
    await c.end();
  }
}

interface Row {
  services: number;
  api: ReturnType<typeof summarize>;
  page: ReturnType<typeof summarize>;
}

async function measure(n: number, count: number): Promise<Row | null> {
  const db = await databaseFor(n);
  if (!db) {
    console.log(`\n${n} services: skipped (set BENCH_SEARCH_URLS=${n}=postgres://… or BENCH_DATABASE_URL=postgres://…)`);
    return null;
  }
  const dataDir = db.created
    ? path.join(os.tmpdir(), `${db.created}-files`)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-bench-search-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const deps = await openDeps({ ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), databaseUrl: db.url }, () => {});
  try {
    const { app, services } = await buildApp(deps);
    let have = await publishedCount(db.url);
    if (db.created && have < n) {
      await seedBase(deps.db);
      console.log(`\n  seeding ${db.created}: ${have} → ${n} published services (kept afterwards)…`);
      let shown = 0;
      const r = await seedBulkServices(deps.db, n - have, {
        services,
        concurrency: 3,
        onProgress: (done, total) => {
          if (done - shown >= Math.max(50_000, total / 10) || done === total) {
            shown = done;
            console.log(`    ${done} / ${total}`);
          }
        },
      });
      console.log(`  seeded ${r.services} services in ${r.seconds.total} s`);
      have = await publishedCount(db.url);
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    console.log(
      `\n${have.toLocaleString('en')} published services (${n.toLocaleString('en')} asked) — ${db.created ?? new URL(db.url).pathname.slice(1)}`,
    );
    if (have < n) console.log(`  (fewer services than asked: the row below is for ${have.toLocaleString('en')})`);
    console.log(`  ${await serverMemory(db.url)}`);

    const tree = (await (await fetch(`${base}/api/v1/categories`)).json()) as { slug: string; children: { slug: string }[] }[];
    const vocab: Vocab = {
      ...vocabulary(await sampleTitles(db.url, have)),
      topCategories: tree.map((c) => c.slug),
      categories: tree.flatMap((c) => [c.slug, ...c.children.map((x) => x.slug)]),
    };
    const taken = new Set<string>();
    const measured = generate(15, vocab, count, taken, true);
    const warm = generate(1515, vocab, count, taken, false);
    const sorts = new Set(measured.map((q) => q.p.sort));
    const used = (k: keyof Params) => measured.filter((q) => q.p[k] !== undefined).length;
    console.log(
      `  ${measured.length} queries (${measured.filter((q) => q.p.q).length} with text, ${measured.filter((q) => !q.p.q).length} listings, ` +
        `${measured.filter((q) => q.depth > 1).length} deep pages); sorts ${sorts.size}/${SORTS.length}; filters: category ${used('category')}, ` +
        `min ${used('min')}, max ${used('max')}, days ${used('days')}, level ${used('level')}, rating ${used('rating')}`,
    );
    console.log(
      `  words: common ar ${vocab.common.ar.slice(0, 6).join('، ')} · en ${vocab.common.en.slice(0, 6).join(', ')}; rare ar ${vocab.rare.ar.slice(0, 4).join('، ')} · en ${vocab.rare.en.slice(0, 4).join(', ')}`,
    );
    const t0 = performance.now();
    await pass(base, warm, false);
    console.log(`  warm-up pass (${warm.length} other queries, API and page): ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const t1 = performance.now();
    const { api, page } = await pass(base, measured, true);
    console.log(`  measured pass: ${((performance.now() - t1) / 1000).toFixed(0)} s, one request at a time`);
    const row = { services: have, api: report('API', api, measured), page: report('page', page, measured) };
    await app.close();
    return row;
  } finally {
    await closeDeps(deps);
    if (db.created) {
      console.log(`  kept database ${db.created} (files in ${dataDir}); to drop it:`);
      console.log(
        `    psql "${db.url.replace(/\/[^/]*$/, '/postgres')}" -c 'DROP DATABASE ${db.created} WITH (FORCE)' && rm -rf ${dataDir}`,
      );
    } else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The search benchmark; false when a target is missed (at 1M) or a request failed. */
export async function searchBench(): Promise<boolean> {
  const sizes = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000,1000000')
    .split(',')
    .map((s) => Number(s.trim().replace(/_/g, '')))
    .filter((n) => Number.isInteger(n) && n > 0);
  const count = Math.max(240, Number(process.env.BENCH_SEARCH_QUERIES ?? 240) || 240);
  console.log(`Search at scale (PostgreSQL; ${count} queries per size, the API and the page, one at a time)`);
  const rows: Row[] = [];
  for (const n of sizes) {
    const row = await measure(n, count);
    if (row) rows.push(row);
  }
  if (!rows.length) return true;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log('\n| services | API p50 | API p99 | API max | page p50 | page p99 | page max | failures |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.services.toLocaleString('en')} | ${ms(r.api.p50)} | ${ms(r.api.p99)} ${mark(r.api.p99 <= TARGETS.apiP99)} | ${ms(r.api.max)} ${mark(r.api.max <= TARGETS.max)} | ` +
        `${ms(r.page.p50)} | ${ms(r.page.p99)} ${mark(r.page.p99 <= TARGETS.pageP99)} | ${ms(r.page.max)} ${mark(r.page.max <= TARGETS.max)} | ` +
        `${r.api.failures.length + r.page.failures.length} |`,
    );
  }
  console.log(
    `targets at ${TARGETS.atServices.toLocaleString('en')} services: API p99 ≤ ${TARGETS.apiP99} ms, page p99 ≤ ${TARGETS.pageP99} ms, no request over ${TARGETS.max} ms`,
  );
  const failed = rows.some((r) => r.api.failures.length + r.page.failures.length > 0);
  const big = rows.filter((r) => r.services >= TARGETS.atServices);
  if (!big.length) console.log(`  (no size of ${TARGETS.atServices.toLocaleString('en')} or more measured: the targets are not judged)`);
  const met = big.every(
    (r) => r.api.p99 <= TARGETS.apiP99 && r.page.p99 <= TARGETS.pageP99 && Math.max(r.api.max, r.page.max) <= TARGETS.max,
  );
  if (big.length) console.log(`  ${mark(met)} targets at ${big.map((r) => r.services.toLocaleString('en')).join(', ')}`);
  if (failed) console.log('  ✗ some requests did not answer 200 (listed above)');
  return met && !failed;
}
