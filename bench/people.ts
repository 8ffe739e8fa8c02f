// The people case of `npm run bench` (BENCH_ONLY=people runs it alone): the freelancers directory (page and API,
// by default, with filters, with Arabic name and skill searches) and the public profile, at 50 connections with the
// load generated in a worker thread.
//
// Setup (not measured): BENCH_PEOPLE freelancers (20,000 on PostgreSQL, 1,000 on PGlite; BENCH_PGLITE_PEOPLE)
// inserted in bulk: Arabic and English names, 1–5 skills from a few dozen, a country from the Arab world and beyond,
// a seller level, a record (jobs, rating, reviews) that grows with the level, 15% with a verified identity; a third
// of them sell 1–3 live services; the 2,000 best rated have 6 published reviews each as seller and 2 as buyer. Then
// ANALYZE. Who is online: 300 open streams on this instance, and 1,500 users of "another instance" (a second
// presence registry with its own hub, heartbeating into the same table as a second server would).
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import { users } from '../src/modules/accounts/schema.ts';
import { services as serviceRows } from '../src/modules/catalog/schema.ts';
import { reviews } from '../src/modules/orders/schema.ts';
import { hashPassword } from '../src/platform/crypto.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createLiveHub } from '../src/platform/live.ts';
import { createPresence } from '../src/platform/presence.ts';
import { normalizeText } from '../src/platform/text.ts';
import { line } from './kit.ts';

const CONNECTIONS = 50;
const COUNTS = { postgres: Number(process.env.BENCH_PEOPLE ?? 20_000), pglite: Number(process.env.BENCH_PGLITE_PEOPLE ?? 1_000) };

const FIRST = [
  'محمد',
  'أحمد',
  'سارة',
  'فاطمة',
  'عمر',
  'ليلى',
  'يوسف',
  'مريم',
  'خالد',
  'نور',
  'علي',
  'هالة',
  'إبراهيم',
  'رنا',
  'حسن',
  'دينا',
];
const LAST = ['المصري', 'العتيبي', 'الحسيني', 'القحطاني', 'الشامي', 'التونسي', 'الزهراني', 'البغدادي', 'المغربي', 'السوداني'];
const LATIN = ['Omar Dev', 'Sara Designs', 'Youssef Codes', 'Lina Writes', 'Karim Media', 'Nadia UX'];
const SKILLS = [
  'تصميم شعارات',
  'هوية بصرية',
  'تصميم واجهات',
  'مونتاج فيديو',
  'موشن جرافيك',
  'تعليق صوتي',
  'ترجمة',
  'تدقيق لغوي',
  'كتابة محتوى',
  'تسويق إلكتروني',
  'إعلانات ممولة',
  'إدارة حسابات التواصل',
  'برمجة مواقع',
  'ووردبريس',
  'تطبيقات الجوال',
  'إدخال بيانات',
  'دراسة جدوى',
  'تصوير منتجات',
  'React',
  'Node.js',
  'Figma',
  'SEO',
  'Excel',
  'Python',
];
const COUNTRIES = ['EG', 'SA', 'JO', 'AE', 'MA', 'DZ', 'TN', 'IQ', 'SY', 'LB', 'KW', 'QA', 'SD', 'PS', 'YE', 'OM', 'BH', 'LY', 'TR', 'US'];
const LEVELS: [level: string, share: number][] = [
  ['new', 0.5],
  ['level1', 0.25],
  ['level2', 0.15],
  ['level3', 0.08],
  ['expert', 0.02],
];

/** A number from 0 to 1 that is the same for the same `i` and `salt` (the dataset is the same on every run). */
const rand = (i: number, salt: number) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
};

function levelOf(i: number): string {
  let r = rand(i, 1);
  for (const [level, share] of LEVELS) {
    if (r < share) return level;
    r -= share;
  }
  return 'new';
}

