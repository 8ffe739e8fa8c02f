// The works case of `npm run bench` (issue 17; BENCH_ONLY=works runs it alone): the portfolio list (its four sorts, a
// category, a skill, Arabic searches; the page and the API) and a work's page, at 50 connections with the load
// generated in a worker thread.
//
// Setup (not measured): BENCH_WORKS works (100,000 on PostgreSQL, 2,000 on PGlite: BENCH_PGLITE_WORKS) for
// BENCH_WORK_OWNERS owners (20,000; 200 on PGlite), users copied in bulk from one made by the accounts service,
// inserted 1,000 rows a statement. Works: 16 Arabic and English titles varied by number, each in a leaf category with
// 2–4 skills, 1–4 of a handful of real images uploaded once through the files service (as `work_image`, re-encoded
// with their thumbnails) and shared; 95% published over the last year, 3% drafts, 2% hidden by their owners; likes
// and views long-tailed (most works a few, a few thousands). Then ANALYZE.
//
// Measured: GET /privacy first (a small page from the database: what the machine gives at the moment), then GET
// /works (best: the default), ?sort=newest, ?sort=views, ?sort=likes, ?category=…, ?skill=…, ?q=… (Arabic searches)
// — each first page must show works (an empty one fails the run) —, GET /api/v1/works (best, and the searches),
// GET /works/:id for typical works (anonymous, and with 20 viewers' session cookies: each view goes to the buffer
// the flush counts every few seconds) and GET /api/v1/works/:id. Then PostgreSQL's settings and the tables' sizes.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import { demoImage } from '../src/modules/catalog/demo-generator.ts';
import { works } from '../src/modules/works/schema.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normalizeText } from '../src/platform/text.ts';
import { bulkUsers, inChunks, line, prng } from './kit.ts';

const CONNECTIONS = 50;
const COUNTS = {
  postgres: { works: Number(process.env.BENCH_WORKS ?? 100_000), owners: Number(process.env.BENCH_WORK_OWNERS ?? 20_000) },
  pglite: { works: Number(process.env.BENCH_PGLITE_WORKS ?? 2_000), owners: 200 },
};
const DAY = 86_400_000;

const TITLES: [title: string, skills: string[], top: string][] = [
  ['هوية بصرية لمقهى مختص', ['هوية بصرية', 'تصميم شعارات', 'Illustrator'], 'design'],
  ['شعار لمتجر عطور إلكتروني', ['تصميم شعارات', 'هوية بصرية'], 'design'],
  ['تصميم واجهة تطبيق توصيل طلبات', ['تصميم واجهات', 'فيجما', 'تجربة مستخدم'], 'design'],
  ['غلاف كتاب روايات للأطفال', ['رسوم توضيحية', 'تصميم أغلفة'], 'design'],
  ['متجر إلكتروني على ووكومرس', ['ووردبريس', 'ووكومرس', 'تطوير مواقع'], 'programming'],
  ['تطبيق جوال لحجز المواعيد', ['فلاتر', 'تطبيقات جوال', 'Firebase'], 'programming'],
  ['موقع تعريفي لشركة محاماة', ['تطوير مواقع', 'React'], 'programming'],
  ['مونتاج فيديو إعلاني لمنصات التواصل', ['مونتاج', 'موشن جرافيك'], 'video'],
  ['موشن جرافيك تعريفي لتطبيق مالي', ['موشن جرافيك', 'After Effects'], 'video'],
  ['ترجمة دليل استخدام من الإنجليزية', ['ترجمة', 'تدقيق لغوي'], 'writing-translation'],
  ['كتابة محتوى تسويقي لعيادة أسنان', ['كتابة محتوى', 'سيو'], 'writing-translation'],
  ['حملة إعلانات ممولة لمتجر ملابس', ['اعلانات ممولة', 'تسويق'], 'marketing'],
  ['تعليق صوتي لفيديو تعريفي بالفصحى', ['تعليق صوتي', 'فويس اوفر'], 'audio'],
  ['Brand identity for a fintech startup', ['branding', 'logo design', 'figma'], 'design'],
  ['Landing page for a SaaS product', ['web design', 'react', 'tailwind'], 'programming'],
  ['Explainer video for an e-learning app', ['motion graphics', 'video editing'], 'video'],
];

