// The contests case of `npm run bench` (issue 16; BENCH_ONLY=contests runs it alone): the contests' list (the page,
// its sorts and an Arabic search, and the API) and a contest's page, at 50 connections with the load generated in a
// worker thread.
//
// Setup (not measured): BENCH_CONTESTS contests (10,000 on PostgreSQL, 300 on PGlite: BENCH_PGLITE_CONTESTS) and
// BENCH_CONTEST_ENTRIES entries (100,000; 3,000 on PGlite: BENCH_PGLITE_CONTEST_ENTRIES) inserted in bulk (1,000 rows
// a statement) for a few hundred owners and a few thousand contestants (users copied in bulk from one made by the
// accounts service). Contests: 14 Arabic and English briefs varied by number, each in a leaf category, 1–3
// places with prizes, 60% open / 22% judging / 18% finished (the finished ones with their places awarded and paid),
// 15% blind, published over the last 60 days. Entries spread unevenly: 1% of the contests draw 150–600 each, one of
// them exactly BIG_ENTRIES (500), the rest a few each (most 0–10); 3% withdrawn; entries_count and contestants_count
// on each contest are the active entries and their authors. Entry files: a handful of real images uploaded once
// through the files service as attachments, with their watermarked previews (entry-files.ts `prepare`), and one
// PDF, shared by every entry (1–3 each). A third of the contests have public comments (some with replies, a few
// removed). Then ANALYZE.
//
// Measured: GET /privacy first (a small page from the database: what the machine gives at the moment), then
// GET /contests (newest), ?sort=ending, ?sort=prize (status=open is the default: the list redirects it to the address
// without it, which is what is measured), ?sort=entries, ?q=… (Arabic searches) — each first page must show contests
// (an empty one fails the run) — GET /api/v1/contests (newest, and the searches), GET /contests/:id for the contest
// with BIG_ENTRIES entries and for typical ones (as many entries as the median), anonymous and with a contestant's
// session cookie, and GET /api/v1/contests/:id for the big one. Then PostgreSQL's shared_buffers and the tables' sizes.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import { demoImage } from '../src/modules/catalog/demo-generator.ts';
import { contestComments, contestEntries, contests } from '../src/modules/contests/schema.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normalizeText } from '../src/platform/text.ts';
import { bulkUsers, inChunks, line, prng } from './kit.ts';

const CONNECTIONS = 50;
const COUNTS = {
  postgres: {
    contests: Number(process.env.BENCH_CONTESTS ?? 10_000),
    entries: Number(process.env.BENCH_CONTEST_ENTRIES ?? 100_000),
    owners: 300,
    contestants: 3_000,
  },
  pglite: {
    contests: Number(process.env.BENCH_PGLITE_CONTESTS ?? 300),
    entries: Number(process.env.BENCH_PGLITE_CONTEST_ENTRIES ?? 3_000),
    owners: 30,
    contestants: 300,
  },
};
/** The entries of the biggest contest measured (at most a sixth of all entries, on small runs). */
const BIG_ENTRIES = 500;
const DAY = 86_400_000;

const BRIEFS: [title: string, words: string][] = [
  ['تصميم شعار لمقهى مختص في الرياض', 'شعار هوية بصرية قهوة'],
  ['تصميم هوية بصرية كاملة لمتجر عطور', 'هوية بصرية عطور تغليف'],
  ['اقتراح اسم تجاري لشركة تقنية ناشئة', 'اسم تجاري علامة تجارية'],
  ['تصميم غلاف كتاب روايات للأطفال', 'غلاف كتاب رسم أطفال'],
  ['تصميم بوستر إعلاني لمهرجان الربيع', 'بوستر إعلان طباعة'],
  ['تصميم واجهة تطبيق جوال لحجز المواعيد', 'واجهة تطبيق تجربة مستخدم'],
  ['كتابة شعار نصي لحملة تسويقية', 'شعار نصي تسويق حملة'],
  ['تصميم تغليف منتج عسل طبيعي', 'تغليف منتج عسل ملصق'],
  ['رسم شخصية كرتونية لقناة يوتيوب', 'رسم شخصية كرتون يوتيوب'],
  ['تصميم منشورات سوشيال ميديا لمطعم', 'منشورات سوشيال ميديا مطعم'],
  ['Logo design for a fintech startup', 'logo brand identity fintech'],
  ['Mobile app icon for a fitness tracker', 'app icon fitness design'],
  ['T-shirt design for a charity run', 't-shirt print charity'],
  ['Landing page hero illustration', 'illustration landing page web'],
];

