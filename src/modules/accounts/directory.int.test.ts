import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, publishedService, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { users } from './schema.ts';

/**
 * The freelancers directory (/freelancers and GET /api/v1/freelancers, API.md "Works, favourites, people"): each
 * filter, each sort, the keyset pages, the API's item shape, and the page in both languages.
 */
let t: TestApp;
type Person = { id: number; username: string };
const people: Record<string, Person> = {};
let seq = 0;

const ZERO = { sellerJobs: 0, sellerRatingX100: 0, sellerReviews: 0, buyerRatingX100: 0, buyerReviews: 0 };

/** A freelancer with a profile, a level, a record (as the orders module keeps it) and maybe a verified identity. */
async function freelancer(
  key: string,
  o: { name: string; skills: string[]; country?: string; level?: string; verified?: boolean; stats?: Partial<typeof ZERO> },
) {
  const username = `dir_${key}_${++seq}`.slice(0, 30);
  const u = await t.services.accounts.createDemoUser({ email: `${username}@example.com`, username, password: 'directory passphrase 1' });
  const actor = {
    id: u.id,
    username,
    displayName: username,
    email: u.email,
    roles: [],
    emailVerified: true,
    locale: 'ar' as const,
    sessionId: 0,
  };
  await t.services.accounts.updateProfile(actor, { displayName: o.name, skills: o.skills, country: o.country ?? '' });
  if (o.level) await t.services.accounts.setSellerLevel(u.id, o.level);
  await t.services.accounts.setPersonStats(u.id, { ...ZERO, ...o.stats });
  if (o.verified) await t.deps.db.update(users).set({ identityVerifiedAt: t.clock.now() }).where(eq(users.id, u.id));
  people[key] = { id: u.id, username };
  return people[key];
}

const api = async (qs = '') => {
  const r = await t.app.inject({ method: 'GET', url: `/api/v1/freelancers${qs}` });
  return { status: r.statusCode, body: r.json() as { items: Record<string, unknown>[]; nextCursor: string | null; code?: string } };
};
const names = async (qs = '') => (await api(qs)).body.items.map((i) => i.username);
const keys = (...k: string[]) => k.map((x) => people[x].username);
/** The text of the element with this test id, tags (the icons) left out, up to the end of its list item. */
const textIn = (html: string, id: string) => {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) return null;
  const end = html.indexOf('</li>', at);
  return html
    .slice(html.indexOf('>', at) + 1, end < 0 ? undefined : end)
    .replace(/<[^>]+>/g, '')
    .trim();
};

