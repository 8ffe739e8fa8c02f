// The projects case of `npm run bench` (BENCH_ONLY=projects runs it alone): open projects listed and searched
// (the page and the API) and the project page, at 50 connections with the load generated in a worker thread.
//
// Setup (not measured): BENCH_PROJECTS open projects (20,000 on PostgreSQL, 1,000 on PGlite; BENCH_PGLITE_PROJECTS)
// inserted in bulk for 50 owners, from a few dozen Arabic and English briefs varied by number, each in a leaf
// category with a budget range from the list, published over the last 30 days, with 0–12 bids counted on the row;
// then ANALYZE. The searches are Arabic words people type, some with a category filter.
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import { BUDGET_RANGES } from '../src/modules/projects/rules.ts';
import { projects } from '../src/modules/projects/schema.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normalizeText } from '../src/platform/text.ts';
import { line } from './kit.ts';

const CONNECTIONS = 50;
const COUNTS = { postgres: Number(process.env.BENCH_PROJECTS ?? 20_000), pglite: Number(process.env.BENCH_PGLITE_PROJECTS ?? 1_000) };

const BRIEFS: [title: string, words: string][] = [
  ['تصميم شعار وهوية بصرية لشركة ناشئة', 'شعار هوية بصرية ألوان خطوط'],
  ['برمجة متجر الكتروني على ووردبريس', 'متجر ووكومرس دفع إلكتروني'],
  ['ترجمة دليل استخدام من الإنجليزية إلى العربية', 'ترجمة تدقيق لغوي'],
  ['مونتاج فيديو إعلاني قصير لمنصات التواصل', 'مونتاج موشن جرافيك'],
  ['كتابة محتوى تسويقي لموقع عيادة أسنان', 'كتابة محتوى سيو'],
  ['إدارة حملات إعلانية ممولة على فيسبوك', 'اعلانات ممولة تسويق'],
  ['تطوير تطبيق جوال لتوصيل الطلبات', 'تطبيق اندرويد ايفون فلاتر'],
  ['تعليق صوتي لفيديو تعريفي بالعربية الفصحى', 'تعليق صوتي فويس اوفر'],
  ['Landing page design for a SaaS product', 'figma ui ux web design'],
  ['Data entry from scanned invoices to Excel', 'excel data entry'],
];

async function seedProjects(services: Services, deps: Deps, count: number) {
  const started = performance.now();
  const owners: number[] = [];
  for (let i = 0; i < 50; i++) {
    const tag = `pown${i}_${Date.now().toString(36)}`.slice(0, 30);
    const u = await services.accounts.createDemoUser({ email: `${tag}@example.com`, username: tag, password: 'benchmark passphrase 1' });
    owners.push(u.id);
  }
  const leaves = (await services.catalog.categoryTree()).flatMap((c) =>
    c.children.map((x) => ({ id: x.id, names: `${x.nameAr} ${x.nameEn} ${c.nameAr} ${c.nameEn}` })),
  );
  const now = deps.clock().getTime();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      const [title, words] = BRIEFS[i % BRIEFS.length];
      const cat = leaves[i % leaves.length];
      const [min, max] = BUDGET_RANGES[i % BUDGET_RANGES.length];
      const description = `${title} رقم ${i}. ${words}. نحتاج إلى مستقل محترف يسلّم العمل في موعده مع تعديلات حتى الرضا، ويشرح خطوات التنفيذ ويرسل ملفات المصدر كاملة بعد التسليم.`;
      const publishedAt = new Date(now - (i % 30) * 86_400_000 - (i % 1440) * 60_000);
      const bids = i % 13;
      return {
        ownerId: owners[i % owners.length],
        status: 'open',
        title: `${title} ${i}`,
        description,
        categoryId: cat.id,
        skills: words.split(' ').slice(0, 3),
        budgetMinCents: min,
        budgetMaxCents: max,
        expectedDays: 3 + (i % 27),
        searchText: normalizeText(`${title} ${words} ${cat.names} ${description}`),
        bidsCount: bids,
        bidsSumCents: bids * Math.round((min + max) / 2),
        publishedAt,
        closesAt: new Date(publishedAt.getTime() + 30 * 86_400_000),
        createdAt: publishedAt,
        updatedAt: publishedAt,
      };
    });
    await deps.db.insert(projects).values(rows);
  }
  await deps.db.execute(sql`ANALYZE projects`);
  const [r] = (await deps.db.select({ first: sql<number>`min(id)::int`, last: sql<number>`max(id)::int` }).from(projects)) as {
    first: number;
    last: number;
  }[];
  console.log(`  seeded ${count} open projects for ${owners.length} owners in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return r;
}

export async function projectsCase(base: string, services: Services, deps: Deps, duration: number, idle: () => Promise<void>) {
  const count = deps.database.kind === 'postgres' ? COUNTS.postgres : COUNTS.pglite;
  const ids = await seedProjects(services, deps, count);
  const searches = ['تصميم شعار', 'متجر الكتروني', 'ترجمه', 'مونتاج فيديو', 'اعلانات ممولة', 'تطبيق جوال', 'تعليق صوتي', 'landing page'];
  const run = (paths: string[]) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      workers: 1,
      requests: paths.map((p) => ({ method: 'GET', path: p })),
    } as autocannon.Options);
  const pagePaths = searches.map((q) => `/projects?q=${encodeURIComponent(q)}`);
  const apiPaths = searches.map((q) => `/api/v1/projects?q=${encodeURIComponent(q)}`);
  const first = (await (await fetch(base + apiPaths[0])).json()) as { items: unknown[] };
  console.log(
    `  projects: ${searches.length} searches (e.g. «${searches[0]}»: ${first.items.length} on the first page); ${CONNECTIONS} connections, load from a worker thread`,
  );
  line('GET /projects?q=… (search page)', await run(pagePaths));
  await idle();
  line('GET /api/v1/projects?q=… (search API)', await run(apiPaths));
  await idle();
  line('GET /projects (newest, no query)', await run(['/projects', '/projects?sort=bids', '/projects?sort=budget']));
  await idle();
  const projectPaths: string[] = [];
  for (let k = 0; k < 100; k++) {
    const id = ids.first + Math.floor(((ids.last - ids.first) * (k + 0.5)) / 100);
    const res = await fetch(`${base}/projects/${id}`, { redirect: 'manual' });
    await res.arrayBuffer();
    const to = res.headers.get('location');
    projectPaths.push(res.status >= 300 && res.status < 400 && to ? new URL(to, base).pathname : `/projects/${id}`);
  }
  line('GET /projects/:id (project page, anonymous)', await run(projectPaths));
  await idle();
}
