import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, publishedService, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { auditLog, settings } from '../../platform/db/tables.ts';
import { DEFAULT_SYNONYMS, indexSynonyms, parseSynonyms, SYNONYMS_KEY, synonymsText } from '../../platform/search/index.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;

let t: TestApp;
let seller: User;
let mod: User;
let logoId: number;

async function signIn(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

const found = async (q: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/services?q=${encodeURIComponent(q)}` })).json().items.map((s: { id: number }) => s.id);

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'syn_seller');
  mod = await staffUser(t, ['moderator'], 'syn_mod');
  // The default helper's service: «تصميم شعار احترافي لشركتك» — the word people type is often «لوجو».
  logoId = (await publishedService(t, seller, mod)).id;
  await publishedService(t, seller, mod, {
    title: 'كتابة مقالات تسويقية لمدونتك',
    description: 'أكتب لك مقالات تسويقية أصيلة ومدروسة تناسب جمهورك وتحسن ظهور موقعك في محركات البحث مع مراجعة لغوية كاملة قبل التسليم.',
  });
});
afterAll(async () => {
  await t?.close();
});

describe('the synonyms list', () => {
  it('the defaults are a valid list of about thirty groups, Arabic with English', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThanOrEqual(30);
    expect(parseSynonyms(synonymsText(DEFAULT_SYNONYMS))).toEqual(DEFAULT_SYNONYMS);
    const index = indexSynonyms(DEFAULT_SYNONYMS);
    expect(index.get('لوجو')).toEqual(expect.arrayContaining(['شعار', 'لوغو', 'logo']));
    expect(index.get('فديو')).toEqual(expect.arrayContaining(['فيديو', 'video']));
    // Normalised as search text is: «ترجمة» is indexed as «ترجمه».
    expect(index.get('ترجمه')).toContain('translation');
  });

  it('refuses a line that is not a list of single words, a lone word, and a word in two groups, naming the line', () => {
    const code = (text: string) => {
      try {
        parseSynonyms(text);
        return 'ok';
      } catch (e) {
        const err = e as { fields: Record<string, string>; params: Record<string, unknown> };
        return `${err.fields.synonyms}:${err.params.line}`;
      }
    };
    expect(code('لوجو = شعار\n\nفيديو, video')).toBe('ok');
    expect(code('لوجو = شعار\nموقع = web site')).toBe('synonyms.term_invalid:2');
    expect(code('لوجو')).toBe('synonyms.group_too_small:1');
    expect(code('لوجو = شعار\nlogo = لوجو')).toBe('synonyms.term_repeated:2');
    expect(code("لوجو = 'x'")).toBe('synonyms.term_invalid:1');
  });
});

describe('searching with synonyms', () => {
  it('«لوجو», «لوغو» and «logo» find the «شعار» service; other words do not', async () => {
    for (const q of ['لوجو', 'لوغو', 'اللوجو', 'logo', 'تصميم لوجو', 'design logo']) expect(await found(q), q).toContain(logoId);
    expect(await found('مقالات')).not.toContain(logoId);
  });

  it('the results page says how many were found', async () => {
    const page = await new PageClient(t.app).get(`/services?q=${encodeURIComponent('لوجو')}`);
    expect(testId(page.body, 'results-count')).toBe('وجدنا خدمة واحدة');
    const all = await new PageClient(t.app).get('/en/services');
    expect(testId(all.body, 'results-count')).toBe('Found 2 services');
  });

  it('projects are searched with the same synonyms', async () => {
    const owner = await signedUpUser(t, 'syn_owner');
    const tree = await t.services.catalog.categoryTree();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: owner.auth,
      payload: {
        title: 'مونتاج فيديو قصير لإعلان متجر',
        description:
          'أحتاج إلى مونتاج فيديو قصير مدته دقيقة لإعلان متجري على الشبكات الاجتماعية، مع موسيقى وكتابة على الشاشة وصيغة مناسبة للجوال، وتسليم خلال أسبوع.',
        categoryId: tree[0].children[0].id,
        skills: ['مونتاج'],
        budgetMinCents: 2500,
        budgetMaxCents: 5000,
        expectedDays: 7,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/projects/${id}/approve`, headers: mod.auth })).statusCode).toBe(200);
    const search = async (q: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/projects?q=${encodeURIComponent(q)}` }))
        .json()
        .items.map((p: { id: number }) => p.id);
    expect(await search('فديو')).toContain(id);
    expect(await search('video')).toContain(id);
    const page = await new PageClient(t.app).get(`/projects?q=${encodeURIComponent('فديو')}`);
    expect(testId(page.body, 'results-count')).toBe('وجدنا مشروعًا واحدًا');
  });
});

describe('the synonyms admin page', () => {
  it('is closed to a user who is not staff, and to staff without the permission', async () => {
    const b = await signIn(seller);
    expect((await b.get('/admin/synonyms')).statusCode).toBe(403);
    expect((await b.post('/admin/synonyms', { synonyms: 'a1 = b1' })).statusCode).toBe(403);
    const finance = await staffUser(t, ['finance'], 'syn_fin');
    expect((await (await signIn(finance)).get('/admin/synonyms')).statusCode).toBe(403);
  });

  it('a moderator edits the list: a new group is searched at once, the change is audited, a bad line is refused', async () => {
    const b = await signIn(mod);
    const page = await b.get('/admin/synonyms');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('لوجو = لوغو');
    expect(page.body).toContain('href="/admin/synonyms"');
    expect(await found('كونسبت')).not.toContain(logoId);

    // A bad line: refused naming it, with what was typed kept.
    const bad = await b.post('/admin/synonyms', { synonyms: 'شعار = لوجو = كونسبت\nموقع = web site' });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-synonyms')).toBe('«web site» في السطر 2 ليست كلمة واحدة من حروف وأرقام (من 2 إلى 40 حرفًا).');
    expect(bad.body).toContain('موقع = web site');

    const ok = await b.post('/admin/synonyms', { synonyms: 'شعار = لوجو = كونسبت\nفيديو = video' });
    expect(ok.statusCode).toBe(303);
    const [row] = await t.deps.db.select().from(settings).where(eq(settings.key, SYNONYMS_KEY));
    expect(row.value).toEqual({
      groups: [
        ['شعار', 'لوجو', 'كونسبت'],
        ['فيديو', 'video'],
      ],
    });
    const [entry] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'settings.update'), eq(auditLog.targetId, SYNONYMS_KEY)));
    expect(entry.actorId).toBe(mod.id);
    expect(entry.data).toMatchObject({
      before: null,
      after: {
        groups: [
          ['شعار', 'لوجو', 'كونسبت'],
          ['فيديو', 'video'],
        ],
      },
    });

    expect(await found('كونسبت')).toContain(logoId);
    // «لوغو» was in the default list only.
    expect(await found('لوغو')).not.toContain(logoId);
    expect((await b.get('/admin/synonyms')).body).toContain('شعار = لوجو = كونسبت');
  });
});
