import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, makeTestApp, PageClient, signedInPage, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import { SEED_ARTICLES } from './articles/index.ts';
import { HELP_TOPICS } from './rules.ts';

let t: TestApp;
type User = Awaited<ReturnType<typeof signedUpUser>>;
let admin: User;

beforeAll(async () => {
  t = await makeTestApp();
  admin = await staffUser(t, ['admin'], 'hadmin');
}, 120_000);
afterAll(async () => {
  await t.close();
});

const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': 'en' }, payload: payload as object });
const slugsFor = async (q: string, topic = '') =>
  (await api(null, 'GET', `/api/v1/help?q=${encodeURIComponent(q)}${topic ? `&topic=${topic}` : ''}`))
    .json()
    .items.map((a: { slug: string }) => a.slug);

const browserOf = (u: { username: string; password: string }) => signedInPage(t, u);

const article = (over: Record<string, string> = {}) => ({
  slug: `test-${Math.random().toString(36).slice(2, 8)}`,
  topic: 'payments',
  position: '9',
  titleAr: 'مقال تجريبي عن القسائم الذهبية',
  titleEn: 'A test article about golden vouchers',
  bodyAr: 'هذا مقال تجريبي يشرح القسائم الذهبية بالتفصيل، وهو نص طويل بما يكفي ليُقبل في مركز المساعدة.',
  bodyEn: 'This is a test article explaining golden vouchers in detail, long enough to be accepted by the help centre.',
  publish: 'now',
  publishAt: '',
  ...over,
});

