import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import { seedDemo } from '../../seed.ts';
import {
  DEMO_SELLERS,
  demoImage,
  draftOf,
  generateServices,
  SUBCATEGORIES,
  seedBulkServices,
  seedDemoServices,
  serviceSearchText,
} from './demo.ts';
import { SERVICES_ALLOWED, serviceProblems } from './rules.ts';
import { services as servicesTable } from './schema.ts';
import { CATEGORY_TREE } from './seed.ts';
import { toDraft } from './service.ts';

describe('the demo service generator', () => {
  const many = generateServices(3000);

  it('gives the same services for the same seed, and others for another seed', () => {
    expect(generateServices(200, 42)).toEqual(generateServices(200, 42));
    expect(generateServices(50)).toEqual(many.slice(0, 50));
    expect(generateServices(50, 43).map((s) => s.title)).not.toEqual(generateServices(50, 42).map((s) => s.title));
  });

  it('covers every subcategory of the tree, any 29 in a row covering them all', () => {
    const leaves = CATEGORY_TREE.flatMap((c) => c.children.map(([slug]) => slug)).sort();
    expect(SUBCATEGORIES.map((s) => s.slug).sort()).toEqual(leaves);
    for (const start of [0, leaves.length, 5 * leaves.length]) {
      expect(new Set(many.slice(start, start + leaves.length).map((s) => s.subSlug)).size).toBe(leaves.length);
    }
    const perSub = new Map<string, number>();
    for (const s of many) perSub.set(s.subSlug, (perSub.get(s.subSlug) ?? 0) + 1);
    expect([...perSub.keys()].sort()).toEqual(leaves);
  });

  it('makes services that pass every rule for submission, priced and timed like real offers', () => {
    for (const s of many) {
      const draft = draftOf(s, 1, [1]);
      expect(serviceProblems(draft, 'submit', true), s.title).toEqual({});
      // Already in the form the service layer stores (trimmed, de-duplicated), so bulk rows equal real ones.
      expect(toDraft({ ...draft })).toEqual(draft);
      expect(s.description.length).toBeGreaterThanOrEqual(100);
      expect(s.priceCents % 100).toBe(0);
      expect(s.priceCents).toBeGreaterThanOrEqual(500);
      expect(s.priceCents).toBeLessThanOrEqual(20_000);
      expect(s.deliveryDays).toBeGreaterThanOrEqual(1);
      expect(s.deliveryDays).toBeLessThanOrEqual(14);
      expect(s.addons.length).toBeLessThanOrEqual(3);
      expect(s.imageCount).toBeGreaterThanOrEqual(1);
      expect(s.imageCount).toBeLessThanOrEqual(3);
      expect(s.instructions.length).toBeGreaterThan(20);
      expect(s.skills.length).toBeGreaterThanOrEqual(3);
      expect(s.title).not.toMatch(/[{}|]/);
    }
    expect(many.some((s) => s.addons.length === 0)).toBe(true);
    expect(many.some((s) => s.addons.length === 3)).toBe(true);
  });

  it('writes mostly in Arabic, some in English', () => {
    const first = many.slice(0, 60);
    const arabic = first.filter((s) => /[\u0600-\u06FF]/.test(s.title));
    const english = first.filter((s) => /^[\x20-\x7E’]+$/.test(s.title));
    expect(arabic.length).toBeGreaterThan(english.length);
    expect(english.length).toBeGreaterThan(0);
    expect(arabic.every((s) => s.lang === 'ar') && english.every((s) => s.lang === 'en')).toBe(true);
    const share = many.filter((s) => s.lang === 'ar').length / many.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
  });

  it('draws placeholder images as JPEG', async () => {
    const bytes = await demoImage('design', 1);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.equals(await demoImage('design', 1))).toBe(true);
  });
});