const ENTRY_TEXTS = [
  'فكرة الشعار مستوحاة من فنجان القهوة والخط العربي، بألوان دافئة تناسب الواجهة واللافتة.',
  'نسخة بالأبيض والأسود ونسخة ملونة، مع تجربة على الأكواب والأكياس.',
  'اعتمدت على الخط الكوفي الحديث مع رمز بسيط يسهل تذكره.',
  'ثلاثة ألوان أساسية وخط واضح، والملف المصدر جاهز بعد الفوز.',
  'تصميم بسيط وعصري يصلح للشاشات الصغيرة والطباعة.',
  'A clean geometric mark with a custom wordmark; works in one colour.',
  'Two variations: a bold version for signage and a light one for the app.',
  'Hand-drawn concept, vectorised, with a mockup on business cards.',
];

const COMMENTS = [
  'هل يمكن استخدام اللون الأخضر أم تفضلون الألوان الترابية؟',
  'ما المقاسات المطلوبة للملفات النهائية؟',
  'هل الاسم التجاري نهائي أم يمكن اقتراح تعديل عليه؟',
  'شكرًا على التوضيح، سأرسل مشاركتي قريبًا.',
  'هل تقبلون أكثر من فكرة في المشاركة الواحدة؟',
  'Is there a brand guide we should follow?',
  'Can the logo include an icon, or only text?',
];

/** Entries per contest: a few popular contests draw hundreds (one exactly `big`), most draw a few. */
function entryCounts(statuses: string[], total: number, big: number, bigIndex: number, rnd: () => number): number[] {
  const n = statuses.length;
  const weights = statuses.map((s, i) => {
    if (i === bigIndex) return 0;
    if (rnd() < 0.01) return 150 + rnd() * 450;
    // Exponential, mean ~6; a contest past its deadline had at least one entry (else it was refunded).
    const w = -Math.log(1 - rnd()) * 6;
    return s === 'open' ? w : Math.max(1, w);
  });
  const rest = Math.max(0, total - big);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const counts = weights.map((w, i) => (i === bigIndex ? big : Math.floor((w * rest) / sum)));
  for (let i = 0; i < n; i++) if (statuses[i] !== 'open' && counts[i] === 0) counts[i] = 1;
  // The rounding's remainder (or excess) spread over the 100 biggest others, so the total is exact.
  const biggest = counts
    .map((c, i) => [c, i])
    .filter(([, i]) => i !== bigIndex)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 100)
    .map(([, i]) => i);
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; diff !== 0 && biggest.length && k < 1_000_000; k++) {
    const i = biggest[k % biggest.length];
    if (diff > 0) {
      counts[i]++;
      diff--;
    } else if (counts[i] > 1) {
      counts[i]--;
      diff++;
    }
  }
  return counts;
}

interface Seeded {
  big: number;
  bigEntries: number;
  typical: number[];
  median: number;
  viewers: { cookie: string }[];
}

