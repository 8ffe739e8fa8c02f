import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdsBySlug, makeTestApp, signedUpUser, smallPng, staffUser, type TestApp } from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { formsOf, termsMatch, tsqueryText } from '../../platform/search/index.ts';
import { seedBulkServices } from './demo.ts';

// service_search (migration 0017): the rows every service search reads, kept by a trigger on services.

let t: TestApp;
let mod: AuthUser;
let seller: AuthUser;
let png: Buffer;
const cat: Record<string, number> = {};

type Row = Record<string, unknown>;
const rows = async (q: ReturnType<typeof sql>) => ((await t.deps.db.execute(q)) as unknown as { rows: Row[] }).rows;

/** The service's row in service_search beside what it should hold (from services), or null when it has none. */
async function mirror(id: number): Promise<{ held: Row; expected: Row } | null> {
  const [held] = await rows(sql`SELECT category_id, seller_id, seller_level, price_cents, delivery_days, orders_count, rating_sum,
    rating_count, published_at::text AS published_at, terms::text AS terms FROM service_search WHERE id = ${id}`);
  const [expected] = await rows(sql`SELECT category_id, seller_id, seller_level, price_cents, delivery_days, orders_count, rating_sum,
    rating_count, published_at::text AS published_at, search_hashes(search_text)::text AS terms FROM services WHERE id = ${id}`);
  return held ? { held, expected } : null;
}

async function expectMirrored(id: number) {
  const m = await mirror(id);
  expect(m).not.toBeNull();
  expect(m?.held).toEqual(m?.expected);
}

const draft = (title: string, priceCents: number, imageId: number) => ({
  title,
  categoryId: cat['logo-design'],
  description: `${title}: ${'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك مع تعديلات غير محدودة حتى ترضى. '.repeat(2)}`,
  priceCents,
  deliveryDays: 3,
  instructions: '',
  skills: [],
  imageIds: [imageId],
  addons: [],
});

beforeAll(async () => {
  t = await makeTestApp();
  png = await smallPng();
  Object.assign(cat, await categoryIdsBySlug(t));
  mod = (await t.services.accounts.resolveSession((await staffUser(t, ['moderator'], 'mod')).token, 'api')) as AuthUser;
  seller = (await t.services.accounts.resolveSession((await signedUpUser(t, 'sr')).token, 'api')) as AuthUser;
});
afterAll(async () => {
  await t.close();
});

