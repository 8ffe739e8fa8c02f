import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdsBySlug, makeTestApp, signedUpUser, smallPng, staffUser, type TestApp } from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, encodeCursor, searchTerms } from '../../platform/search/index.ts';
import { relatedBySeller, type SearchQuery, searchServices } from './search.ts';

let t: TestApp;
let png: Buffer;
let mod: AuthUser;
const cat: Record<string, number> = {};
const ids: Record<string, number> = {};
let sellerA: AuthUser;
let sellerB: AuthUser;

const long = (s: string) =>
  `${s} ${'نعمل بعناية واهتمام بكل التفاصيل ونلتزم بالمواعيد ونقدم الدعم بعد التسليم دون مقابل إضافي. '.repeat(2)}`;
const longEn = (s: string) => `${s} ${'Careful work, clear communication, on-time delivery and free support after delivery. '.repeat(2)}`;

async function actorOf(u: { token: string }): Promise<AuthUser> {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
}

async function seller(prefix: string, level: string): Promise<AuthUser> {
  const u = await signedUpUser(t, prefix);
  await t.deps.db.execute(sql`UPDATE users SET seller_level = ${level} WHERE id = ${u.id}`);
  return actorOf(u);
}

/** A service through the real service layer: created, submitted, approved by a moderator (unless `status` says otherwise). */
async function service(
  who: AuthUser,
  input: { title: string; category: string; description: string; priceCents: number; deliveryDays: number; skills?: string[] },
  status: 'published' | 'pending' | 'draft' = 'published',
): Promise<number> {
  const image = await t.services.files.saveImage(who.id, { name: 'x.png', bytes: png }, 'service_image');
  const row = await t.services.catalog.create(
    who,
    {
      title: input.title,
      categoryId: cat[input.category],
      description: input.description,
      priceCents: input.priceCents,
      deliveryDays: input.deliveryDays,
      instructions: '',
      skills: input.skills ?? [],
      imageIds: [image.id],
      addons: [],
    },
    { submit: status !== 'draft' },
  );
  if (status === 'published') await t.services.catalog.approve(mod, row.id);
  // Each approval a minute after the last, so "newest" has an order to find.
  t.clock.advance(60_000);
  return row.id;
}

const search = (q: Partial<SearchQuery>) => searchServices(t.deps.db, { sort: 'relevance', limit: 50, ...q });
const titlesOf = async (q: Partial<SearchQuery>) => (await search(q)).items.map((i) => i.id);
const first = async (q: string) => (await search({ q })).items[0]?.id;

beforeAll(async () => {
  t = await makeTestApp();
  png = await smallPng();
  Object.assign(cat, await categoryIdsBySlug(t));
  mod = await actorOf(await staffUser(t, ['moderator'], 'mod'));
  sellerA = await seller('sa', 'expert');
  sellerB = await seller('sb', 'level2');

  ids.logoAr = await service(sellerA, {
    title: 'تصميم شعار احترافي لشركتك',
    category: 'logo-design',
    description: long('أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك مع ثلاثة نماذج أولية وتعديلات غير محدودة حتى ترضى.'),
    priceCents: 2500,
    deliveryDays: 3,
    skills: ['هوية بصرية', 'Illustrator'],
  });
  ids.logoEn = await service(sellerA, {
    title: 'Professional logo design for your brand',
    category: 'logo-design',
    description: longEn('I will design a modern, memorable logo for your business, with unlimited revisions and the source files.'),
    priceCents: 4000,
    deliveryDays: 2,
    skills: ['Branding'],
  });
  ids.cards = await service(sellerA, {
    title: 'تصميم بطاقات أعمال أنيقة',
    category: 'print-design',
    description: long('بطاقة أعمال بوجهين بألوان هويتك وملفات جاهزة للطباعة في أي مطبعة.'),
    priceCents: 1500,
    deliveryDays: 1,
  });
  ids.translate = await service(sellerB, {
    title: 'ترجمة مقالات من الإنجليزية إلى العربية',
    category: 'translation',
    description: long('ترجمة دقيقة وسلسة لمقالاتك ومستنداتك مع مراجعة لغوية كاملة.'),
    priceCents: 1000,
    deliveryDays: 5,
  });
  ids.wordpress = await service(sellerB, {
    title: 'Build a fast WordPress website',
    category: 'wordpress',
    description: longEn('A responsive WordPress site with a custom theme, SEO basics and speed optimisation.'),
    priceCents: 20000,
    deliveryDays: 14,
  });
  ids.video = await service(sellerB, {
    title: 'مونتاج فيديو احترافي خلال 24 ساعة',
    category: 'video-editing',
    description: long('مونتاج سريع لفيديوهات يوتيوب مع مؤثرات وموسيقى وترجمة مدمجة.'),
    priceCents: 5000,
    deliveryDays: 1,
  });
  ids.pending = await service(
    sellerA,
    {
      title: 'شعار احترافي بانتظار المراجعة',
      category: 'logo-design',
      description: long('شعار لم يراجعه المشرفون بعد.'),
      priceCents: 2500,
      deliveryDays: 3,
    },
    'pending',
  );
  ids.draft = await service(
    sellerA,
    { title: 'مسودة شعار احترافي', category: 'logo-design', description: long('مسودة شعار.'), priceCents: 2500, deliveryDays: 3 },
    'draft',
  );
});
afterAll(async () => {
  await t.close();
});

