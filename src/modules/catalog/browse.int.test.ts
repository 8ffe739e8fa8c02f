import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  inputValue,
  makeTestApp,
  PageClient,
  signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { slugOf } from './rules.ts';

let t: TestApp;
let png: Buffer;
let mod: Awaited<ReturnType<typeof staffUser>>;
let seller: Awaited<ReturnType<typeof signedUpUser>>;
let other: Awaited<ReturnType<typeof signedUpUser>>;
let sellerActor: AuthUser;
let imageId: number;
const cat: Record<string, number> = {};
const ids: Record<string, number> = {};

const description =
  'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك.\n\nتحصل على:\n- ثلاثة نماذج أولية\n- تعديلات غير محدودة حتى ترضى\n- الملفات المصدرية <b>بصيغ مختلفة</b> جاهزة للطباعة والويب.';

async function actorOf(u: { token: string }): Promise<AuthUser> {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
}

async function create(who: AuthUser, over: Record<string, unknown>, status: 'published' | 'pending' | 'draft' = 'published') {
  const image = await t.services.files.saveImage(who.id, { name: 'x.png', bytes: png }, 'service_image');
  if (who.id === sellerActor?.id && !imageId) imageId = image.id;
  const row = await t.services.catalog.create(
    who,
    {
      title: 'تصميم شعار احترافي لشركتك',
      categoryId: cat['logo-design'],
      description,
      priceCents: 2500,
      deliveryDays: 3,
      instructions: 'أرسل اسم الشركة.',
      skills: ['هوية بصرية'],
      imageIds: [image.id],
      addons: [],
      ...over,
    },
    { submit: status !== 'draft' },
  );
  if (status === 'published') await t.services.catalog.approve(await actorOf(mod), row.id);
  t.clock.advance(60_000);
  return row.id;
}

async function signedInBrowser(u: { username: string; password: string }) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const pathOf = (id: number, title: string) => `/services/${id}-${encodeURIComponent(slugOf(title))}`;

