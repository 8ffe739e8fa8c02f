import { describe, expect, it } from 'vitest';
import { signedUpUser, testId } from '../../../test/helpers.ts';
import { imageUrl } from '../../platform/files.ts';
import { ARABIC_BODY, admin, article, atomXpath, browserOf, png, t, useBlogApp, wellFormedXml } from './blog.fixture.ts';
import { seedDemoBlog } from './demo.ts';
import { DEMO_ARTICLES } from './demo-articles.ts';

useBlogApp();

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const meta = (html: string, attr: 'property' | 'name', key: string) =>
  new RegExp(`<meta ${attr}="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1] ?? null;

describe('the public blog', () => {
  it('lists published articles newest first, by category, by words (as Arabic is typed), a page at a time', async () => {
    const older = await article({ publishAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString(), category: 'selling' });
    const newer = await article({ titleAr: 'دليل تسعير الخدمات المصغرة', category: 'business' });
    const list = await get('/blog');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<html lang="ar" dir="rtl"');
    expect(list.body.indexOf(`data-testid="article-${newer.slug}"`)).toBeLessThan(list.body.indexOf(`data-testid="article-${older.slug}"`));
    const selling = await get('/blog?category=selling');
    expect(selling.body).toContain(`article-${older.slug}`);
    expect(selling.body).not.toContain(`article-${newer.slug}`);
    // Without the hamza and with ه for ة.
    const found = await get(`/blog?q=${encodeURIComponent('تسعير الخدمات المصغره')}`);
    expect(found.body).toContain(`article-${newer.slug}`);
    expect(found.body).not.toContain(`article-${older.slug}`);
    expect((await get(`/blog?q=${encodeURIComponent('كلمة غير موجودة')}`)).body).toContain('data-testid="blog-empty"');
    // Pages: the API's cursor, the same list.
    const first = (await get('/api/v1/blog?limit=1')).json() as { items: { slug: string }[]; nextCursor: string };
    expect(first.items[0].slug).toBe(newer.slug);
    const second = (await get(`/api/v1/blog?limit=1&cursor=${first.nextCursor}`)).json() as { items: { slug: string }[] };
    expect(second.items[0].slug).toBe(older.slug);
    // English: /en/blog and its own feed link in the head.
    const en = await get('/en/blog');
    expect(en.body).toContain('<html lang="en" dir="ltr"');
    expect(en.body).toContain('How to start freelancing on Kafiil');
    expect(en.body).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Kafiil blog" href="http://kafiil.test/en/blog/feed.xml"/>',
    );
    // The footer links to the blog on every page.
    expect((await get('/')).body).toContain('<a class="link link-hover" href="/blog">مدونة كفيل</a>');
    expect((await get('/en/about')).body).toContain('<a class="link link-hover" href="/en/blog">Kafiil blog</a>');
  });

  it('shows an article with its cover, date, category, headings, related articles, Open Graph and Twitter tags', async () => {
    const img = await t.services.files.saveImage(admin.id, { name: 'c.png', bytes: png }, 'blog_cover');
    const a = await article({ category: 'kafiil' }, { coverFileId: img.id });
    const rel = await article({ category: 'kafiil', titleAr: 'مقالة أخرى عن كفيل والضمان' });
    const page = await get(`/blog/${a.slug}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(testId(html, 'article-title')).toBe('كيف تبدأ العمل الحر على كفيل');
    expect(testId(html, 'article-category')).toBe('عن كفيل');
    expect(html).toContain('<time datetime="2026-11-25T10:00:00.000Z"');
    expect(html).toContain('<h2 class="text-xl font-bold mt-4">الخطوة الأولى</h2>');
    expect(html).toContain('data-testid="article-cover"');
    expect(testId(html, 'related')).not.toBeNull();
    expect(html).toContain(`article-${rel.slug}`);
    const url = `http://kafiil.test/blog/${a.slug}`;
    expect(html).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(meta(html, 'property', 'og:type')).toBe('article');
    expect(meta(html, 'property', 'og:title')).toBe('كيف تبدأ العمل الحر على كفيل');
    expect(meta(html, 'property', 'og:description')).toMatch(/^مقدمة قصيرة عن العمل الحر على كفيل.*الخطوة الأولى/);
    expect(meta(html, 'property', 'og:url')).toBe(url);
    const publicId = (await t.services.files.publicIds([img.id])).get(img.id) as string;
    expect(meta(html, 'property', 'og:image')).toBe(`http://kafiil.test${imageUrl(publicId)}`);
    expect(meta(html, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'name', 'twitter:image')).toBe(`http://kafiil.test${imageUrl(publicId)}`);
    expect(html).toContain('type="application/atom+xml"');
    // The cover is public (cached) now that a public article shows it.
    const file = await get(imageUrl(publicId));
    expect(file.statusCode).toBe(200);
    expect(file.headers['cache-control']).toContain('public');
    // English page: the English version, English Open Graph.
    const en = await get(`/en/blog/${a.slug}`);
    expect(meta(en.body, 'property', 'og:title')).toBe('How to start freelancing on Kafiil');
    expect(meta(en.body, 'property', 'og:url')).toBe(`http://kafiil.test/en/blog/${a.slug}`);
    expect((await get('/blog/no-such-article')).statusCode).toBe(404);
    expect((await get(`/blog/${'x'.repeat(90)}`)).statusCode).toBe(404);
  });

  it('lists an article written in one language only in that language, and says so on the other language’s page', async () => {
    const ar = await article({ titleEn: '', bodyEn: '', titleAr: 'مقالة بالعربية وحدها عن العمل الحر' });
    expect((await get('/blog')).body).toContain(`article-${ar.slug}`);
    expect((await get('/en/blog')).body).not.toContain(`article-${ar.slug}`);
    expect((await get('/en/blog/feed.xml')).body).not.toContain(ar.slug);
    const en = await get(`/en/blog/${ar.slug}`);
    expect(en.statusCode).toBe(200);
    expect(testId(en.body, 'language-fallback')).toBe('This article is available in Arabic only.');
    expect(en.body).toContain('<article class="max-w-3xl mx-auto" lang="ar" dir="rtl"');
    const api = (await get(`/api/v1/blog/${ar.slug}`)).json();
    expect(api).toMatchObject({ languages: ['ar'], titleEn: null, bodyEn: null });
  });

  it('keeps drafts and scheduled articles from the public (page, list, feed, API, cover) until their time; staff preview them', async () => {
    const img = await t.services.files.saveImage(admin.id, { name: 'c.png', bytes: png }, 'blog_cover');
    const publicId = (await t.services.files.publicIds([img.id])).get(img.id) as string;
    const draft = await article({ titleAr: 'مسودة لم تنشر بعد عن العمل الحر' }, { publish: false });
    const at = new Date(t.clock.now().getTime() + 2 * 3_600_000);
    const later = await article({ titleAr: 'مقالة مجدولة تظهر بعد ساعتين', publishAt: at.toISOString() }, { coverFileId: img.id });
    for (const a of [draft, later]) {
      expect((await get(`/blog/${a.slug}`)).statusCode).toBe(404);
      expect((await get(`/en/blog/${a.slug}`)).statusCode).toBe(404);
      expect((await get(`/api/v1/blog/${a.slug}`)).statusCode).toBe(404);
      expect((await get('/blog')).body).not.toContain(a.slug);
      expect((await get('/blog/feed.xml')).body).not.toContain(a.slug);
      expect((await get('/blog/rss.xml')).body).not.toContain(a.slug);
      expect(JSON.stringify((await get('/api/v1/blog?limit=100')).json())).not.toContain(a.slug);
    }
    expect((await get(imageUrl(publicId))).statusCode).toBe(404);
    // A signed-in user without the permission: the same 404; the staff see a preview.
    const someone = await browserOf(await signedUpUser(t, 'bread'));
    expect((await someone.get(`/blog/${later.slug}`)).statusCode).toBe(404);
    expect((await someone.get(imageUrl(publicId))).statusCode).toBe(404);
    const user = await browserOf(admin);
    const staff = await user.get(`/blog/${later.slug}`);
    expect(staff.statusCode).toBe(200);
    expect(testId(staff.body, 'preview-banner')).toContain('مجدولة');
    expect(staff.body).toContain('<meta name="robots" content="noindex"/>');
    expect(testId((await user.get(`/blog/${draft.slug}`)).body, 'preview-banner')).toContain('مسودة');
    expect((await user.get(imageUrl(publicId))).statusCode).toBe(200);
    // Its time comes: public everywhere, with no worker involved.
    t.clock.set(at);
    expect((await get(`/blog/${later.slug}`)).statusCode).toBe(200);
    expect((await get('/blog')).body).toContain(`article-${later.slug}`);
    expect((await get('/blog/feed.xml')).body).toContain(later.slug);
    expect((await get(`/api/v1/blog/${later.slug}`)).statusCode).toBe(200);
    expect((await get(imageUrl(publicId))).statusCode).toBe(200);
    expect((await get(`/blog/${draft.slug}`)).statusCode).toBe(404);
  });

  it('serves Atom and RSS feeds that parse as XML and carry the published articles only, in each language', async () => {
    const a = await article({ titleAr: 'مقالة الخلاصة & «الرموز» <الخاصة>' });
    const hidden = await article({ titleAr: 'مسودة خارج الخلاصة' }, { publish: false });
    const atom = await get('/blog/feed.xml');
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(await wellFormedXml(atom.body)).toBe(true);
    const titles = await atomXpath(atom.body, '/a:feed/a:entry/a:title/text()');
    expect(titles).toContain('مقالة الخلاصة &amp; «الرموز» &lt;الخاصة&gt;');
    expect(titles).not.toContain('مسودة خارج الخلاصة');
    const links = await atomXpath(atom.body, '/a:feed/a:entry/a:link[@rel="alternate"]/@href');
    expect(links).toContain(`http://kafiil.test/blog/${a.slug}`);
    expect(atom.body).not.toContain(hidden.slug);
    expect(await atomXpath(atom.body, '/a:feed/a:link[@rel="self"]/@href')).toEqual(['http://kafiil.test/blog/feed.xml']);
    const en = await get('/en/blog/feed.xml');
    expect(await wellFormedXml(en.body)).toBe(true);
    expect(en.body).toContain('xml:lang="en"');
    expect(await atomXpath(en.body, '/a:feed/a:entry/a:title/text()')).toContain('How to start freelancing on Kafiil');
    const rss = await get('/blog/rss.xml');
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(await wellFormedXml(rss.body)).toBe(true);
    expect(rss.body).toContain(`<link>http://kafiil.test/blog/${a.slug}</link>`);
    expect(rss.body).not.toContain(hidden.slug);
  });

  it('shows raw HTML and script typed into a title or a body as text on the page, the list, the feeds and the API', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const a = await article({
      titleAr: `عنوان ${evil}`,
      titleEn: `Title ${evil}`,
      bodyAr: `${ARABIC_BODY}\n\n${evil}\n\n## عنوان <b>عريض</b>\n\n[رابط](javascript:alert(1))`,
    });
    for (const url of [`/blog/${a.slug}`, '/blog', '/en/blog', `/en/blog/${a.slug}`]) {
      const html = (await get(url)).body;
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>عريض');
      expect(html).not.toContain('href="javascript:');
      expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    }
    const page = (await get(`/blog/${a.slug}`)).body;
    expect(page).toContain('<title>عنوان &lt;script>');
    expect(meta(page, 'property', 'og:title')).toBe('عنوان &lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)>');
    for (const url of ['/blog/feed.xml', '/blog/rss.xml']) {
      const xml = (await get(url)).body;
      expect(await wellFormedXml(xml)).toBe(true);
      expect(xml).not.toContain('<script>');
      expect(xml).not.toContain('<img src=x');
    }
    // In Atom's HTML content the markup is escaped twice: a reader that renders the HTML shows the characters.
    const content = await atomXpath(
      (await get('/blog/feed.xml')).body,
      `/a:feed/a:entry[a:link/@href="http://kafiil.test/blog/${a.slug}"]/a:content/text()`,
    );
    expect(content[0]).toContain('&amp;lt;script');
    expect(content[0]).not.toMatch(/(^|[^;])&lt;script/);
    const api = (await get(`/api/v1/blog/${a.slug}`)).json();
    expect(api.titleAr).toBe(`عنوان ${evil}`);
  });

  it('answers the API with its documented shape; OpenAPI lists it', async () => {
    const a = await article({ category: 'selling' });
    const list = await get('/api/v1/blog?category=selling&lang=en', { 'accept-language': 'en' });
    expect(list.statusCode).toBe(200);
    const item = (list.json() as { items: Record<string, unknown>[] }).items.find((x) => x.slug === a.slug);
    expect(item).toMatchObject({
      category: 'selling',
      languages: ['ar', 'en'],
      titleEn: 'How to start freelancing on Kafiil',
      url: `http://kafiil.test/blog/${a.slug}`,
      cover: null,
      publishedAt: a.publishAt?.toISOString(),
    });
    expect(String(item?.excerptEn)).toMatch(/^A short introduction/);
    const one = await get(`/api/v1/blog/${a.slug}`);
    expect(one.json().bodyAr).toContain('## الخطوة الأولى');
    const bad = await get('/api/v1/blog?category=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation.failed');
    expect((await get('/api/v1/blog?cursor=zzz')).statusCode).toBe(400);
    const missing = await get('/api/v1/blog/none-such', { 'accept-language': 'en' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'blog.not_found', title: 'Article not found.' });
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/v1/blog'].get).toBeDefined();
    expect(doc.paths['/api/v1/blog/{slug}'].get).toBeDefined();
  });

  it('seeds the four demo articles once, published with covers and real bodies in both languages', async () => {
    const author = { id: admin.id, roles: ['admin'] };
    const image = async () => png;
    const added = await seedDemoBlog(t.services, { author, image, now: t.clock.now() });
    expect(added).toEqual(DEMO_ARTICLES.map((a) => a.slug));
    expect(await seedDemoBlog(t.services, { author, image, now: t.clock.now() })).toEqual([]);
    const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
    for (const d of DEMO_ARTICLES) {
      const a = await t.services.blog.bySlug(d.slug, null);
      expect(a.coverFileId).not.toBeNull();
      expect(words(a.bodyAr)).toBeGreaterThanOrEqual(400);
      expect(words(a.bodyAr)).toBeLessThanOrEqual(750);
      expect(words(a.bodyEn)).toBeGreaterThanOrEqual(300);
    }
    expect((await get('/blog?category=selling')).body).toContain('كيف أبيع أول خدمة على موقع كفيل؟! ( 8 نصائح مهمة )');
    expect((await get('/blog/7-myths-about-working-online')).body).toContain('7 أساطير خاطئة حول العمل عبر الإنترنت لا أساس لها من الصحة');
  });
});