describe('Arabic search', () => {
  it.each([
    ['شعار'],
    ['الشعار'],
    ['تصميم شعارات'],
    ['شعارات'],
    ['الشعارات'],
    ['شعار احترافى'],
    ['شعار احترافي'],
    ['شعار إحترافي'],
    ['شِعَـار'],
    ['الشِّعَارُ'],
    ['شعـــار احتـرافي'],
  ])('finds «تصميم شعار احترافي لشركتك» first for «%s»', async (q) => {
    expect(await first(q)).toBe(ids.logoAr);
  });

  it('reads Arabic-Indic and Persian digits and ta marbuta as the stored text has them', async () => {
    expect(await first('مونتاج خلال ٢٤ ساعه')).toBe(ids.video);
    expect(await first('فيديو ۲۴ ساعة')).toBe(ids.video);
  });

  it('does not put unrelated services first', async () => {
    expect(await first('ترجمة مقالات')).toBe(ids.translate);
    expect(await first('مونتاج فيديو')).toBe(ids.video);
    const logo = await titlesOf({ q: 'شعار' });
    expect(logo).not.toContain(ids.translate);
    expect(logo).not.toContain(ids.wordpress);
    expect(logo).not.toContain(ids.video);
  });
});

describe('English search', () => {
  it.each([['logo'], ['logos'], ['LOGO'], ['designing'], ['logo desgin'], ['profesional logo']])(
    'finds «Professional logo design for your brand» first for «%s»',
    async (q) => {
      expect(await first(q)).toBe(ids.logoEn);
    },
  );

  it('tolerates a typo in a single word', async () => {
    expect(await first('wordpres')).toBe(ids.wordpress);
  });

  it('finds nothing for words no service has', async () => {
    expect((await search({ q: 'xylophone quartz' })).items).toEqual([]);
  });
});

