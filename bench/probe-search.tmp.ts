import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { searchServices, type SearchQuery } from '../src/modules/catalog/search.ts';
import { closeDeps, openDeps } from '../src/platform/runtime.ts';

const url = process.argv[2];
const config = { ...loadConfig({ DATA_DIR: '/tmp/probe-data', PORT: '0' }), databaseUrl: url };
const deps = await openDeps(config, () => {});
const cats = (await deps.db.execute(sql`SELECT id, slug FROM categories`)) as unknown as { rows: { id: number; slug: string }[] };
const cat = (s: string) => cats.rows.find((c) => c.slug === s)?.id;
const cases: [string, Partial<SearchQuery>][] = [
  ['سيو newest', { q: 'سيو', sort: 'newest' }],
  ['انترو business newest', { q: 'انترو', categoryId: cat('business'), sort: 'newest' }],
  ['فديو marketing new newest', { q: 'فديو', categoryId: cat('marketing'), sellerLevel: 'new', sort: 'newest' }],
  ['animtion maxDays6 newest', { q: 'animtion', maxDays: 6, sort: 'newest' }],
  ['تصميم video price_desc', { q: 'تصميم', categoryId: cat('video'), sort: 'price_desc' }],
  ['فيديو price_desc', { q: 'فيديو', sort: 'price_desc' }],
  ['فيديو relevance', { q: 'فيديو', sort: 'relevance' }],
  ['تصميم شعار relevance', { q: 'تصميم شعار', sort: 'relevance' }],
  ['logo desgin relevance', { q: 'logo desgin', sort: 'relevance' }],
  ['wordpres price', { q: 'wordpres', sort: 'price' }],
  ['no text rating', { sort: 'rating' }],
  ['no text design level expert price', { categoryId: cat('design'), sellerLevel: 'expert', sort: 'price' }],
  ['ترجمة sales', { q: 'ترجمة', sort: 'sales' }],
];
for (const [name, q] of cases) {
  const times: number[] = [];
  let r = await searchServices(deps.db, { sort: 'relevance', limit: 24, ...q } as SearchQuery);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    r = await searchServices(deps.db, { sort: 'relevance', limit: 24, ...q } as SearchQuery);
    times.push(performance.now() - t0);
  }
  // deep page
  let cursor = r.nextCursor ?? undefined;
  let page = 1;
  let deep = 0;
  while (cursor && page < 20) {
    const t0 = performance.now();
    const p = await searchServices(deps.db, { sort: 'relevance', limit: 24, ...q, cursor } as SearchQuery);
    deep = performance.now() - t0;
    cursor = p.nextCursor ?? undefined;
    page++;
  }
  console.log(`${name.padEnd(36)} ${(r as unknown as { path?: string }).path ?? ""} ${times.map((t) => t.toFixed(1)).join(' / ')} ms  items ${r.items.length} total ${JSON.stringify(r.total)}  page ${page}: ${deep.toFixed(1)} ms`);
}
await closeDeps(deps);