export async function seedPeople(services: Services, deps: Deps, count: number) {
  const started = performance.now();
  const passwordHash = await hashPassword('benchmark passphrase 1');
  const tag = Date.now().toString(36);
  const now = deps.clock().getTime();
  const ids: number[] = [];
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      const latin = rand(i, 2) < 0.12;
      const displayName = latin
        ? `${LATIN[i % LATIN.length]} ${i}`
        : `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
      const skills = Array.from({ length: 1 + Math.floor(rand(i, 3) * 5) }, (_, j) => SKILLS[(i * 7 + j * 5) % SKILLS.length]).filter(
        (s, j, a) => a.indexOf(s) === j,
      );
      const level = levelOf(i);
      const weight = { new: 0, level1: 1, level2: 2, level3: 3, expert: 3 }[level] ?? 0;
      const jobs =
        weight === 0 ? (rand(i, 4) < 0.3 ? Math.floor(rand(i, 5) * 4) : 0) : [5, 20, 50][weight - 1] + Math.floor(rand(i, 5) * 80);
      const reviews = Math.floor(jobs * (0.5 + rand(i, 6) * 0.4));
      const rating = reviews ? Math.round(300 + rand(i, 7) * 200) : 0;
      const username = `p${i}_${tag}`.slice(0, 30);
      const createdAt = new Date(now - Math.floor(rand(i, 8) * 900) * 86_400_000);
      return {
        email: `${username}@example.com`,
        username,
        passwordHash,
        displayName,
        bio: `${displayName}: مستقل يعمل في ${skills.join('، ')}.`,
        country: COUNTRIES[Math.floor(rand(i, 9) * COUNTRIES.length)],
        skills,
        searchText: normalizeText(`${displayName} ${username} ${skills.join(' ')}`),
        sellerLevel: level,
        emailVerifiedAt: createdAt,
        identityVerifiedAt: rand(i, 10) < 0.15 ? createdAt : null,
        sellerJobs: jobs,
        sellerRatingX100: rating,
        sellerReviews: reviews,
        termsVersion: 1,
        privacyVersion: 1,
        lastSeenAt: new Date(now - Math.floor(rand(i, 11) * 30 * 86_400) * 1000),
        createdAt,
        updatedAt: createdAt,
      };
    });
    const inserted = await deps.db.insert(users).values(rows).returning({ id: users.id });
    ids.push(...inserted.map((r) => r.id));
  }
  // A third sell 1–3 live services (for the cards' "from $…" and the profile's services).
  const leaves = (await services.catalog.categoryTree()).flatMap((c) => c.children.map((x) => x.id));
  const sellers = ids.filter((_, i) => i % 3 === 0);
  const svc = sellers.flatMap((sellerId, k) =>
    Array.from({ length: 1 + (k % 3) }, (_, j) => {
      const title = `${SKILLS[(k + j) % SKILLS.length]} باحترافية وسرعة ${k}-${j}`;
      return {
        sellerId,
        status: 'published',
        title,
        categoryId: leaves[(k + j) % leaves.length],
        description: `${title}. أقدم لك الخدمة بجودة عالية وتعديلات حتى الرضا، مع تسليم في الموعد وملفات المصدر كاملة بعد التسليم.`,
        priceCents: (5 + ((k * 7 + j * 13) % 60)) * 100,
        deliveryDays: 1 + ((k + j) % 10),
        skills: [SKILLS[(k + j) % SKILLS.length]],
        searchText: normalizeText(title),
        publishedAt: new Date(now - k * 60_000),
      };
    }),
  );
  for (let s = 0; s < svc.length; s += 1000) await deps.db.insert(serviceRows).values(svc.slice(s, s + 1000));
  // The 2,000 best rated get published reviews: 6 as seller (by others), 2 as buyer.
  const best = (
    (await deps.db.execute(
      sql`SELECT id FROM users WHERE seller_reviews > 0 ORDER BY seller_rating_x100 DESC, id LIMIT 2000`,
    )) as unknown as { rows: { id: number }[] }
  ).rows.map((r) => Number(r.id));
  let order = 1_000_000_000;
  const reviewRows = best.flatMap((subjectId, k) =>
    Array.from({ length: 8 }, (_, j) => ({
      orderId: order++,
      authorId: ids[(k * 11 + j * 17 + 1) % ids.length],
      subjectId,
      authorRole: j < 6 ? 'buyer' : 'seller',
      quality: 4 + (j % 2),
      communication: 5,
      onTime: 4 + ((j + 1) % 2),
      comment: j < 6 ? 'عمل ممتاز وتسليم في الموعد، أنصح بالتعامل معه.' : 'مشترٍ واضح في طلباته ومتعاون.',
      createdAt: new Date(now - j * 86_400_000),
      publishedAt: new Date(now - j * 86_400_000),
    })),
  );
  for (let s = 0; s < reviewRows.length; s += 2000) await deps.db.insert(reviews).values(reviewRows.slice(s, s + 2000));
  await deps.db.execute(sql`ANALYZE users`);
  await deps.db.execute(sql`ANALYZE services`);
  await deps.db.execute(sql`ANALYZE reviews`);
  console.log(
    `  seeded ${count} freelancers, ${svc.length} services of ${sellers.length} of them, ${reviewRows.length} reviews, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { ids, best };
}