describe('seeding demo and benchmark services', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const allServices = () => t.deps.db.select().from(servicesTable);

  it('seedDemo publishes at least 60 services across every subcategory, through the service layer', async () => {
    const admin = await seedDemo(t.services);
    expect(admin.username).toBe('demo_admin');
    // Its password is printed in the start-up log: it must choose its own at the first sign-in.
    expect((await t.services.accounts.byUsername('demo_admin'))?.mustChangePassword).toBe(true);
    const rows = await allServices();
    const published = rows.filter((s) => s.status === 'published');
    expect(published.length).toBeGreaterThanOrEqual(60);
    const tree = await t.services.catalog.categoryTree();
    const slugOf = new Map(tree.flatMap((top) => top.children.map((c) => [c.id, c.slug] as const)));
    expect(new Set(published.map((s) => slugOf.get(s.categoryId as number))).size).toBe(SUBCATEGORIES.length);

    // Visible to anyone through the catalog, with 1–3 images the seller uploaded.
    for (const s of published) {
      const seen = await t.services.catalog.get(s.id, null);
      expect(seen.status).toBe('published');
      expect(seen.imageIds.length).toBeGreaterThanOrEqual(1);
      expect(seen.imageIds.length).toBeLessThanOrEqual(3);
      const owned = await t.services.files.owned(t.deps.db, s.sellerId, s.imageIds, 'service_image');
      expect(owned.length).toBe(s.imageIds.length);
    }
    const image = await t.services.files.read(published[0].imageIds[0], 'thumb');
    expect(image?.row.type).toBe('image/webp');

    // The demo freelancers sell too; every seller stays within their level's limit; both languages appear.
    const sellers = new Map<number, number>();
    for (const s of published) sellers.set(s.sellerId, (sellers.get(s.sellerId) ?? 0) + 1);
    for (const [id, n] of sellers) expect(n).toBeLessThanOrEqual(SERVICES_ALLOWED[await t.services.accounts.sellerLevelOf(id)]);
    for (const username of ['sara_designs', 'omar_dev', 'layla_translates', DEMO_SELLERS[0].username]) {
      const u = await t.services.accounts.byUsername(username);
      expect(u && sellers.get(u.id), username).toBeGreaterThan(0);
    }
    const nour = await t.services.accounts.byUsername(DEMO_SELLERS[0].username);
    expect(nour?.displayName).toBe(DEMO_SELLERS[0].name);
    expect(published.some((s) => /[\u0600-\u06FF]/.test(s.title)) && published.some((s) => /^[\x20-\x7E’]+$/.test(s.title))).toBe(true);

    // search_text is what the service layer computed; the exported helper computes the same.
    for (const s of published.slice(0, 10)) {
      const cat = await t.services.catalog.categoryOf(s.categoryId);
      const expected = serviceSearchText(s, cat && { ...cat, parentAr: cat.parent?.nameAr, parentEn: cat.parent?.nameEn });
      expect(s.searchText).toBe(expected);
    }
  }, 180_000);

  it('seedDemo also makes open projects with bids, completed orders reviewed by both sides, and conversations', async () => {
    const { DEMO_BUYERS, seedDemoActivity } = await import('../../demo-activity.ts');
    const admin = await t.services.accounts.byUsername('demo_admin');
    const pw = () => 'unused-password-1';
    const huda = await t.services.accounts.byUsername(DEMO_BUYERS[0].username);
    expect(huda?.displayName).toBe(DEMO_BUYERS[0].name);
    // A second run finds the demo buyers and adds nothing.
    expect(await seedDemoActivity(t.services, { moderator: { id: admin?.id ?? 0, roles: ['admin'] }, password: pw })).toBeNull();

    // /projects is not empty: open projects, most with bids.
    const open = await t.services.projects.search({ sort: 'newest', limit: 20 });
    expect(open.items.length).toBeGreaterThanOrEqual(4);
    expect(open.items.filter((p) => p.bidsCount > 0).length).toBeGreaterThanOrEqual(4);
    const page = await t.app.inject({ method: 'GET', url: '/projects' });
    expect(page.body).not.toContain('data-testid="projects-empty"');

    // Completed orders with both sides' reviews, published (double-blind: both are in); money through the ledger.
    const rows = await queryRows<{ status: string; n: number }>(
      t.deps.db,
      sql`SELECT status, count(*)::int AS n FROM orders GROUP BY status`,
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(byStatus.completed).toBe(3);
    expect(byStatus.in_progress).toBe(1);
    const reviews = await queryRows<{ n: number; published: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published FROM reviews`,
    );
    expect(reviews[0]).toEqual({ n: 6, published: 6 });
    const sara = await t.services.accounts.byUsername('sara_designs');
    const saraReviews = await t.services.orders.publicReviews({ subjectId: sara?.id });
    expect(saraReviews.length).toBe(1);
    expect((await t.services.wallet.reconcile({ id: admin?.id ?? 0, roles: ['admin'] })).ok).toBe(true);
    expect((await t.services.wallet.balances(huda?.id ?? 0)).escrowCents).toBeGreaterThan(0);

    // Conversations with messages, the last one unread by its recipient.
    const layla = await t.services.accounts.byUsername('layla_translates');
    expect((await t.services.messaging.inbox(huda?.id ?? 0)).items.length).toBeGreaterThanOrEqual(1);
    expect(await t.services.messaging.unreadConversations(layla?.id ?? 0)).toBe(1);
  }, 60_000);

  it('seedDemoServices adds more on top, creating sellers as the level limits require', async () => {
    const before = (await allServices()).length;
    const r = await seedDemoServices(t.services, 12, { seed: 7 });
    expect(r.services).toHaveLength(12);
    const rows = await allServices();
    expect(rows.length).toBe(before + 12);
    for (const id of r.services) expect((await t.services.catalog.get(id, null)).status).toBe('published');
    // The 12 demo sellers were full (5 services each at level "new"): new sellers took these.
    const sellerIds = new Set(rows.filter((s) => r.services.includes(s.id)).map((s) => s.sellerId));
    const earlier = new Set(rows.filter((s) => !r.services.includes(s.id)).map((s) => s.sellerId));
    expect(sellerIds.size).toBeGreaterThanOrEqual(3);
    expect([...sellerIds].some((id) => earlier.has(id))).toBe(false);
  }, 120_000);

  it('seedBulkServices inserts published services with the same search text as the service layer', async () => {
    const before = (await allServices()).length;
    const r = await seedBulkServices(t.deps.db, 250, { services: t.services, sellers: 12, rebuildIndexes: true, seed: 3 });
    expect(r.services).toBe(250);
    expect(r.lastId - r.firstId).toBe(249);
    const rows = await t.deps.db.select().from(servicesTable).where(sql`${servicesTable.id} BETWEEN ${r.firstId} AND ${r.lastId}`);
    expect(rows.length).toBe(250);
    expect((await allServices()).length).toBe(before + 250);
    expect(new Set(rows.map((s) => s.sellerId)).size).toBe(12);
    for (const s of rows) {
      expect(s.status).toBe('published');
      expect(s.publishedAt).not.toBeNull();
      expect(s.imageIds.length).toBeGreaterThan(0);
      const cat = await t.services.catalog.categoryOf(s.categoryId);
      expect(s.searchText).toBe(serviceSearchText(s, cat && { ...cat, parentAr: cat.parent?.nameAr, parentEn: cat.parent?.nameEn }));
      expect(serviceProblems({ ...s, pendingEdit: undefined } as never, 'submit', true)).toEqual({});
    }
    for (const s of rows.slice(0, 5)) expect(s.sellerLevel).toBe(await t.services.accounts.sellerLevelOf(s.sellerId));
    // The GIN indexes (images, words) were dropped for the inserts and are back.
    const indexes = await queryRows<{ name: string }>(
      t.deps.db,
      sql`SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('services', 'service_search') AND indexdef ILIKE '% USING gin %'`,
    );
    expect(indexes.map((i) => i.name).sort()).toEqual(['service_search_terms_idx', 'services_images_idx']);
    // Their search rows were written at the end, as the trigger writes them (it was off, and is on again).
    const searchRows = await queryRows<{ id: number; level: string; price: number; same: boolean }>(
      t.deps.db,
      sql`SELECT ss.id, ss.seller_level AS level, ss.price_cents AS price, (ss.terms = search_hashes(s.search_text)) AS same
        FROM service_search ss JOIN services s USING (id) WHERE ss.id BETWEEN ${r.firstId} AND ${r.lastId}`,
    );
    expect(searchRows.length).toBe(250);
    const byId = new Map(rows.map((s) => [s.id, s]));
    for (const x of searchRows) {
      expect(x.same).toBe(true);
      expect([x.level, Number(x.price)]).toEqual([byId.get(Number(x.id))?.sellerLevel, byId.get(Number(x.id))?.priceCents]);
    }
    // The typo words were learnt at the end (the trigger was off for the inserts, and is on again).
    const words = await queryRows<{ word: string }>(t.deps.db, sql`SELECT word FROM search_words`);
    const known = new Set(words.map((w) => w.word));
    const titleWords = rows[0].searchText.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && w.length <= 40);
    expect(titleWords.length).toBeGreaterThan(0);
    for (const w of titleWords) expect(known.has(w)).toBe(true);
    const [trigger] = await queryRows<{ on: string }>(
      t.deps.db,
      sql`SELECT string_agg(tgenabled::text, '' ORDER BY tgname) AS on FROM pg_trigger WHERE tgname IN ('services_search_words', 'services_search_sync')`,
    );
    expect(trigger.on).toBe('OO');
    // A bulk service reads like any other through the catalog, and its images are served as service images.
    const one = await t.services.catalog.get(rows[0].id, null);
    expect(one.title).toBe(rows[0].title);
    const img = await t.services.files.read(one.imageIds[0], 'full');
    expect(img?.row.purpose).toBe('service_image');
  }, 120_000);
});