describe('what a search never returns', () => {
  it('leaves out drafts and services waiting for review', async () => {
    const found = await titlesOf({ q: 'شعار احترافي' });
    expect(found).toContain(ids.logoAr);
    expect(found).not.toContain(ids.pending);
    expect(found).not.toContain(ids.draft);
    const all = await titlesOf({});
    expect(all).not.toContain(ids.pending);
    expect(all).not.toContain(ids.draft);
  });

  it('answers any query string without an error', async () => {
    for (const q of [
      "' OR 1=1 --",
      '"; DROP TABLE services; --',
      '<script>alert(1)</script>',
      'a & | ! :*',
      '!!! ((( ))) <-> :* & |',
      '"unterminated',
      '-',
      'ش'.repeat(1000),
      'x'.repeat(5000),
      'nul\u0000byte',
      '\ud800 lone surrogate',
      '   ',
    ]) {
      const r = await search({ q });
      expect(Array.isArray(r.items), q.slice(0, 20)).toBe(true);
    }
  });

  it('answers any generated string without an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (q) => {
        const r = await search({ q, limit: 5 });
        expect(Array.isArray(r.items)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('normalises and cuts the query to 200 characters', () => {
    expect(searchTerms('  شِعَـار   إحترافى ')).toBe('شعار احترافي');
    expect(searchTerms('ش'.repeat(1000))).toHaveLength(200);
    expect(searchTerms('a\u0000b')).toBe('a b');
  });
});

describe('filters', () => {
  it('keeps a subcategory, and a top category with all its subcategories', async () => {
    expect(new Set(await titlesOf({ categoryId: cat['logo-design'] }))).toEqual(new Set([ids.logoAr, ids.logoEn]));
    expect(new Set(await titlesOf({ categoryId: cat.design }))).toEqual(new Set([ids.logoAr, ids.logoEn, ids.cards]));
    expect(await titlesOf({ categoryId: cat.design, q: 'ترجمة' })).toEqual([]);
  });

  it('keeps a price range (inclusive) and a delivery time', async () => {
    expect(new Set(await titlesOf({ minPriceCents: 1500, maxPriceCents: 4000 }))).toEqual(new Set([ids.logoAr, ids.logoEn, ids.cards]));
    expect(new Set(await titlesOf({ maxDays: 2 }))).toEqual(new Set([ids.logoEn, ids.cards, ids.video]));
  });

  it('keeps the sellers of a level', async () => {
    expect(new Set(await titlesOf({ sellerLevel: 'level2' }))).toEqual(new Set([ids.translate, ids.wordpress, ids.video]));
    expect(await titlesOf({ sellerLevel: 'level1' })).toEqual([]);
  });

  it('keeps services rated at least the minimum', async () => {
    await t.deps.db.execute(sql`UPDATE services SET rating_sum = 9, rating_count = 2 WHERE id = ${ids.cards}`);
    await t.deps.db.execute(sql`UPDATE services SET rating_sum = 12, rating_count = 3 WHERE id = ${ids.video}`);
    expect(await titlesOf({ minRating: 4.5 })).toEqual([ids.cards]);
    expect(await titlesOf({ minRating: 4, sort: 'rating' })).toEqual([ids.cards, ids.video]);
  });
});

describe('sorting and pages', () => {
  const published = () => [ids.logoAr, ids.logoEn, ids.cards, ids.translate, ids.wordpress, ids.video];

  it('sorts by newest, price both ways and sales', async () => {
    expect(await titlesOf({ sort: 'newest' })).toEqual([...published()].reverse());
    expect(await titlesOf({ sort: 'price' })).toEqual([ids.translate, ids.cards, ids.logoAr, ids.logoEn, ids.video, ids.wordpress]);
    expect(await titlesOf({ sort: 'price_desc' })).toEqual([ids.wordpress, ids.video, ids.logoEn, ids.logoAr, ids.cards, ids.translate]);
    await t.deps.db.execute(sql`UPDATE services SET orders_count = 7 WHERE id = ${ids.translate}`);
    await t.deps.db.execute(sql`UPDATE services SET orders_count = 3 WHERE id = ${ids.wordpress}`);
    expect((await titlesOf({ sort: 'sales' })).slice(0, 2)).toEqual([ids.translate, ids.wordpress]);
    // Without words, "relevance" lists the newest first.
    expect(await titlesOf({})).toEqual([...published()].reverse());
  });

  it('pages through every result once, in order, with opaque cursors', async () => {
    const all = await titlesOf({ sort: 'price' });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await search({ sort: 'price', limit: 4, cursor });
      seen.push(...r.items.map((i) => i.id));
      cursor = r.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(all);
  });

  it('refuses a tampered cursor', async () => {
    const keys = ['2026-12-03 15:10:04.123456+00', '42'];
    expect(decodeCursor(encodeCursor('e', keys), ['date', 'int'])).toEqual({ mode: 'e', after: keys });
    expect(decodeCursor(encodeCursor('w', ['1500', '7']), ['int', 'int'])).toEqual({ mode: 'w', after: ['1500', '7'] });
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of [
      'abc',
      encodeCursor('e', keys).slice(1),
      b64(['x', ...keys]),
      b64(['e', '2026-02-31 10:00:00+00', '42']),
      b64(['e', keys[0]]),
      b64(['e', keys[0], '4.5']),
      b64(['e', "2026-12-03 15:10:04+00'; DROP TABLE services; --", '1']),
      b64(['e', keys[0], '99999999999999999999']),
      Buffer.from('o99999999').toString('base64url'),
      'x'.repeat(500),
    ]) {
      await expect(search({ sort: 'newest', cursor: bad })).rejects.toMatchObject({
        code: 'validation.failed',
        fields: { cursor: 'search.cursor_invalid' },
      });
    }
    // A cursor of another sort's shape is refused too (price keys are two integers).
    await expect(search({ sort: 'price', cursor: encodeCursor('e', keys) })).rejects.toMatchObject({ code: 'validation.failed' });
  });
});

describe('more services by the seller', () => {
  it('lists the seller’s other published services only', async () => {
    const r = await relatedBySeller(t.deps.db, sellerA.id, ids.logoAr, 10);
    expect(new Set(r.map((s) => s.id))).toEqual(new Set([ids.logoEn, ids.cards]));
    expect((await relatedBySeller(t.deps.db, sellerA.id, ids.logoAr, 1)).length).toBe(1);
    expect(await relatedBySeller(t.deps.db, sellerB.id + 1000, 0, 4)).toEqual([]);
  });
});