beforeAll(async () => {
  t = await makeTestApp();
  // The catalog's search over its own database (search.ts), where CatalogService does not offer it yet.

  png = await smallPng();
  Object.assign(cat, await categoryIdsBySlug(t));
  mod = await staffUser(t, ['moderator'], 'mod');
  seller = await signedUpUser(t, 'seller');
  other = await signedUpUser(t, 'other');
  await t.deps.db.execute(sql`UPDATE users SET seller_level = 'level2', display_name = 'سارة المصممة' WHERE id = ${seller.id}`);
  sellerActor = await actorOf(seller);
  const otherActor = await actorOf(other);

  ids.logo = await create(sellerActor, {
    addons: [
      { title: 'تسليم سريع خلال يوم', priceCents: 1000, extraDays: 0 },
      { title: 'ملف مصدري إضافي', priceCents: 500, extraDays: 2 },
    ],
  });
  ids.cards = await create(sellerActor, {
    title: 'تصميم بطاقات أعمال أنيقة',
    categoryId: cat['print-design'],
    priceCents: 1500,
    deliveryDays: 1,
  });
  ids.translate = await create(otherActor, {
    title: 'Translate your articles from English to Arabic',
    categoryId: cat.translation,
    description: `${'Accurate, fluent translation of articles and documents with a full language review. '.repeat(3)}`,
    priceCents: 1000,
    deliveryDays: 5,
  });
  ids.pending = await create(sellerActor, { title: 'شعار ينتظر المراجعة من المشرفين' }, 'pending');
  ids.draft = await create(sellerActor, { title: 'مسودة خدمة تصميم شعار' }, 'draft');
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/services', () => {
  it('finds services by Arabic words, with price, rating, orders, seller, page and image addresses', async () => {
    const r = await get(`/api/v1/services?q=${encodeURIComponent('الشعارات')}`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toMatchObject({
      id: ids.logo,
      title: 'تصميم شعار احترافي لشركتك',
      priceCents: 2500,
      rating: null,
      ordersCount: 0,
      seller: { username: seller.username, level: 'level2' },
      url: pathOf(ids.logo, 'تصميم شعار احترافي لشركتك'),
    });
    expect(body.items[0].imageUrl).toMatch(/^\/files\/[A-Za-z0-9_-]{43}\/thumb$/);
    expect(body.items.map((i: { id: number }) => i.id)).not.toContain(ids.pending);
  });

  it('filters by a category given as a slug or an id, a top category including its subcategories', async () => {
    const bySlug = (await get('/api/v1/services?category=design&sort=price')).json();
    expect(bySlug.items.map((i: { id: number }) => i.id)).toEqual([ids.cards, ids.logo]);
    const byId = (await get(`/api/v1/services?category=${cat.translation}`)).json();
    expect(byId.items.map((i: { id: number }) => i.id)).toEqual([ids.translate]);
    expect((await get('/api/v1/services?category=no-such-category')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('filters by price, delivery time and seller level, and pages with a cursor', async () => {
    const cheap = (await get('/api/v1/services?maxPriceCents=1500&sort=price_desc')).json();
    expect(cheap.items.map((i: { id: number }) => i.id)).toEqual([ids.cards, ids.translate]);
    const quick = (await get('/api/v1/services?maxDays=3&level=level2&sort=newest')).json();
    expect(quick.items.map((i: { id: number }) => i.id)).toEqual([ids.cards, ids.logo]);
    const p1 = (await get('/api/v1/services?sort=price&limit=2')).json();
    expect(p1.items.map((i: { id: number }) => i.id)).toEqual([ids.translate, ids.cards]);
    const p2 = (await get(`/api/v1/services?sort=price&limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2).toEqual({ items: [expect.objectContaining({ id: ids.logo })], nextCursor: null });
  });

  it('refuses malformed parameters with a problem, and answers any query text', async () => {
    for (const url of [
      '/api/v1/services?sort=cheapest',
      '/api/v1/services?limit=500',
      '/api/v1/services?cursor=not-a-cursor',
      '/api/v1/services?level=boss',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe('validation.failed');
    }
    for (const q of ["' OR 1=1 --", '<script>alert(1)</script>', 'a & | ! :*', 'ش'.repeat(1000)]) {
      const r = await get(`/api/v1/services?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, q.slice(0, 10)).toBe(200);
    }
  });

  it('shows a change at once although repeated searches are answered from a short-lived cache', async () => {
    const url = `/api/v1/services?q=${encodeURIComponent('بطاقات أعمال')}`;
    const ids1 = (await get(url)).json().items.map((i: { id: number }) => i.id);
    expect(ids1).toEqual([ids.cards]);
    // Changed behind the catalog's back (as another instance would): the cached answer stands for now …
    await t.deps.db.execute(sql`UPDATE services SET price_cents = 1600 WHERE id = ${ids.cards}`);
    expect((await get(url)).json().items[0].priceCents).toBe(1500);
    // … and any write through the catalog is seen by the next read.
    const page = `/services?q=${encodeURIComponent('بطاقات أعمال')}`;
    expect((await get(page)).body).toContain(pathOf(ids.cards, 'تصميم بطاقات أعمال أنيقة'));
    await t.services.catalog.setPaused(sellerActor, ids.cards, true);
    expect((await get(url)).json().items).toEqual([]);
    // The page a visitor sees (kept whole for 15 s) changes at once too.
    expect((await get(page)).body).not.toContain(pathOf(ids.cards, 'تصميم بطاقات أعمال أنيقة'));
    await t.services.catalog.setPaused(sellerActor, ids.cards, false);
    const back = (await get(url)).json().items;
    expect(back.map((i: { id: number; priceCents: number }) => [i.id, i.priceCents])).toEqual([[ids.cards, 1600]]);
    await t.deps.db.execute(sql`UPDATE services SET price_cents = 1500 WHERE id = ${ids.cards}`);
    await t.services.catalog.setPaused(sellerActor, ids.cards, true);
    await t.services.catalog.setPaused(sellerActor, ids.cards, false);
  });
});

describe('GET /api/v1/services/:id', () => {
  it('gives a published service with add-ons, images, category and seller', async () => {
    const r = await get(`/api/v1/services/${ids.logo}`);
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({
      id: ids.logo,
      status: 'published',
      title: 'تصميم شعار احترافي لشركتك',
      description,
      priceCents: 2500,
      deliveryDays: 3,
      skills: ['هوية بصرية'],
      addons: [
        { id: 1, title: 'تسليم سريع خلال يوم', priceCents: 1000, extraDays: 0 },
        { id: 2, title: 'ملف مصدري إضافي', priceCents: 500, extraDays: 2 },
      ],
      category: { slug: 'logo-design', nameEn: 'Logo design', parent: { slug: 'design' } },
      seller: { username: seller.username, displayName: 'سارة المصممة', level: 'level2' },
      rating: null,
    });
    // Addressed by the file's random public id; `id` stays the number `imageIds` takes.
    const [publicId] = (await t.services.files.publicIds([s.images[0].id])).values();
    expect(s.images[0]).toEqual({ id: expect.any(Number), url: `/files/${publicId}`, thumbUrl: `/files/${publicId}/thumb` });
  });

  it('hides drafts and services in review from everyone but their seller and moderators', async () => {
    for (const id of [ids.draft, ids.pending]) {
      const anon = await get(`/api/v1/services/${id}`);
      expect(anon.statusCode).toBe(404);
      expect(anon.json().code).toBe('service.not_found');
      expect((await get(`/api/v1/services/${id}`, other.auth)).statusCode).toBe(404);
      expect((await get(`/api/v1/services/${id}`, seller.auth)).json().id).toBe(id);
      expect((await get(`/api/v1/services/${id}`, mod.auth)).statusCode).toBe(200);
    }
    // An id no row can have is a 404 like an unknown one (ids are 1 to 2147483647).
    expect((await get('/api/v1/services/99999999999')).statusCode).toBe(404);
    expect((await get('/api/v1/services/2147483647')).statusCode).toBe(404);
  });
});

describe('the services page', () => {
  it('renders in Arabic and English with the search box, categories, filters and result cards', async () => {
    const ar = await get('/services');
    expect(ar.statusCode).toBe(200);
    expect(ar.headers.vary).toContain('HX-Request');
    expect(ar.body).toContain('<html lang="ar" dir="rtl"');
    expect(ar.body).toMatch(/<form[^>]*method="get"[^>]*action="\/services"/);
    expect(ar.body).toContain('hx-get="/services"');
    expect(ar.body).toContain('أعمال واستشارات');
    expect(ar.body).toContain(`data-testid="card-${ids.logo}"`);
    expect(ar.body).toContain(`href="${pathOf(ids.logo, 'تصميم شعار احترافي لشركتك')}"`);
    expect(ar.body).toMatch(/src="\/static\/vendor\/htmx\.min\.js\?v=[0-9a-f]+"/);
    expect(ar.body).not.toMatch(/<script(?![^>]*src=)/);
    const en = await get('/en/services');
    expect(en.body).toContain('<html lang="en" dir="ltr"');
    expect(en.body).toContain('Search services');
    expect(en.body).toContain('Business &amp; consulting');
    expect(en.body).toContain(`href="/en${pathOf(ids.logo, 'تصميم شعار احترافي لشركتك')}"`);
  });

  it('is the first section in the site navigation', async () => {
    const home = await get('/');
    const sections = /<nav[^>]*aria-label="أقسام الموقع"[\s\S]*?<\/nav>/.exec(home.body)?.[0] ?? '';
    expect(sections.indexOf('href="/services"')).toBeGreaterThan(0);
    expect(sections.indexOf('href="/services"')).toBeLessThan(sections.indexOf('href="/freelancers"'));
  });

  it('keeps the search and filters in the form and in the links', async () => {
    const url = `/en/services?q=${encodeURIComponent('شعار')}&category=design&min=10&max=50&days=3&level=level2&rating=4&sort=price`;
    const r = await get(url);
    expect(r.statusCode).toBe(200);
    // The header's search box (on every page, empty) comes first: the list's own form keeps the words.
    const listForm = r.body.replace(/<form[^>]*data-testid="header-search"[\s\S]*?<\/form>/, '');
    expect(inputValue(listForm, 'q')).toBe('شعار');
    expect(inputValue(r.body, 'min')).toBe('10');
    expect(inputValue(r.body, 'max')).toBe('50');
    for (const [name, value] of [
      ['category', 'design'],
      ['days', '3'],
      ['level', 'level2'],
      ['rating', '4'],
      ['sort', 'price'],
    ]) {
      expect(r.body, name).toMatch(new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?<option value="${value}" selected`));
    }
    expect(testId(r.body, 'results-heading')).toBe('Results for “شعار”');
    // Rated 4 and up: nothing is rated yet.
    expect(testId(r.body, 'browse-empty')).toContain('No services match');
  });

  it('shows results for a search with a filter, and the tidy address for a form sent without JavaScript', async () => {
    const r = await get(`/services?q=${encodeURIComponent('شعار')}&category=&min=&max=30&days=&level=&rating=&sort=relevance`);
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(`/services?q=${encodeURIComponent('شعار')}&max=30`);
    const page = await get(r.headers.location as string);
    expect(page.body).toContain(`data-testid="card-${ids.logo}"`);
    expect(page.body).not.toContain(`data-testid="card-${ids.translate}"`);
  });

  it('answers an htmx request with the results fragment alone, and the address to show', async () => {
    const r = await get(`/services?q=${encodeURIComponent('ترجمة')}&category=&sort=relevance`, {
      'hx-request': 'true',
      'hx-target': 'results',
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers.vary).toContain('HX-Request');
    expect(r.body).not.toContain('<html');
    expect(r.body).toMatch(/^<title>نتائج البحث عن «ترجمة» \| كفيل<\/title><div id="results"/);
    expect(r.body).toContain(`data-testid="card-${ids.translate}"`);
    expect(r.headers['hx-push-url']).toBe(`/services?q=${encodeURIComponent('ترجمة')}`);
    // Going back in history asks for the whole page.
    const restore = await get('/services?q=x', { 'hx-request': 'true', 'hx-history-restore-request': 'true' });
    expect(restore.body).toContain('<html');
  });

  it('pages with "more": a link without JavaScript, the next cards alone for htmx', async () => {
    const more = new PageClient(t.app);
    // 24 cards a page: make enough services to need a second page.
    const u = await signedUpUser(t, 'bulk');
    await t.deps.db.execute(sql`UPDATE users SET seller_level = 'expert' WHERE id = ${u.id}`);
    const a = await actorOf(u);
    for (let i = 0; i < 24; i++) await create(a, { title: `خدمة كتابة محتوى رقم ${i + 1} لموقعك`, categoryId: cat['content-writing'] });
    const first = await more.get('/services?sort=newest');
    const next = /<a[^>]*href="([^"]+)"[^>]*data-testid="more"/.exec(first.body);
    expect(next?.[1]).toMatch(/^\/services\?sort=newest&amp;cursor=/);
    const href = (next ? next[1] : '').replace(/&amp;/g, '&');
    const page2 = await more.get(href);
    expect(page2.statusCode).toBe(200);
    expect(testId(page2.body, 'first-page')).toBeTruthy();
    const frag = await get(href, { 'hx-request': 'true', 'hx-target': 'more' });
    expect(frag.body).toMatch(/^<li class="card/);
    expect(frag.body).not.toContain('id="results"');
    // A tampered cursor starts from the first page instead of failing.
    expect((await get('/services?cursor=AAAA')).statusCode).toBe(200);
  });

  it('answers hostile queries with a page, the text escaped', async () => {
    for (const q of ["' OR 1=1 --", '<script>alert(1)</script>', 'a & | ! :*', 'ش'.repeat(1000), '"><img src=x onerror=alert(1)>']) {
      let r = await get(`/services?q=${encodeURIComponent(q)}`);
      // A query longer than the search box takes comes back cut to its 200 characters.
      if (r.statusCode === 302) r = await get(r.headers.location as string);
      expect(r.statusCode, q.slice(0, 10)).toBe(200);
      expect(r.body).not.toContain('<script>alert');
      expect(r.body).not.toContain('<img src=x');
    }
  });

  it('serves htmx from the app with a long cache', async () => {
    const r = await get('/static/vendor/htmx.min.js', { 'accept-encoding': 'identity' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
    expect(r.headers['cache-control']).toContain('max-age=31536000');
    expect(r.body).toContain('htmx');
  });
});

describe('a service page', () => {
  const title = 'تصميم شعار احترافي لشركتك';

  it('shows the title, category path, description, add-ons with the total for the chosen ones, and the seller', async () => {
    const r = await get(`${pathOf(ids.logo, title)}?addon=1&addon=2&qty=2`);
    expect(r.statusCode).toBe(200);
    expect(testId(r.body, 'service-title')).toBe(title);
    expect(r.body).toContain('تصميم شعارات');
    expect(r.body).toContain('href="/services?category=design"');
    // Whitespace kept, markup escaped.
    expect(r.body).toContain('&lt;b>بصيغ مختلفة&lt;/b>');
    expect(r.body).toContain('whitespace-pre-line');
    expect(r.body).toMatch(/<input type="checkbox" name="addon" value="1" checked/);
    expect(testId(r.body, 'total')).toBe(formatMoney('ar', 8000)); // (25 + 10 + 5) × 2
    expect(testId(r.body, 'price')).toBe(formatMoney('ar', 2500));
    expect(testId(r.body, 'seller-name')).toBe('سارة المصممة');
    expect(r.body).toContain(`href="/u/${seller.username}"`);
    expect(testId(r.body, 'seller-level')).toBe('المستوى الثاني');
    expect(testId(r.body, 'no-reviews')).toContain('لا توجد تقييمات');
    expect(r.body).toContain(`data-testid="card-${ids.cards}"`);
    expect(r.body).not.toContain(`data-testid="card-${ids.pending}"`);
    expect(r.body).toContain('src="/static/js/browse.js"');
    expect(r.body).not.toMatch(/<script(?![^>]*src=)/);
    expect(r.body).toMatch(/<img[^>]*src="\/files\/[A-Za-z0-9_-]{43}"/);
  });

  it('shows the total of the price alone when nothing is chosen, in English under /en', async () => {
    const r = await get(`/en${pathOf(ids.logo, title)}?addon=99&qty=50`);
    expect(r.statusCode).toBe(200);
    expect(testId(r.body, 'total')).toBe(formatMoney('en', 2500));
    expect(r.body).toContain('No reviews for this service yet');
    expect(r.body).toContain('Logo design');
  });

  it('moves an address with another slug, or none, to the canonical one', async () => {
    const canonical = pathOf(ids.logo, title);
    for (const [from, to] of [
      [`/services/${ids.logo}`, canonical],
      [`/services/${ids.logo}-old-title`, canonical],
      [`/en/services/${ids.logo}-x?qty=2`, `/en${canonical}?qty=2`],
    ]) {
      const r = await get(from);
      expect(r.statusCode, from).toBe(301);
      expect(r.headers.location).toBe(to);
    }
  });

  it('is not found for visitors while a draft or in review, and visible to its seller', async () => {
    for (const id of [ids.draft, ids.pending]) {
      const r = await get(`/services/${id}`);
      expect(r.statusCode).toBe(404);
    }
    const b = await signedInBrowser(seller);
    const r = await b.get(`/services/${ids.pending}`);
    expect(r.statusCode).toBe(301);
    const own = await b.get(r.headers.location as string);
    expect(own.statusCode).toBe(200);
    expect(testId(own.body, 'status-note')).toContain('بانتظار مراجعة');
    const stranger = await signedInBrowser(other);
    expect((await stranger.get(`/services/${ids.draft}`)).statusCode).toBe(404);
  });

  it('is not found for addresses that are not a service', async () => {
    for (const url of ['/services/abc', '/services/99999999999-x', '/services/0', `/services/${ids.logo + 100000}`]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });
});