beforeAll(async () => {
  t = await makeTestApp();
  // Created in this order: ids grow, so "newest" is the reverse.
  await freelancer('ahmad', {
    name: 'أحمد المصمم',
    skills: ['تصميم شعارات', 'هوية بصرية'],
    country: 'EG',
    level: 'level2',
    verified: true,
    stats: { sellerJobs: 30, sellerRatingX100: 480, sellerReviews: 25 },
  });
  await freelancer('sara', {
    name: 'سارة',
    skills: ['ترجمة', 'تدقيق لغوي'],
    country: 'JO',
    level: 'level1',
    stats: { sellerJobs: 8, sellerRatingX100: 495, sellerReviews: 6 },
  });
  await freelancer('omar', {
    name: 'Omar Dev',
    skills: ['React', 'Node.js'],
    country: 'SA',
    level: 'level3',
    verified: true,
    stats: { sellerJobs: 120, sellerRatingX100: 470, sellerReviews: 90 },
  });
  await freelancer('layla', {
    name: 'ليلى',
    skills: ['كتابة محتوى'],
    country: 'EG',
    stats: { sellerJobs: 2, sellerRatingX100: 350, sellerReviews: 2 },
  });
  await freelancer('newbie', { name: 'مستقل جديد', skills: ['إدخال بيانات'] });
  // Listed only with a skill, and never once deactivated.
  await t.services.accounts.createDemoUser({ email: 'noskills@example.com', username: 'dir_noskills', password: 'directory passphrase 1' });
  const gone = await freelancer('gone', { name: 'حساب معطل', skills: ['تصميم شعارات'] });
  await t.deps.db.update(users).set({ deactivatedAt: t.clock.now() }).where(eq(users.id, gone.id));
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/freelancers', () => {
  it('answers items of exactly the fields API.md names, best rated first', async () => {
    const { status, body } = await api();
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((i) => i.username)).toEqual(keys('sara', 'ahmad', 'omar', 'layla', 'newbie'));
    for (const item of body.items)
      expect(Object.keys(item).sort()).toEqual(['country', 'displayName', 'level', 'online', 'rating', 'username', 'verified']);
    expect(body.items[1]).toEqual({
      username: people.ahmad.username,
      displayName: 'أحمد المصمم',
      level: 'level2',
      rating: 4.8,
      online: false,
      verified: true,
      country: 'EG',
    });
    expect(body.items[4]).toMatchObject({ rating: null, level: 'new', verified: false });
  });

  it('filters by online now, verified identity, minimum rating, level, skill and country', async () => {
    const stream = t.deps.live.subscribe(people.layla.id, () => {});
    try {
      expect(await names('?online=true')).toEqual(keys('layla'));
      expect((await api('?online=true')).body.items[0].online).toBe(true);
    } finally {
      stream();
    }
    expect(await names('?online=true')).toEqual([]);
    expect(await names('?verified=true')).toEqual(keys('ahmad', 'omar'));
    expect(await names('?minRating=4.8')).toEqual(keys('sara', 'ahmad'));
    expect(await names('?minRating=3')).toEqual(keys('sara', 'ahmad', 'omar', 'layla'));
    expect(await names('?level=level3')).toEqual(keys('omar'));
    expect(await names('?level=new')).toEqual(keys('layla', 'newbie'));
    // A skill written with other letter forms (hamza, ta marbuta) or case.
    expect(await names(`?skill=${encodeURIComponent('ادخال بيانات')}`)).toEqual(keys('newbie'));
    expect(await names('?skill=react')).toEqual(keys('omar'));
    expect(await names('?country=EG')).toEqual(keys('ahmad', 'layla'));
    expect(await names(`?country=${encodeURIComponent('الأردن')}`)).toEqual(keys('sara'));
    expect(await names('?country=eg&verified=true&minRating=4')).toEqual(keys('ahmad'));
  });

  it('searches names and skills the Arabic-aware way (letter forms, with or without «ال»)', async () => {
    expect(await names(`?q=${encodeURIComponent('احمد')}`)).toEqual(keys('ahmad'));
    expect(await names(`?q=${encodeURIComponent('مصمم')}`)).toEqual(keys('ahmad'));
    expect(await names(`?q=${encodeURIComponent('الشعارات')}`)).toEqual(keys('ahmad'));
    expect(await names(`?q=${encodeURIComponent('هويه')}`)).toEqual(keys('ahmad'));
    expect(await names(`?q=${encodeURIComponent('سارَة')}`)).toEqual(keys('sara'));
    expect(await names('?q=omar%20node')).toEqual(keys('omar'));
    expect(await names(`?q=${encodeURIComponent(people.layla.username)}`)).toEqual(keys('layla'));
    expect(await names('?q=zzzqqq')).toEqual([]);
    // Wildcards typed are just characters; a query of no letters asks for nothing.
    expect(await names('?skill=%25')).toEqual([]);
    expect(await names('?q=%25%25')).toHaveLength(5);
  });

  it('sorts by most jobs and by newest, and pages through each without repeating anyone', async () => {
    expect(await names('?sort=jobs')).toEqual(keys('omar', 'ahmad', 'sara', 'layla', 'newbie'));
    expect(await names('?sort=newest')).toEqual(keys('newbie', 'layla', 'omar', 'sara', 'ahmad'));
    for (const sort of ['rating', 'jobs', 'newest']) {
      const seen: unknown[] = [];
      let cursor: string | null = '';
      for (let i = 0; i < 5 && cursor !== null; i++) {
        const r = await api(`?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...r.body.items.map((x) => x.username));
        cursor = r.body.nextCursor;
      }
      expect(seen, sort).toEqual(await names(`?sort=${sort}`));
    }
  });

  it('refuses a tampered cursor, an unknown level or sort and a country it does not know', async () => {
    const bad = await api('?cursor=WyJlIiwiMSJd_x');
    expect(bad.status).toBe(400);
    const fields = (bad.body as unknown as { errors: { field: string; code: string }[] }).errors;
    expect(fields).toEqual([expect.objectContaining({ field: 'cursor', code: 'search.cursor_invalid' })]);
    // A cursor of another sort's shape is refused too.
    const jobs = (await api('?sort=jobs&limit=1')).body.nextCursor as string;
    expect((await api(`?sort=newest&cursor=${jobs}`)).status).toBe(400);
    expect((await api('?level=guru')).status).toBe(400);
    expect((await api('?sort=cheapest')).status).toBe(400);
    expect((await api('?minRating=6')).status).toBe(400);
    const narnia = await api('?country=Narnia');
    expect(narnia.status).toBe(400);
    expect((narnia.body as unknown as { errors: { field: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'country', code: 'account.country_invalid' }),
    ]);
  });

  it('is documented in the OpenAPI description with its filters and item shape', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/freelancers'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'online', 'verified', 'minRating', 'level', 'skill', 'country', 'sort', 'limit', 'cursor']),
    );
    const item = op.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(item.properties).sort()).toEqual(['country', 'displayName', 'level', 'online', 'rating', 'username', 'verified']);
  });
});

describe('the /freelancers page', () => {
  it('shows what a buyer compares on each card, in Arabic and in English', async () => {
    // One freelancer with a live service: the card says where their prices start.
    const seller = await signedUpUser(t, 'dirseller');
    const mod = await staffUser(t, ['moderator'], 'dirmod');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: seller.auth,
      payload: { displayName: 'بائع الشعارات', skills: ['شعارات'], country: 'AE' },
    });
    await publishedService(t, seller, mod, { priceCents: 1500 });
    await publishedService(t, seller, mod, { priceCents: 900, title: 'شعار بسيط وسريع لمتجرك' });
    const page = await new PageClient(t.app).get(`/freelancers?q=${encodeURIComponent('بائع')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/u/${seller.username}"`);
    expect(testId(page.body, 'card-price')).toBe('تبدأ من \u2066$9\u2069');

    const ar = await new PageClient(t.app).get('/freelancers');
    const card = ar.body.slice(ar.body.indexOf(`data-testid="freelancer-${people.ahmad.username}"`));
    expect(testId(card, 'card-name')).toBe('أحمد المصمم');
    expect(card).toMatch(new RegExp(`<bdi dir="ltr"[^>]*>\u2066@${people.ahmad.username}\u2069</bdi>`));
    expect(testId(card, 'card-level')).toBe('المستوى الثاني');
    expect(testId(card, 'card-country')).toBe('مصر');
    expect(card).toMatch(/data-testid="verified-badge"[^>]*>(<svg[\s\S]*?<\/svg>)موثّق الهوية</);
    expect(card).toContain('data-testid="offline-dot"');
    expect(textIn(card, 'card-rating')).toBe('التقييم 4.8 من 54.8(25 تقييمًا)');
    expect(testId(card, 'card-jobs')).toBe('30 عملًا مكتملًا');
    expect(card).toContain(`href="/freelancers?${new URLSearchParams({ skill: 'تصميم شعارات' })}"`);
    expect(testId(ar.body, 'results-heading')).toBe('كل المستقلين');

    const en = await new PageClient(t.app).get('/en/freelancers?sort=jobs');
    expect(en.body).toContain('<html lang="en" dir="ltr"');
    const enCard = en.body.slice(en.body.indexOf(`data-testid="freelancer-${people.omar.username}"`));
    expect(testId(enCard, 'card-level')).toBe('Level 3');
    expect(testId(enCard, 'card-country')).toBe('Saudi Arabia');
    expect(enCard).toMatch(/data-testid="verified-badge"[^>]*>(<svg[\s\S]*?<\/svg>)Identity verified</);
    expect(testId(enCard, 'card-jobs')).toBe('120 completed jobs');
    expect(textIn(enCard, 'card-rating')).toBe('Rated 4.7 out of 54.7(90 reviews)');
    expect(en.body.indexOf(people.omar.username)).toBeLessThan(en.body.indexOf(people.ahmad.username));
  });

  it('filters without JavaScript (a GET form), keeps the filters checked, and tidies the address', async () => {
    const b = new PageClient(t.app);
    const form = await b.get('/freelancers');
    expect(form.body).toMatch(/<form method="get" action="\/freelancers" id="directory-form"/);
    for (const name of ['q', 'level', 'minRating', 'skill', 'country', 'sort', 'online', 'verified'])
      expect(form.body, name).toMatch(new RegExp(`name="${name}"`));
    // The form as a browser sends it, with the empty fields: the same list at its tidy address.
    const raw = await b.get('/freelancers?q=&level=&minRating=&skill=&country=&sort=rating&verified=1');
    expect(raw.statusCode).toBe(302);
    expect(raw.headers.location).toBe('/freelancers?verified=1');
    // A hand-written link's yes (true, as the API takes it) is the form's 1.
    const handWritten = await b.get('/freelancers?verified=true');
    expect([handWritten.statusCode, handWritten.headers.location]).toEqual([302, '/freelancers?verified=1']);
    const verified = await b.get('/freelancers?verified=1');
    expect(verified.body).toMatch(/name="verified" value="1" checked/);
    expect(verified.body).toContain(`href="/u/${people.ahmad.username}"`);
    expect(verified.body).not.toContain(`href="/u/${people.sara.username}"`);
    const stream = t.deps.live.subscribe(people.sara.id, () => {});
    try {
      const online = await b.get('/en/freelancers?online=1');
      expect(online.body).toMatch(/name="online" value="1" checked/);
      expect(online.body).toContain(`href="/en/u/${people.sara.username}"`);
      expect(online.body).not.toContain(`href="/en/u/${people.ahmad.username}"`);
      expect(online.body).toContain('data-testid="online-dot"');
    } finally {
      stream();
    }
    const level = await b.get('/freelancers?level=level3&minRating=4.5');
    expect(level.body).toContain(`href="/u/${people.omar.username}"`);
    expect(level.body).not.toContain(`href="/u/${people.ahmad.username}"`);
    const none = await b.get('/freelancers?q=zzzqqq');
    expect(testId(none.body, 'directory-empty')).toContain('لا يوجد مستقلون');
    expect(testId(none.body, 'results-heading')).toBe('نتائج «zzzqqq»');
  });

  it('answers htmx with the results alone, and "show more" with the next cards', async () => {
    const hx = await t.app.inject({
      method: 'GET',
      url: '/freelancers?sort=newest',
      headers: { 'hx-request': 'true', 'hx-target': 'results' },
    });
    expect(hx.statusCode).toBe(200);
    expect(hx.body).not.toContain('<html');
    expect(hx.body).toContain('id="results"');
    expect(hx.headers['hx-push-url']).toBe('/freelancers?sort=newest');
    // More than a page: the first ends with a "show more" link that htmx turns into the next cards.
    for (let i = 0; i < 26; i++) await freelancer(`bulk${i}`, { name: `مستقل رقم ${i}`, skills: ['مونتاج'] });
    const first = await new PageClient(t.app).get(`/freelancers?skill=${encodeURIComponent('مونتاج')}&sort=newest`);
    expect(first.body).toContain('data-testid="more"');
    const next = (/<a class="btn btn-wide" href="([^"]+)"/.exec(first.body)?.[1] ?? '').replace(/&amp;/g, '&');
    expect(next).toContain('cursor=');
    const page2 = await t.app.inject({ method: 'GET', url: next, headers: { 'hx-request': 'true', 'hx-target': 'more' } });
    expect(page2.body).not.toContain('id="results"');
    expect(page2.body).toContain(`data-testid="freelancer-${people.bulk0.username}"`);
    expect(first.body).not.toContain(`data-testid="freelancer-${people.bulk0.username}"`);
    // A tampered cursor in a link starts from the first page.
    const tampered = await new PageClient(t.app).get(`/freelancers?sort=newest&cursor=WyJlIiwiMSJd_x`);
    expect(tampered.statusCode).toBe(200);
  });
});