describe('service_search', () => {
  it('holds a service exactly while it is published, with what searches filter and sort by', async () => {
    const image = await t.services.files.saveImage(seller.id, { name: 'x.png', bytes: png }, 'service_image');
    const s = await t.services.catalog.create(seller, draft('شعار للمقهى', 2500, image.id), { submit: true });
    expect(await mirror(s.id)).toBeNull(); // in review
    await t.services.catalog.approve(mod, s.id);
    await expectMirrored(s.id);

    await t.services.catalog.setPaused(seller, s.id, true);
    expect(await mirror(s.id)).toBeNull();
    await t.services.catalog.setPaused(seller, s.id, false);
    await expectMirrored(s.id);

    // Sales, ratings and the seller's level, as the orders, reviews and accounts modules change them.
    await t.deps.db.transaction(async (tx) => {
      await t.services.catalog.countOrder(s.id, tx);
      await t.services.catalog.addRating(s.id, 4, tx);
      await t.services.catalog.syncSellerLevel(seller.id, 'level2', tx);
    });
    const after = await mirror(s.id);
    expect([after?.held.orders_count, after?.held.rating_sum, after?.held.rating_count, after?.held.seller_level]).toEqual([
      1,
      4,
      1,
      'level2',
    ]);
    await expectMirrored(s.id);

    // An approved edit: new words and price; the old words no longer find it.
    await t.services.catalog.update(seller, s.id, draft('شعار للمطعم', 4000, image.id), { submit: true });
    await expectMirrored(s.id); // the live version stays while the edit waits
    await t.services.catalog.approve(mod, s.id);
    await expectMirrored(s.id);
    const found = async (word: string) =>
      (await rows(sql`SELECT id FROM service_search s WHERE ${termsMatch(sql`s.terms`, [word], '&')} AND id = ${s.id}`)).length;
    expect([await found('مطعم'), await found('المقهى'), (await mirror(s.id))?.held.price_cents]).toEqual([1, 0, 4000]);

    // Taken down by a moderator: out of every search at once.
    await t.deps.db.transaction((tx) => t.services.catalog.moderate(tx, s.id, 'hidden', 'test'));
    expect(await mirror(s.id)).toBeNull();
  });

  it('writes nothing when nothing it holds changed', async () => {
    const image = await t.services.files.saveImage(seller.id, { name: 'y.png', bytes: png }, 'service_image');
    const s = await t.services.catalog.create(seller, draft('شعار للمكتبة', 3000, image.id), { submit: true });
    await t.services.catalog.approve(mod, s.id);
    const version = async () => (await rows(sql`SELECT xmin::text AS v FROM service_search WHERE id = ${s.id}`))[0]?.v;
    const before = await version();
    await t.deps.db.execute(sql`UPDATE services SET updated_at = now(), instructions = 'x' WHERE id = ${s.id}`);
    expect(await version()).toBe(before);
    await t.deps.db.execute(sql`UPDATE services SET price_cents = price_cents + 100 WHERE id = ${s.id}`);
    expect(await version()).not.toBe(before);
    await expectMirrored(s.id);
  });

  it('finds by its word hashes what the full-text condition on services finds', async () => {
    const bulk = await seedBulkServices(t.deps.db, 300, { services: t.services, sellers: 6, seed: 11, rebuildIndexes: false });
    const inRange = sql`s.id BETWEEN ${bulk.firstId} AND ${bulk.lastId}`;
    // The lexicon's words that these services hold (other sections' texts — the help centre's articles — feed it too).
    const words = (
      await rows(sql`SELECT word FROM search_words w WHERE char_length(word) BETWEEN 3 AND 20
        AND EXISTS (SELECT 1 FROM services s WHERE ${inRange} AND s.search_text LIKE '%' || w.word || '%') ORDER BY md5(word) LIMIT 150`)
    )
      .map((r) => String(r.word))
      .filter((w) => /^[\p{L}\p{N}]+$/u.test(w)); // a query's words (wordsOf), not "royalty-free"
    expect(words.length).toBeGreaterThan(100);
    const ids = async (q: ReturnType<typeof sql>) => (await rows(q)).map((r) => Number(r.id));
    /** The services' full-text condition (before service_search), the English query with the Arabic forms or without. */
    const byVector = (ws: string[], enForms = false) =>
      ids(sql`SELECT s.id FROM services s WHERE ${inRange} AND s.status = 'published' AND s.search_vector @@
        (to_tsquery('arabic', ${tsqueryText(ws, '&', true)}) || to_tsquery('english', ${tsqueryText(ws, '&', enForms)})) ORDER BY s.id`);
    const byTerms = (ws: string[]) =>
      ids(sql`SELECT s.id FROM service_search s WHERE ${inRange} AND ${termsMatch(sql`s.terms`, ws, '&')} ORDER BY s.id`);
    const texts = new Map(
      (await rows(sql`SELECT id, search_text FROM services s WHERE ${inRange}`)).map((r) => [
        Number(r.id),
        new Set(String(r.search_text).split(/[^\p{L}\p{N}]+/u)),
      ]),
    );
    let differ = 0;
    let found = 0;
    const alone = new Map<string, number[]>();
    for (const w of words) {
      const got = await byTerms([w]);
      const [h] = await rows(sql`SELECT cardinality(search_hashes(${formsOf(w).join(' ')})) AS n`);
      if (Number(h?.n) === 0) {
        // A word no service can hold (an English stop word, as to_tsquery('english') drops it): finds nothing.
        expect((await rows(sql`SELECT to_tsvector('english', ${w})::text AS v`))[0]?.v).toBe('');
        expect(got).toEqual([]);
        continue;
      }
      alone.set(w, got);
      // Every service that has one of the word's spellings as written is found…
      const spelled = [...texts].filter(([, ws]) => formsOf(w).some((f) => ws.has(f))).map(([id]) => id);
      expect(got, w).toEqual(expect.arrayContaining(spelled));
      // …and nothing the full-text condition would not find (its English query given the Arabic forms too).
      expect(await byVector([w], true), w).toEqual(expect.arrayContaining(got));
      const before = await byVector([w]);
      differ += got.filter((id) => !before.includes(id)).length + before.filter((id) => !got.includes(id)).length;
      found += before.length;
    }
    expect(alone.size).toBeGreaterThan(120);
    expect(found).toBeGreaterThan(1000);
    // The Arabic stems of Arabic words and the English ones of the others, instead of both configurations of every
    // word, find almost exactly what the vector found.
    expect(differ / found).toBeLessThan(0.05);
    // Two words: the services each finds alone.
    const kept = [...alone.keys()];
    for (let i = 0; i < kept.length; i++) {
      const pair = [kept[i], kept[(i * 7 + 3) % kept.length]];
      const both = (alone.get(pair[0]) ?? []).filter((id) => (alone.get(pair[1]) ?? []).includes(id));
      expect(await byTerms(pair), pair.join(' ')).toEqual(both);
    }
  }, 120_000);
});