export async function peopleCase(base: string, services: Services, deps: Deps, duration: number, idle: () => Promise<void>) {
  const count = deps.database.kind === 'postgres' ? COUNTS.postgres : COUNTS.pglite;
  const { ids, best } = await seedPeople(services, deps, count);
  // Who is online: streams open here, and the users of another instance heartbeating into the same table.
  const here = ids.filter((_, i) => i % 67 === 5).slice(0, 300);
  const unsubscribe = here.map((id) => deps.live.subscribe(id, () => {}));
  const otherHub = createLiveHub(deps.database);
  const otherIds = ids.filter((_, i) => i % 13 === 2).slice(0, 1500);
  for (const id of otherIds) otherHub.subscribe(id, () => {});
  const other = createPresence({ db: deps.db, live: otherHub, clock: deps.clock });
  other.start();
  await other.heartbeat();
  await services.presence.heartbeat();
  try {
    const run = (paths: string[]) =>
      autocannon({
        url: base,
        connections: CONNECTIONS,
        duration,
        workers: 1,
        requests: paths.map((p) => ({ method: 'GET', path: p })),
      } as autocannon.Options);
    const e = encodeURIComponent;
    const filtered = [
      '/freelancers?country=EG&minRating=4',
      '/freelancers?level=level2&verified=1',
      '/freelancers?online=1',
      `/freelancers?skill=${e('ترجمة')}&sort=jobs`,
      '/freelancers?minRating=4.5&sort=newest',
      '/freelancers?verified=1&online=1&country=SA',
    ];
    const searches = ['محمد', 'احمد المصري', 'تصميم شعارات', 'مونتاج', 'ترجمه', 'التسويق', 'سارة', 'react'];
    const searchPaths = searches.map((q) => `/freelancers?q=${e(q)}`);
    const apiPaths = [
      '/api/v1/freelancers',
      '/api/v1/freelancers?online=true',
      '/api/v1/freelancers?country=EG&minRating=4&sort=jobs',
      ...searches.slice(0, 5).map((q) => `/api/v1/freelancers?q=${e(q)}`),
    ];
    const usernames = (
      (await deps.db.execute(
        sql`SELECT username FROM users WHERE id = ANY (${`{${best.filter((_, i) => i % 20 === 0).join(',')}}`}::int[])`,
      )) as unknown as { rows: { username: string }[] }
    ).rows.map((r) => r.username);
    const profilePaths = usernames.slice(0, 100).map((u) => `/u/${u}`);
    const sample = (await (await fetch(base + apiPaths[1])).json()) as { items: unknown[] };
    const search = (await (await fetch(`${base}/api/v1/freelancers?q=${e(searches[0])}`)).json()) as { items: unknown[] };
    console.log(
      `  people: ${count} freelancers; online now: ${here.length} here + ${otherIds.length} on another instance (first page of ?online=true: ${sample.items.length}); «${searches[0]}»: ${search.items.length} on the first page; ${profilePaths.length} profiles; ${CONNECTIONS} connections, load from a worker thread`,
    );
    // A reference on the same machine at the same moment (other processes share its cores): a small page from the database.
    line('GET /privacy (reference: a small page, one read)', await run(['/privacy']));
    await idle();
    line('GET /freelancers (best rated, no filter)', await run(['/freelancers', '/en/freelancers']));
    await idle();
    line('GET /freelancers?… (filters: country, level, online…)', await run(filtered));
    await idle();
    line('GET /freelancers?q=… (Arabic name/skill search)', await run(searchPaths));
    await idle();
    line('GET /api/v1/freelancers?… (API, mixed)', await run(apiPaths));
    await idle();
    line('GET /u/:username (profile page, anonymous)', await run(profilePaths));
    await idle();
  } finally {
    for (const u of unsubscribe) u();
    await other.close();
  }
}
