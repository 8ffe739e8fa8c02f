// The community case of `npm run bench` (issue 18; BENCH_ONLY=community runs it alone): the community's front page
// (its default sort, newest, a section, Arabic searches; the page and the API), the question bank and a topic with
// 500 comments (page and API) and a typical topic, at 50 connections with the load generated in a worker thread.
//
// Setup (not measured): BENCH_TOPICS discussions (20,000 on PostgreSQL, 1,000 on PGlite: BENCH_PGLITE_TOPICS) and a
// tenth as many questions by BENCH_TOPIC_AUTHORS authors (2,000; 200 on PGlite), users copied in bulk from one made by
// the accounts service, rows inserted 1,000 a statement with their search text; comments long-tailed (most topics a
// few); one topic with 500 comments (a fifth of them replies) and votes; then ANALYZE.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import { searchTextOf } from '../src/modules/community/rules.ts';
import { communityComments, communityTopics } from '../src/modules/community/schema.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normalizeText } from '../src/platform/text.ts';
import { bulkUsers, inChunks, line, prng } from './kit.ts';

const CONNECTIONS = 50;
const COUNTS = {
  postgres: { topics: Number(process.env.BENCH_TOPICS ?? 20_000), authors: Number(process.env.BENCH_TOPIC_AUTHORS ?? 2_000) },
  pglite: { topics: Number(process.env.BENCH_PGLITE_TOPICS ?? 1_000), authors: 200 },
};
const DAY = 86_400_000;
const BIG_THREAD = 500;

const TITLES: [title: string, skills: string[]][] = [
  ['كيف أكتب عرضًا مقنعًا لأول مشروع', ['كتابة عروض']],
  ['تجربتي مع أول طلب تصميم شعار', ['تصميم شعارات']],
  ['متى أطلب التعديلات من المستقل', []],
  ['أفضل طريقة لتسعير ترجمة تقنية', ['ترجمة', 'تسعير']],
  ['هل السحب عبر التحويل البنكي أسرع', []],
  ['نصائح لتصوير منتجات المتجر الإلكتروني', ['تصوير منتجات']],
  ['كيف أحمي ملفاتي قبل استلام المبلغ', []],
  ['ما الفرق بين ملف SVG و PNG للشعار', ['تصميم شعارات']],
  ['تطبيق جوال لحجز المواعيد: من أين أبدأ', ['تطبيقات جوال', 'فلاتر']],
  ['How do you price a landing page', ['web design', 'pricing']],
];
const BODY =
  'أشارككم ما تعلمته بعد أشهر من العمل الحر على كفيل، وأحب أن أسمع تجاربكم أيضًا.\n\n- اكتب خطة قصيرة في العرض\n- اسأل صاحب المشروع سؤالًا واحدًا عن التفاصيل\n- سلّم قبل الموعد إن استطعت';