/** Long-tailed counts: most works a few, a few works thousands. */
const tail = (rnd: () => number, scale: number) => Math.floor(scale * (1 / (1 - rnd() * 0.999) - 1));

export async function seedWorks(services: Services, deps: Deps) {
  const plan = COUNTS[deps.database.kind];
  const { sessions } = await import('../src/schema.ts');
  const { sha256, newToken } = await import('../src/platform/crypto.ts');
  const db = deps.db;
  const rnd = prng(17);
  const t0 = performance.now();
  const tag = Array.from(randomBytes(4), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
  const owners = await bulkUsers(services, deps, `wo${tag}`, plan.owners);
  const t1 = performance.now();
  // A handful of real images (re-encoded with thumbnails), shared by every work.
  const imageIds: number[] = [];
  for (const [k, top] of ['design', 'programming', 'video', 'writing-translation', 'marketing', 'audio'].entries()) {
    const bytes = await demoImage(top, 1700 + k);
    imageIds.push((await services.files.saveImage(owners[0], { name: `عمل-${k + 1}.jpg`, bytes }, 'work_image')).id);
  }
  const t2 = performance.now();
  const tree = await services.catalog.categoryTree();
  const leavesOf = new Map(
    tree.map((c) => [c.slug, c.children.map((x) => ({ id: x.id, names: `${x.nameAr} ${x.nameEn} ${c.nameAr} ${c.nameEn}` }))]),
  );
  const now = deps.clock().getTime();
  const rows = Array.from({ length: plan.works }, (_, i) => {
    const [base, skills, top] = TITLES[i % TITLES.length];
    const leaves = leavesOf.get(top) ?? [...leavesOf.values()][0];
    const cat = leaves[Math.floor(rnd() * leaves.length)];
    const r = rnd();
    const status = r < 0.95 ? 'published' : r < 0.98 ? 'draft' : 'hidden';
    const publishedAt = status === 'draft' ? null : new Date(now - rnd() * 365 * DAY);
    const title = `${base} ${i}`;
    const description = `${base}: نفذت العمل كاملًا من الفكرة إلى التسليم، ${skills.join(' و')}، مع ملفات المصدر ومراجعتين مع صاحب العمل. رقم ${i}.`;
    const from = Math.floor(rnd() * imageIds.length);
    const images = 1 + Math.floor(rnd() * 4);
    const likes = tail(rnd, 2);
    return {
      ownerId: owners[Math.floor(rnd() * owners.length)],
      status,
      title,
      description,
      categoryId: cat.id,
      skills,
      skillKeys: skills.map((s) => normalizeText(s)),
      imageIds: Array.from({ length: images }, (_, k) => imageIds[(from + k) % imageIds.length]),
      searchText: normalizeText(`${title} ${skills.join(' ')} ${cat.names} ${description}`),
      likesCount: likes,
      viewsCount: likes * 8 + tail(rnd, 15),
      publishedAt,
      createdAt: publishedAt ?? new Date(now - rnd() * 30 * DAY),
      updatedAt: publishedAt ?? new Date(now),
    };
  });
  // Inserted in the order they were written.
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const ids: number[] = [];
  await inChunks(rows, async (chunk) => {
    ids.push(...(await db.insert(works).values(chunk).returning({ id: works.id })).map((r) => r.id));
  });
  const t3 = performance.now();
  await db.execute(sql`ANALYZE works`);
  await db.execute(sql`ANALYZE users`);
  const published = ids.filter((_, i) => rows[i].status === 'published');
  const typical = Array.from({ length: 50 }, (_, k) => published[Math.floor((k * published.length) / 50)]);
  // Signed-in viewers: owners with a web session each (stored as the app stores them: the token's SHA-256).
  const viewers = owners.slice(1, 21).map((userId) => ({ userId, token: newToken() }));
  await db.insert(sessions).values(
    viewers.map((v) => ({
      userId: v.userId,
      tokenHash: sha256(v.token),
      kind: 'web',
      ip: '127.0.0.1',
      userAgent: 'kafiil-bench',
      expiresAt: new Date(now + DAY),
    })),
  );
  const t4 = performance.now();
  const sec = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
  console.log(
    `  seeded ${rows.length} works (${published.length} published) by ${owners.length} owners, ${imageIds.length} shared images, ` +
      `in ${sec(t0, t4)} s (users ${sec(t0, t1)} s, images ${sec(t1, t2)} s, works ${sec(t2, t3)} s, ANALYZE + sessions ${sec(t3, t4)} s)`,
  );
  return { typical, viewers: viewers.map((v) => ({ cookie: `kafiil_session=${v.token}; kafiil_csrf=${newToken()}` })) };
}

/** GET a path, following same-site redirects, and return where it ended (the canonical address). */
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

/** The PostgreSQL settings and the works' tables with their indexes (what the page cache has to hold). */
async function sizes(deps: Deps): Promise<string> {
  const [r] = (
    (await deps.db.execute(sql`SELECT current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm,
      pg_size_pretty(pg_total_relation_size('works')) AS works, pg_size_pretty(pg_indexes_size('works')) AS idx,
      pg_size_pretty(pg_total_relation_size('work_view_days')) AS views, pg_size_pretty(pg_total_relation_size('users')) AS users`)) as unknown as {
      rows: Record<string, string>[];
    }
  ).rows;
  return `shared_buffers ${r.sb}, work_mem ${r.wm}; works ${r.works} (indexes ${r.idx}), work_view_days ${r.views}, users ${r.users}`;
}

export async function worksCase(base: string, services: Services, deps: Deps, duration: number, idle: () => Promise<void>) {
  const seeded = await seedWorks(services, deps);
  const run = async (requests: autocannon.Request[]) => {
    const r = await autocannon({ url: base, connections: CONNECTIONS, duration, workers: 1, requests } as autocannon.Options);
    await idle();
    return r;
  };
  const get = (paths: string[], headers?: Record<string, string>[]) =>
    Array.from({ length: Math.max(paths.length, headers?.length ?? 0) }, (_, i) => ({
      method: 'GET' as const,
      path: paths[i % paths.length],
      ...(headers ? { headers: headers[i % headers.length] } : {}),
    }));
  const shown = (n: number[], what: string) => {
    if (n.some((x) => x === 0)) process.exitCode = 1;
    const lo = Math.min(...n);
    const hi = Math.max(...n);
    return `  ${lo === hi ? lo : `${lo}–${hi}`} ${what}${lo === 0 ? ' ✗ an empty first page' : ''}`;
  };
  /** The canonical addresses of list pages and how many cards their first page shows (none fails the run). */
  const listing = async (paths: string[]) => {
    const out: string[] = [];
    const cards: number[] = [];
    for (const p of paths) {
      const r = await settle(base, p);
      if (r.status !== 200) throw new Error(`works bench: ${p} answered ${r.status}`);
      out.push(r.path);
      cards.push([...(await (await fetch(base + r.path)).text()).matchAll(/data-testid="work-\d+"/g)].length);
    }
    return { paths: out, note: shown(cards, 'cards') };
  };
  const apiItems = async (paths: string[]) =>
    shown(
      await Promise.all(paths.map(async (p) => ((await (await fetch(base + p)).json()) as { items: unknown[] }).items.length)),
      'items',
    );
  const searches = ['هويه بصرية', 'تصميم شعار', 'متجر الكتروني', 'مونتاج فيديو', 'تطبيق جوال', 'تعليق صوتي', 'ترجمه دليل', 'logo'];
  const first = (await (await fetch(`${base}/api/v1/works?q=${encodeURIComponent(searches[0])}`)).json()) as {
    items: unknown[];
    total: { n: number; estimated: boolean; capped: boolean };
  };
  console.log(
    `  works: ${searches.length} searches (e.g. «${searches[0]}»: ${first.items.length} on the first page of ${first.total.estimated ? 'about ' : first.total.capped ? 'more than ' : ''}${first.total.n}); ${CONNECTIONS} connections, load from a worker thread`,
  );
  line('GET /privacy (reference: a small database page)', await run(get(['/privacy'])));
  const measure = async (name: string, l: { paths: string[]; note: string }) => line(name, await run(get(l.paths)), l.note);
  await measure('GET /works (best: the default)', await listing(['/works']));
  await measure('GET /works?sort=newest', await listing(['/works?sort=newest']));
  await measure('GET /works?sort=views', await listing(['/works?sort=views']));
  await measure('GET /works?sort=likes', await listing(['/works?sort=likes']));
  await measure('GET /works?category=… (a top category)', await listing(['/works?category=design', '/works?category=video']));
  await measure(
    'GET /works?skill=…',
    await listing([`/works?skill=${encodeURIComponent('موشن جرافيك')}`, `/works?skill=${encodeURIComponent('فلاتر')}`]),
  );
  await measure('GET /works?q=… (Arabic search page)', await listing(searches.map((q) => `/works?q=${encodeURIComponent(q)}`)));
  // A different search at every request, none answered from the 15 s cache: two words of the titles and skills
  // (the long tail of searches), or — the costly case — a title's two words and a number, which one work matches
  // exactly, so the search widens to any of the words (platform/search/words.ts).
  const vocab = [...new Set(TITLES.flatMap(([t, skills]) => [...t.split(' '), ...skills]).filter((w) => w.length > 2))];
  let k = 0;
  const pairs: string[] = [];
  for (let i = 0; i < vocab.length; i++) for (let j = 0; j < vocab.length; j++) if (i !== j) pairs.push(`${vocab[i]} ${vocab[j]}`);
  const uncachedRun = (pathOf: (k: number) => string) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      requests: [{ method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, path: pathOf(++k) }) }],
    } as autocannon.Options);
  const uncached = await uncachedRun(
    (n) => `/works?q=${encodeURIComponent(pairs[(n * 7919) % pairs.length])}${n % 2 ? '&sort=newest' : ''}`,
  );
  line('GET /works?q=… (two words, a new pair each time)', uncached);
  await idle();
  const fresh = TITLES.slice(0, 13).map(([t]) => t.split(' ').slice(0, 2).join(' '));
  const widened = await uncachedRun((n) => `/works?q=${encodeURIComponent(`${fresh[n % fresh.length]} ${(n * 7919) % 100_000}`)}`);
  // setupRequest runs in this thread (a worker thread would need it as a module file): the load shares the server's CPU.
  line('GET /works?q=… (words + a number: widened, uncached)', widened);
  await idle();
  const apiList = ['/api/v1/works'];
  line('GET /api/v1/works (best)', await run(get(apiList)), await apiItems(apiList));
  const apiSearch = searches.map((q) => `/api/v1/works?q=${encodeURIComponent(q)}`);
  line('GET /api/v1/works?q=… (search API)', await run(get(apiSearch)), await apiItems(apiSearch));
  const pages = seeded.typical.map((id) => `/works/${id}`);
  const cookies = seeded.viewers.map((v) => ({ cookie: v.cookie }));
  line(`GET /works/:id (${pages.length} works, anonymous)`, await run(get(pages)));
  line(`GET /works/:id (signed in, ${cookies.length} viewers)`, await run(get(pages, cookies)));
  line('GET /api/v1/works/:id', await run(get(pages.map((p) => `/api/v1${p}`))));
  const counted = await services.workEngagement.flushViews();
  console.log(`  views left in the buffer after the page cases, counted once per viewer and day: ${counted}`);
  console.log(`  ${deps.database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${await sizes(deps)}`);
}