async function seedContests(services: Services, deps: Deps): Promise<Seeded> {
  const plan = COUNTS[deps.database.kind];
  const { sessions } = await import('../src/schema.ts');
  const { sha256, newToken } = await import('../src/platform/crypto.ts');
  const { contestAwards } = await import('../src/modules/contests/schema.ts');
  const db = deps.db;
  const rnd = prng(16);
  const t0 = performance.now();
  const tag = Array.from(randomBytes(4), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
  const owners = await bulkUsers(services, deps, `ko${tag}`, plan.owners);
  const contestants = await bulkUsers(services, deps, `ke${tag}`, plan.contestants);
  const t1 = performance.now();

  // The entries' files: real images (attachments with their watermarked previews) and a PDF, shared by every entry.
  const uploader = contestants[0];
  const fileIds: number[] = [];
  for (const [k, top] of ['design', 'programming', 'video', 'writing-translation', 'marketing', 'audio'].entries()) {
    const bytes = await demoImage(top, 1600 + k);
    fileIds.push((await services.files.saveAttachment(uploader, { name: `مشاركة-${k + 1}.jpg`, bytes })).id);
  }
  const pdf = Buffer.from('%PDF-1.4\n% the brand book of a contest entry\n');
  fileIds.push((await services.files.saveAttachment(uploader, { name: 'دليل-الهوية.pdf', bytes: pdf })).id);
  await services.contestFiles.prepare(uploader, fileIds);
  const t2 = performance.now();

  const leaves = (await services.catalog.categoryTree()).flatMap((c) =>
    c.children.map((x) => ({ id: x.id, names: `${x.nameAr} ${x.nameEn} ${c.nameAr} ${c.nameEn}` })),
  );
  const now = deps.clock().getTime();
  const n = plan.contests;
  const statuses = Array.from({ length: n }, () => {
    const r = rnd();
    return r < 0.6 ? 'open' : r < 0.82 ? 'judging' : 'finished';
  });
  // The big contest: open and not blind, so everyone sees its entries.
  const bigIndex = statuses.indexOf('open');
  const big = Math.min(BIG_ENTRIES, Math.floor(plan.entries / 6));
  const counts = entryCounts(statuses, plan.entries, big, bigIndex, rnd);
  const blind = statuses.map((_, i) => i !== bigIndex && rnd() < 0.15);

  const rows = statuses.map((status, i) => {
    const [title, words] = BRIEFS[i % BRIEFS.length];
    const cat = leaves[(i * 7) % leaves.length];
    const places = 1 + Math.floor(rnd() * 3);
    const first = 2_000 + Math.round(rnd() * 60) * 2_500;
    const prizesCents = [first, Math.round(first * 0.5), Math.round(first * 0.25)].slice(0, places);
    // Days since published: a contest past its deadline was published at least 9 days ago.
    const age = status === 'open' ? rnd() * 60 : 9 + rnd() * 51;
    const publishedAt = new Date(now - age * DAY);
    const startsAt = new Date(publishedAt.getTime() + (1 + rnd() * 5) * 3_600_000);
    const sinceStart = (now - startsAt.getTime()) / DAY;
    const entryDays =
      status === 'open'
        ? Math.min(90, Math.max(7, Math.ceil(sinceStart) + 1 + Math.floor(rnd() * 30)))
        : status === 'judging'
          ? Math.max(7, Math.floor(sinceStart) - Math.floor(rnd() * 13))
          : 7 + Math.floor(rnd() * Math.max(1, Math.floor(sinceStart) - 7));
    const endsAt = new Date(startsAt.getTime() + entryDays * DAY);
    const description = `${title} (رقم ${i}). ${words}. نبحث عن أفكار أصلية تناسب جمهورنا في الخليج ومصر والمغرب، مع شرح قصير للفكرة والألوان والخطوط المستخدمة، وملفات مصدر قابلة للتعديل للفائز بعد انتهاء المسابقة.`;
    const skills = words.split(' ').slice(0, 3);
    return {
      ownerId: owners[i % owners.length],
      status,
      title: `${title} ${i}`,
      description,
      conditions: i % 3 === 0 ? 'لا تستخدموا صورًا من الإنترنت؛ التصاميم أصلية فقط.' : '',
      categoryId: cat.id,
      skills,
      prizesCents,
      prizeTotalCents: prizesCents.reduce((a, b) => a + b, 0),
      entryDays,
      deliveryDays: 3 + (i % 5),
      blind: blind[i],
      searchText: normalizeText(`${title} ${skills.join(' ')} ${cat.names} ${description}`),
      commissionBp: 1000,
      publishedAt,
      startsAt,
      endsAt,
      closedAt: status === 'finished' ? new Date(Math.min(now - 3_600_000, endsAt.getTime() + 5 * DAY)) : null,
      entriesCount: 0,
      contestantsCount: 0,
      views: Math.floor(rnd() * 2000),
      createdAt: publishedAt,
      updatedAt: publishedAt,
    };
  });
  const ids: number[] = [];
  await inChunks(rows, async (chunk) => {
    const got = await db.insert(contests).values(chunk).returning({ id: contests.id });
    ids.push(...got.map((r) => r.id));
  });
  const t3 = performance.now();

  // Entries, by contests; each contestant makes 1–3 entries in a contest.
  const entryRows: (typeof contestEntries.$inferInsert)[] = [];
  const active = new Array<number>(n).fill(0);
  const authors = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    const c = rows[i];
    const start = c.startsAt.getTime();
    const until = Math.min(now - 60_000, c.endsAt.getTime());
    let u = Math.floor(rnd() * contestants.length);
    let left = 0;
    for (let j = 0; j < counts[i]; j++) {
      if (left === 0) {
        u = (u + 1 + Math.floor(rnd() * 3)) % contestants.length;
        left = 1 + Math.floor(rnd() * 3);
      }
      left--;
      const userId = contestants[u];
      const withdrawn = i !== bigIndex && rnd() < 0.03;
      const files = 1 + Math.floor(rnd() * 3);
      const from = Math.floor(rnd() * fileIds.length);
      const createdAt = new Date(start + rnd() * Math.max(60_000, until - start));
      entryRows.push({
        contestId: ids[i],
        userId,
        status: withdrawn ? 'withdrawn' : 'active',
        description: `${ENTRY_TEXTS[(i + j) % ENTRY_TEXTS.length]} (${j + 1})`,
        fileIds: Array.from({ length: files }, (_, k) => fileIds[(from + k) % fileIds.length]),
        rating: rnd() < 0.2 ? 1 + Math.floor(rnd() * 5) : null,
        shortlisted: rnd() < 0.05,
        createdAt,
        withdrawnAt: withdrawn ? createdAt : null,
      });
      if (!withdrawn) {
        active[i]++;
        authors[i].add(userId);
      }
    }
  }
  // Inserted in creation order across contests, as they came in.
  entryRows.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  await inChunks(entryRows, (chunk) => db.insert(contestEntries).values(chunk));
  // The counts on the rows, as entering keeps them (active entries, their distinct authors).
  const countRows = ids.map((id, i) => sql`(${id}::bigint, ${active[i]}::int, ${authors[i].size}::int)`);
  await inChunks(countRows, (chunk) =>
    db.execute(sql`UPDATE contests c SET entries_count = v.e, contestants_count = v.u
      FROM (VALUES ${sql.join(chunk, sql`, `)}) AS v(id, e, u) WHERE c.id = v.id`),
  );
  // Finished contests: every place awarded to one of their first active entries, and paid.
  await db.execute(sql`INSERT INTO ${contestAwards} (contest_id, place, entry_id, winner_id, prize_cents, status, awarded_by, awarded_at, delivered_at, paid_at)
    SELECT e.contest_id, e.rn, e.id, e.user_id, (c.prizes_cents ->> (e.rn - 1)::int)::bigint, 'paid', c.owner_id,
           c.ends_at + interval '1 day', c.ends_at + interval '3 days', c.closed_at
    FROM (SELECT id, contest_id, user_id, row_number() OVER (PARTITION BY contest_id ORDER BY id)::int AS rn
          FROM contest_entries WHERE status = 'active') e
    JOIN contests c ON c.id = e.contest_id
    WHERE c.status = 'finished' AND c.id BETWEEN ${ids[0]} AND ${ids[ids.length - 1]} AND e.rn <= jsonb_array_length(c.prizes_cents)`);
  const t4 = performance.now();

  // Public comments on a third of the contests (the big one has a long thread), some with replies, a few removed.
  const top: (typeof contestComments.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    const many = i === bigIndex ? 25 : rnd() < 0.33 ? 1 + Math.floor(rnd() * 6) : 0;
    for (let k = 0; k < many; k++)
      top.push({
        contestId: ids[i],
        userId: contestants[Math.floor(rnd() * contestants.length)],
        body: COMMENTS[(i + k) % COMMENTS.length],
        status: rnd() < 0.02 ? 'removed' : 'visible',
        createdAt: new Date(
          rows[i].startsAt.getTime() + rnd() * Math.max(60_000, Math.min(now, rows[i].endsAt.getTime()) - rows[i].startsAt.getTime()),
        ),
      });
  }
  top.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  const parents: { id: number; contestId: number }[] = [];
  await inChunks(top, async (chunk) => {
    parents.push(
      ...(await db.insert(contestComments).values(chunk).returning({ id: contestComments.id, contestId: contestComments.contestId })),
    );
  });
  const ownerOf = new Map(ids.map((id, i) => [id, rows[i].ownerId]));
  const replies = parents.flatMap((p) =>
    rnd() < 0.4
      ? [
          {
            contestId: p.contestId,
            userId: ownerOf.get(p.contestId) as number,
            parentId: p.id,
            body: 'نعم، وضحنا ذلك في الشروط. بالتوفيق للجميع!',
            createdAt: new Date(now - rnd() * DAY),
          },
        ]
      : [],
  );
  await inChunks(replies, (chunk) => db.insert(contestComments).values(chunk));
  await db.execute(sql`ANALYZE contests`);
  await db.execute(sql`ANALYZE contest_entries`);
  await db.execute(sql`ANALYZE contest_comments`);
  await db.execute(sql`ANALYZE contest_awards`);
  await db.execute(sql`ANALYZE users`);
  const t5 = performance.now();

  // Typical contests: as many active entries as the median, any status (blind ones included), not the big one.
  const sorted = [...active].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const typical = ids.filter((_, i) => i !== bigIndex && active[i] === median).slice(0, 20);
  const popular = active.filter((a) => a >= 100).length;
  // Signed-in viewers: contestants with a web session each (stored as the app stores them: the token's SHA-256).
  const viewers = contestants.slice(1, 21).map((userId) => ({ userId, token: newToken() }));
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
  const sec = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
  console.log(
    `  seeded ${n} contests (${statuses.filter((s) => s === 'open').length} open, ${blind.filter(Boolean).length} blind) and ${entryRows.length} entries ` +
      `(${active.reduce((a, b) => a + b, 0)} active; ${popular} contests with ≥ 100, the biggest ${Math.max(...active)}, median ${median}, ` +
      `${active.filter((a) => a === 0).length} with none), ${top.length + replies.length} comments, ${fileIds.length} shared entry files; ` +
      `${owners.length} owners, ${contestants.length} contestants in ${sec(t0, t5)} s (users ${sec(t0, t1)} s, files ${sec(t1, t2)} s, ` +
      `contests ${sec(t2, t3)} s, entries + awards ${sec(t3, t4)} s, comments + ANALYZE ${sec(t4, t5)} s)`,
  );
  return {
    big: ids[bigIndex],
    bigEntries: active[bigIndex],
    typical,
    median,
    viewers: viewers.map((v) => ({ cookie: `kafiil_session=${v.token}; kafiil_csrf=${newToken()}` })),
  };
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

/** The PostgreSQL settings and the contests' tables with their indexes (what the page cache has to hold). */
async function sizes(deps: Deps): Promise<string> {
  const [r] = (
    (await deps.db.execute(sql`SELECT current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm,
      pg_size_pretty(pg_total_relation_size('contests')) AS contests, pg_size_pretty(pg_total_relation_size('contest_entries')) AS entries,
      pg_size_pretty(pg_total_relation_size('contest_comments')) AS comments, pg_size_pretty(pg_total_relation_size('users')) AS users`)) as unknown as {
      rows: Record<string, string>[];
    }
  ).rows;
  return `shared_buffers ${r.sb}, work_mem ${r.wm}; with their indexes: contests ${r.contests}, contest_entries ${r.entries}, contest_comments ${r.comments}, users ${r.users}`;
}

export async function contestsCase(base: string, services: Services, deps: Deps, duration: number, idle: () => Promise<void>) {
  const seeded = await seedContests(services, deps);
  const run = async (requests: autocannon.Request[]) => {
    const r = await autocannon({ url: base, connections: CONNECTIONS, duration, workers: 1, requests } as autocannon.Options);
    await idle();
    return r;
  };
  /** Each path, or with headers each (path, headers) in turn: as many requests as the longer list. */
  const get = (paths: string[], headers?: Record<string, string>[]) =>
    Array.from({ length: Math.max(paths.length, headers?.length ?? 0) }, (_, i) => ({
      method: 'GET' as const,
      path: paths[i % paths.length],
      ...(headers ? { headers: headers[i % headers.length] } : {}),
    }));
  /**
   * The canonical addresses of list pages (status=open is the default: the list redirects it to the address without
   * it), and how many contest cards their first page shows: an empty one is a failure (the ending sort showed none).
   */
  const listing = async (paths: string[]) => {
    const out: string[] = [];
    const cards: number[] = [];
    for (const p of paths) {
      const r = await settle(base, p);
      if (r.status !== 200) throw new Error(`contests bench: ${p} answered ${r.status}`);
      out.push(r.path);
      cards.push([...(await (await fetch(base + r.path)).text()).matchAll(/data-testid="contest-\d+"/g)].length);
    }
    return { paths: out, note: shown(cards, 'cards') };
  };
  const shown = (n: number[], what: string) => {
    if (n.some((x) => x === 0)) process.exitCode = 1;
    const lo = Math.min(...n);
    const hi = Math.max(...n);
    return `  ${lo === hi ? lo : `${lo}–${hi}`} ${what}${lo === 0 ? ' ✗ an empty first page' : ''}`;
  };
  const apiItems = async (paths: string[]) =>
    shown(
      await Promise.all(paths.map(async (p) => ((await (await fetch(base + p)).json()) as { items: unknown[] }).items.length)),
      'items',
    );
  const searches = [
    'تصميم شعار',
    'هويه بصرية',
    'غلاف كتاب',
    'اسم تجاري',
    'تغليف منتج',
    'رسم شخصيه كرتونية',
    'منشورات سوشيال ميديا',
    'logo',
  ];
  const first = (await (await fetch(`${base}/api/v1/contests?q=${encodeURIComponent(searches[0])}`)).json()) as {
    items: unknown[];
    total: { n: number };
  };
  console.log(
    `  contests: ${searches.length} searches (e.g. «${searches[0]}»: ${first.items.length} on the first page of ${first.total.n}); ${CONNECTIONS} connections, load from a worker thread`,
  );
  line('GET /privacy (reference: a small database page)', await run(get(['/privacy'])));
  const measure = async (name: string, l: { paths: string[]; note: string }) => line(name, await run(get(l.paths)), l.note);
  await measure('GET /contests (newest)', await listing(['/contests']));
  await measure('GET /contests?sort=ending', await listing(['/contests?sort=ending']));
  const prize = await listing(['/contests?sort=prize&status=open']);
  await measure(`GET ${prize.paths[0]} (status=open: the default)`, prize);
  await measure('GET /contests?sort=entries', await listing(['/contests?sort=entries']));
  await measure('GET /contests?q=… (Arabic search page)', await listing(searches.map((q) => `/contests?q=${encodeURIComponent(q)}`)));
  const apiList = ['/api/v1/contests'];
  line('GET /api/v1/contests (newest)', await run(get(apiList)), await apiItems(apiList));
  const apiSearch = searches.map((q) => `/api/v1/contests?q=${encodeURIComponent(q)}`);
  line('GET /api/v1/contests?q=… (search API)', await run(get(apiSearch)), await apiItems(apiSearch));

  const htmlKb = async (p: string, cookie?: string) =>
    (Buffer.byteLength(await (await fetch(base + p, { headers: cookie ? { cookie } : {} })).text()) / 1024).toFixed(0);
  const bigPath = `/contests/${seeded.big}`;
  const typical = seeded.typical.map((id) => `/contests/${id}`);
  const cookies = seeded.viewers.map((v) => ({ cookie: v.cookie }));
  console.log(
    `  contest pages: the big one ${bigPath} with ${seeded.bigEntries} entries (~${await htmlKb(bigPath)} KB of HTML anonymous, ~${await htmlKb(bigPath, cookies[0].cookie)} KB signed in); ` +
      `${typical.length} typical ones with ${seeded.median} entries each (~${await htmlKb(typical[0] ?? bigPath)} KB); signed in: ${cookies.length} contestants' session cookies`,
  );
  const big = `${seeded.bigEntries} entries`;
  line(`GET /contests/:id (${big}, anonymous)`, await run(get([bigPath])));
  line(`GET /contests/:id (${big}, signed in)`, await run(get([bigPath], cookies)));
  if (typical.length) {
    line('GET /contests/:id (typical, anonymous)', await run(get(typical)));
    line('GET /contests/:id (typical, signed in)', await run(get(typical, cookies)));
  }
  line(`GET /api/v1/contests/:id (${big}, anonymous)`, await run(get([`/api/v1${bigPath}`])));
  console.log(`  ${deps.database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${await sizes(deps)}`);
}