export async function seedCommunity(services: Services, deps: Deps) {
  const plan = COUNTS[deps.database.kind];
  const db = deps.db;
  const rnd = prng(18);
  const t0 = performance.now();
  const tag = Array.from(randomBytes(4), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
  const authors = await bulkUsers(services, deps, `cm${tag}`, plan.authors);
  const sections = (await services.community.sections.all()).filter((s) => !s.staffOnly);
  const now = deps.clock().getTime();
  const questions = Math.floor(plan.topics / 10);
  const rows = Array.from({ length: plan.topics + questions }, (_, i) => {
    const [base, skills] = TITLES[i % TITLES.length];
    const question = i >= plan.topics;
    const title = `${base} (${i + 1})`;
    const created = new Date(now - rnd() * 365 * DAY);
    const comments = Math.floor(1 / (1 - rnd() * 0.97) - 1);
    const section = question ? null : sections[i % sections.length];
    return {
      type: question ? 'question' : 'discussion',
      sectionId: section?.id ?? null,
      authorId: authors[i % authors.length],
      title,
      body: BODY,
      skills,
      skillKeys: skills.map((s) => normalizeText(s)),
      votesCount: Math.floor(1 / (1 - rnd() * 0.98) - 1),
      commentsCount: comments,
      answersCount: comments,
      lastActivityAt: new Date(created.getTime() + rnd() * 30 * DAY),
      searchText: searchTextOf({ title, body: BODY, skills }, section ? `${section.nameAr} ${section.nameEn}` : ''),
      createdAt: created,
    };
  });
  await inChunks(rows, (chunk) => db.insert(communityTopics).values(chunk));
  const t1 = performance.now();
  // The topic with 500 comments: the newest, in the first section; a fifth of the comments reply to earlier ones.
  const [big] = await db
    .insert(communityTopics)
    .values({
      ...rows[0],
      title: 'نقاش طويل: كيف بدأتم العمل الحر؟',
      createdAt: new Date(now),
      lastActivityAt: new Date(now),
      commentsCount: BIG_THREAD,
      answersCount: 400,
      votesCount: 120,
    })
    .returning({ id: communityTopics.id });
  const top: number[] = [];
  for (let i = 0; i < BIG_THREAD; i++) {
    const reply = i % 5 === 4 && top.length > 0;
    const [c] = await db
      .insert(communityComments)
      .values({
        topicId: big.id,
        parentId: reply ? top[Math.floor(rnd() * top.length)] : null,
        authorId: authors[(i * 7) % authors.length],
        body: `تعليق رقم ${i + 1}: بدأت بخدمة صغيرة واحدة، ثم أضفت إليها مع أول تقييمات. **النصيحة**: لا تستعجل.`,
        votesCount: Math.floor(rnd() * 5),
        createdAt: new Date(now + i * 1000),
      })
      .returning({ id: communityComments.id });
    if (!reply) top.push(c.id);
  }
  await db.execute(sql`ANALYZE community_topics`);
  await db.execute(sql`ANALYZE community_comments`);
  const t2 = performance.now();
  const sec = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
  console.log(
    `  community: seeded ${plan.topics} discussions and ${questions} questions by ${plan.authors} authors in ${sec(t0, t1)} s, a topic with ${BIG_THREAD} comments and ANALYZE in ${sec(t1, t2)} s`,
  );
  // A typical discussion: a handful of comments, seeded with the rest (its thread is empty: the counts are the list's).
  const [typical] = await db
    .select({ id: communityTopics.id })
    .from(communityTopics)
    .where(sql`${communityTopics.type} = 'discussion' AND ${communityTopics.commentsCount} BETWEEN 3 AND 10`)
    .limit(1);
  return { bigTopicId: big.id, typicalTopicId: typical?.id ?? big.id };
}

export async function communityCase(base: string, services: Services, deps: Deps, duration: number, idle: () => Promise<void>) {
  const seeded = await seedCommunity(services, deps);
  const run = async (paths: string[], headers?: Record<string, string>) => {
    const requests = paths.map((path) => ({ method: 'GET' as const, path, ...(headers ? { headers } : {}) }));
    const r = await autocannon({ url: base, connections: CONNECTIONS, duration, workers: 1, requests } as autocannon.Options);
    await idle();
    return r;
  };
  /** Each page must answer 200 and show topics (or comments): an empty one fails the run. */
  const check = async (paths: string[], marker: RegExp) => {
    const counts: number[] = [];
    for (const p of paths) {
      const res = await fetch(base + p);
      if (res.status !== 200) throw new Error(`community bench: ${p} answered ${res.status}`);
      counts.push([...(await res.text()).matchAll(marker)].length);
    }
    if (counts.some((n) => n === 0)) process.exitCode = 1;
    return `  ${Math.min(...counts)}–${Math.max(...counts)} shown`;
  };
  const topics = /data-testid="topic-\d+"/g;
  const searches = ['عرض مقنع', 'تصميم شعار', 'تسعير الترجمه', 'السحب البنكي', 'تطبيق جوال', 'price'];
  line('GET /privacy (reference: a small database page)', await run(['/privacy']));
  line('GET /community (front page: most active)', await run(['/community']), await check(['/community'], topics));
  line('GET /community?sort=newest', await run(['/community?sort=newest']), await check(['/community?sort=newest'], topics));
  line(
    'GET /community?section=… (a section)',
    await run(['/community?section=general', '/community?section=experiences']),
    await check(['/community?section=general'], topics),
  );
  const searchPaths = searches.map((q) => `/community?q=${encodeURIComponent(q)}`);
  line('GET /community?q=… (Arabic searches)', await run(searchPaths), await check(searchPaths, topics));
  line('GET /questions (the question bank)', await run(['/questions', '/questions/unanswered']), await check(['/questions'], topics));
  line('GET /api/v1/community/topics', await run(['/api/v1/community/topics', '/api/v1/community/topics?sort=newest']));
  const big = `/community/${seeded.bigTopicId}`;
  line(`GET /community/:id (${BIG_THREAD} comments, anonymous)`, await run([big]), await check([big], /data-testid="comment-\d+"/g));
  line(`GET /api/v1/community/topics/:id (${BIG_THREAD} comments)`, await run([`/api/v1/community/topics/${seeded.bigTopicId}`]));
  line('GET /community/:id (a typical topic)', await run([`/community/${seeded.typicalTopicId}`]));
}