describe('the help centre: seeded articles and the Arabic-aware search', () => {
  it('starts with every seeded article published, at least two a topic, and lists the topics', async () => {
    const topics = (await api(null, 'GET', '/api/v1/help/topics')).json().items as { slug: string; articlesCount: number }[];
    expect(topics.map((x) => x.slug)).toEqual([...HELP_TOPICS]);
    for (const x of topics) expect(x.articlesCount).toBeGreaterThanOrEqual(2);
    expect(topics.reduce((n, x) => n + x.articlesCount, 0)).toBe(SEED_ARTICLES.length);
    const home = await t.app.inject({ method: 'GET', url: '/help' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('مركز المساعدة');
    for (const a of SEED_ARTICLES) expect(home.body).toContain(`/help/articles/${a.slug}"`);
    const en = await t.app.inject({ method: 'GET', url: '/en/help/payments' });
    expect(en.body).toContain('<html lang="en" dir="ltr"');
    expect(en.body).toContain('Withdrawing your balance');
    expect((await t.app.inject({ method: 'GET', url: '/help/points' })).statusCode).toBe(404);
  });

  it('finds the withdrawal article for «سحب الرصيد» and its spellings: with or without «ال», hamza forms', async () => {
    for (const q of ['سحب الرصيد', 'السحب رصيد', 'سحب رصيدي', 'سَحْب الرَّصيد', 'السحب'])
      expect((await slugsFor(q))[0], q).toBe('withdraw-balance');
    // Every word must be there when some article has them all: no list of half the help centre.
    expect(await slugsFor('السحب رصيد')).not.toContain('identity-verification');
    for (const q of ['استرداد المبلغ', 'إسترداد المبلغ', 'الاسترداد']) expect(await slugsFor(q), q).toContain('refunds-and-disputes');
    for (const q of ['الاموال', 'الأموال', 'اموال']) expect(await slugsFor(q), q).toContain('balances-explained');
    // ة / ه and ى / ي as people type them.
    expect(await slugsFor('شارة موثقه')).toContain('identity-verification');
    expect(await slugsFor('العموله')).toContain('commission-and-clearance');
  });

  it('finds English articles by other forms of a word, any case, and through a typo', async () => {
    expect((await slugsFor('withdrawal'))[0]).toBe('withdraw-balance');
    expect(await slugsFor('Withdrawals')).toContain('withdraw-balance');
    expect(await slugsFor('WITHDRAWING minimum')).toContain('withdraw-balance');
    expect(await slugsFor('withdrawl')).toContain('withdraw-balance');
    expect(await slugsFor('refunded')).toContain('refunds-and-disputes');
    // A topic narrows the search.
    expect(await slugsFor('escrow', 'contests')).toEqual(expect.arrayContaining(['run-contest']));
    for (const s of await slugsFor('escrow', 'contests')) expect(SEED_ARTICLES.find((a) => a.slug === s)?.topic).toBe('contests');
  });

  it('shows the search on a page, in both languages, and says what to do when nothing matches', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/help/search?q=${encodeURIComponent('السحب رصيد')}` });
    expect(r.statusCode).toBe(200);
    expect(testId(r.body, 'help-results')).toContain('سحب الرصيد');
    const none = await t.app.inject({ method: 'GET', url: `/en/help/search?q=${encodeURIComponent('zzqxwv')}` });
    expect(none.body).toContain('data-testid="help-no-results"');
    expect(none.body).toContain('/en/support/new');
    expect((await api(null, 'GET', '/api/v1/help?cursor=garbage')).statusCode).toBe(400);
    expect((await api(null, 'GET', '/api/v1/help?topic=points')).statusCode).toBe(400);
  });

  it('serves an article by slug in both languages, with related articles; an unknown slug is 404', async () => {
    const r = await api(null, 'GET', '/api/v1/help/withdraw-balance');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ slug: 'withdraw-balance', topic: 'payments', yourVote: null, url: '/help/articles/withdraw-balance' });
    expect(r.json().body.ar).toContain('10 دولارات');
    expect(r.json().body.en).toContain('$10');
    expect((await api(null, 'GET', '/api/v1/help/nope')).json()).toMatchObject({ status: 404, code: 'help.not_found' });
    const p = await t.app.inject({ method: 'GET', url: '/help/articles/withdraw-balance' });
    expect(p.body).toMatch(/<h2[^>]*>الحد الأدنى والوسائل<\/h2>/);
    expect(p.body).toContain('data-testid="help-related"');
    expect(p.body).toContain('href="/withdrawal-methods"');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, object> };
    for (const path of ['/api/v1/help', '/api/v1/help/topics', '/api/v1/help/{slug}', '/api/v1/help/{slug}/vote'])
      expect(doc.paths[path], path).toBeDefined();
  });

  it('links the FAQ answers to published articles, and the footer to the help centre', async () => {
    const faq = await t.app.inject({ method: 'GET', url: '/faq' });
    const links = [...faq.body.matchAll(/href="(\/help\/articles\/[a-z0-9-]+)" data-testid="faq-help-link"/g)].map((m) => m[1]);
    expect(links.length).toBe(14);
    for (const l of new Set(links)) expect((await t.app.inject({ method: 'GET', url: l })).statusCode, l).toBe(200);
    expect(faq.body).toMatch(/<a[^>]*href="\/help"[^>]*>مركز المساعدة<\/a>/);
    const en = await t.app.inject({ method: 'GET', url: '/en/faq' });
    expect(en.body).toContain('href="/en/help/articles/withdraw-balance"');
    expect(en.body).toMatch(/<a[^>]*href="\/en\/help"[^>]*>Help centre<\/a>/);
  });
});

describe('writing articles (staff with the content permission)', () => {
  it('refuses everyone else: visitors sign in, users and other staff get 403, on the pages and the posts', async () => {
    const visitor = await t.app.inject({ method: 'GET', url: '/admin/help' });
    expect([302, 303, 401]).toContain(visitor.statusCode);
    for (const roles of [[], ['moderator'], ['support'], ['finance']]) {
      const u = roles.length ? await staffUser(t, roles, 'hstaff') : await signedUpUser(t, 'huser');
      const b = await browserOf(u);
      for (const url of ['/admin/help', '/admin/help/new', '/admin/help/1'])
        expect((await b.get(url)).statusCode, `${roles} ${url}`).toBe(403);
      expect((await b.post('/admin/help/new', article())).statusCode).toBe(403);
      expect((await b.post('/admin/help/1', article())).statusCode).toBe(403);
    }
    const mod = await browserOf(await staffUser(t, ['moderator'], 'hmod'));
    expect((await mod.get('/admin')).body).not.toContain('href="/admin/help"');
  });

  it('creates, keeps what was typed on a refusal, edits (the slug stays), and audits each step', async () => {
    const b = await browserOf(admin);
    expect((await b.get('/admin')).body).toContain('href="/admin/help"');
    const bad = await b.post('/admin/help/new', article({ slug: 'Bad Slug!', titleAr: 'قص', bodyEn: 'short' }));
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-slug')).toContain('حروف إنجليزية صغيرة');
    expect(testId(bad.body, 'error-titleAr')).toBeTruthy();
    expect(testId(bad.body, 'error-bodyEn')).toBeTruthy();
    expect(inputValue(bad.body, 'slug')).toBe('Bad Slug!');
    expect(bad.body).toContain('هذا مقال تجريبي يشرح القسائم الذهبية');
    const input = article({ slug: 'golden-vouchers' });
    const made = await b.post('/admin/help/new', input);
    expect(made.statusCode).toBe(303);
    const id = Number(/\/admin\/help\/(\d+)$/.exec(made.headers.location as string)?.[1]);
    expect(id).toBeGreaterThan(0);
    expect((await b.post('/admin/help/new', input)).statusCode).toBe(409);
    expect((await slugsFor('القسائم الذهبيه'))[0]).toBe('golden-vouchers');
    const edit = await b.post(`/admin/help/${id}`, { ...input, slug: 'renamed', titleEn: 'Golden vouchers, explained again' });
    expect(edit.statusCode).toBe(303);
    const after = (await api(null, 'GET', '/api/v1/help/golden-vouchers')).json();
    expect(after.title.en).toBe('Golden vouchers, explained again');
    expect((await api(null, 'GET', '/api/v1/help/renamed')).statusCode).toBe(404);
    const audits = await queryRows<{ action: string; data: { changed?: string[] } }>(
      t.deps.db,
      sql`SELECT action, data FROM audit_log WHERE target_type = 'help_article' AND target_id = ${String(id)} ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['help.article_created', 'help.article_updated']);
    expect(audits[1].data.changed).toEqual(['titleEn']);
    const list = await b.get('/admin/help');
    expect(list.body).toContain(`href="/admin/help/${id}"`);
  });

  it('keeps drafts and scheduled articles out of sight until their time (the clock moves)', async () => {
    const b = await browserOf(admin);
    const at = new Date(t.clock.now().getTime() + 3_600_000).toISOString().slice(0, 16);
    const word = 'زمردية';
    expect(
      (
        await b.post(
          '/admin/help/new',
          article({ slug: 'scheduled-one', titleAr: `قسائم ${word} مجدولة`, publish: 'scheduled', publishAt: at }),
        )
      ).statusCode,
    ).toBe(303);
    expect(
      (await b.post('/admin/help/new', article({ slug: 'draft-one', titleAr: `قسائم ${word} مسودة`, publish: 'draft' }))).statusCode,
    ).toBe(303);
    const past = await b.post('/admin/help/new', article({ slug: 'past-one', publish: 'scheduled', publishAt: '2020-01-01T00:00' }));
    expect(past.statusCode).toBe(400);
    expect(testId(past.body, 'error-publishAt')).toBeTruthy();
    const hidden = async () => {
      expect(await slugsFor(word)).toEqual([]);
      for (const s of ['scheduled-one', 'draft-one']) {
        expect((await api(null, 'GET', `/api/v1/help/${s}`)).statusCode).toBe(404);
        expect((await t.app.inject({ method: 'GET', url: `/help/articles/${s}` })).statusCode).toBe(404);
        expect((await api(null, 'PUT', `/api/v1/help/${s}/vote`, { helpful: true })).statusCode).toBe(401);
      }
      expect((await t.app.inject({ method: 'GET', url: '/help' })).body).not.toContain('scheduled-one');
    };
    await hidden();
    // Editors see it, marked as not published yet, without the helpful box.
    const preview = await b.get('/help/articles/scheduled-one');
    expect(preview.statusCode).toBe(200);
    expect(testId(preview.body, 'help-not-live')).toContain('مجدول');
    expect(preview.body).not.toContain('data-testid="help-feedback"');
    expect((await api(admin, 'GET', '/api/v1/help/draft-one')).statusCode).toBe(200);
    expect((await b.get('/admin/help')).body).toContain('يُنشر في');
    t.clock.advance(30 * 60_000);
    await hidden();
    t.clock.advance(31 * 60_000);
    expect(await slugsFor(word)).toEqual(['scheduled-one']);
    expect((await t.app.inject({ method: 'GET', url: '/help/articles/scheduled-one' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/help/articles/draft-one' })).statusCode).toBe(404);
  });
});

describe('raw HTML and script in an article', () => {
  it('is shown as typed on every page that renders it, never as markup; only site links become links', async () => {
    const b = await browserOf(admin);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const body = `## عنوان ${evil}\n\n${evil} نص طويل بما يكفي ليُقبل في مركز المساعدة مع [رابط خبيث](javascript:alert(3)) و[خارجي](https://evil.example) و[داخلي](/wallet).\n\n- ${evil}`;
    const input = article({ slug: 'xss-check', titleAr: `قسائم ياقوتية ${evil}`, titleEn: `Ruby ${evil}`, bodyAr: body, bodyEn: body });
    expect((await b.post('/admin/help/new', input)).statusCode).toBe(303);
    const pages = [
      await t.app.inject({ method: 'GET', url: '/help/articles/xss-check' }),
      await t.app.inject({ method: 'GET', url: '/en/help/articles/xss-check' }),
      await t.app.inject({ method: 'GET', url: '/help' }),
      await t.app.inject({ method: 'GET', url: '/help/payments' }),
      await t.app.inject({ method: 'GET', url: `/help/search?q=${encodeURIComponent('ياقوتية')}` }),
      await t.app.inject({ method: 'GET', url: `/help/search?q=${encodeURIComponent('<script>alert(4)</script>')}` }),
      await b.get('/admin/help'),
      await b.get(
        `/admin/help/${(await queryRows<{ id: number }>(t.deps.db, sql`SELECT id FROM help_articles WHERE slug = 'xss-check'`))[0].id}`,
      ),
    ];
    for (const p of pages) {
      expect(p.statusCode).toBe(200);
      expect(p.body).not.toMatch(/<script>alert|<img[^>]*onerror|href="javascript:|href="https:\/\/evil/);
    }
    expect(pages[0].body).toContain('&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>');
    expect(pages[0].body).toContain('href="/wallet"');
    expect(pages[5].body).toContain('&lt;script>alert(4)&lt;/script>');
    expect((await api(null, 'GET', '/api/v1/help/xss-check')).json().title.ar).toContain('<script>');
  });
});

describe('was this helpful?', () => {
  it('takes one changeable answer per visitor cookie, shows the ticket link after "no", and counts for staff only', async () => {
    const visitor = new PageClient(t.app);
    const page = await visitor.get('/help/articles/deposit-balance');
    expect(testId(page.body, 'help-feedback')).toContain('هل أفادك هذا المقال؟');
    expect(page.body).not.toContain('data-testid="help-ticket-link"');
    const no = await visitor.post('/help/articles/deposit-balance/vote', { helpful: 'no' });
    expect(no.statusCode).toBe(303);
    expect(no.headers.location).toBe('/help/articles/deposit-balance#feedback');
    expect([...visitor.cookies.keys()]).toContain('kafiil_voter');
    const after = await visitor.get('/help/articles/deposit-balance');
    expect(after.body).toMatch(/href="\/support\/new\?category=payment" data-testid="help-ticket-link"/);
    expect(after.body).toMatch(/aria-pressed="true" data-testid="help-vote-no"/);
    await visitor.post('/help/articles/deposit-balance/vote', { helpful: 'yes' });
    const changed = await visitor.get('/help/articles/deposit-balance');
    expect(changed.body).toContain('data-testid="help-thanks"');
    expect(changed.body).not.toContain('data-testid="help-ticket-link"');
    // Another visitor and a signed-in person answer "no".
    const other = new PageClient(t.app);
    await other.get('/help/articles/deposit-balance');
    await other.post('/help/articles/deposit-balance/vote', { helpful: 'no' });
    const u = await signedUpUser(t, 'hvote');
    expect((await api(u, 'PUT', '/api/v1/help/deposit-balance/vote', { helpful: false })).json()).toEqual({ helpful: false });
    expect((await api(u, 'GET', '/api/v1/help/deposit-balance')).json().yourVote).toBe(false);
    expect((await api(u, 'PUT', '/api/v1/help/deposit-balance/vote', { helpful: 'maybe' })).statusCode).toBe(400);
    expect((await api(null, 'PUT', '/api/v1/help/deposit-balance/vote', { helpful: true })).statusCode).toBe(401);
    expect((await visitor.post('/help/articles/deposit-balance/vote', { helpful: 'perhaps' })).statusCode).toBe(400);
    expect((await visitor.post('/help/articles/deposit-balance/vote', { helpful: 'yes' }, { csrf: 'forged' })).statusCode).toBe(403);
    // Staff see the counts: the first visitor's "yes", the other visitor's and the user's "no".
    const list = await (await browserOf(admin)).get('/admin/help');
    expect(testId(list.body, 'help-admin-votes-deposit-balance')).toBe('أفاد: 1 · لم يُفد: 2');
    expect(JSON.stringify((await api(null, 'GET', '/api/v1/help/deposit-balance')).json())).not.toMatch(/notHelpful|helpfulCount/);
  });
});
