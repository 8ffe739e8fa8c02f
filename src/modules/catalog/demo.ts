import { randomBytes } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import type { Services } from '../../platform/container.ts';
import { type Db, queryRows } from '../../platform/db/index.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import {
  DEFAULT_SEED,
  DEMO_SELLERS,
  demoImage,
  draftOf,
  EXISTING_DEMO_SELLERS,
  type GeneratedService,
  generateServices,
  rng,
  type SellerProfile,
  SUBCATEGORIES,
  type SubcategoryInfo,
  sellerProfileOf,
  serviceGenerator,
  serviceSearchText,
} from './demo-generator.ts';
import { SERVICES_ALLOWED } from './rules.ts';
import { categories, services as servicesTable } from './schema.ts';
import { CATEGORY_TREE } from './seed.ts';

// The generator's API (pure, no database) is this module's too: importers of demo.ts need not know the split.
export * from './demo-generator.ts';

/*
 * Demo and benchmark data for the services section, written to a database. The offers, images and seller
 * profiles come from demo-generator.ts (a seeded generator over the words in `fixtures/`), so one seed always
 * gives the same services.
 *
 * - `generateServices(n, seed)`: the offers themselves (pure, no database; demo-generator.ts).
 * - `seedDemoServices(services, 60)`: demo sellers + published services through the real service layer
 *   (images through `files.saveImage`, submission, moderator approval). Used by `seedDemo` on a new database.
 * - `seedBulkServices(db, n, {services})`: N published services at once with multi-row INSERTs, for benchmarks.
 */

// ————————————————————————————————————————————— sellers —————————————————————————————————————————————

const actorOf = (u: { id: number; username: string; displayName: string; email: string }): AuthUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  roles: [],
  emailVerified: true,
  locale: 'ar',
  sessionId: 0,
});

/** Creates a verified account with its public profile, as `seedDemo` does for its freelancers. */
export async function createDemoSeller(services: Services, p: SellerProfile, password: string) {
  const u = await services.accounts.createDemoUser({ email: `${p.username}@kafiil.local`, username: p.username, password });
  return services.accounts.updateProfile(actorOf(u), {
    displayName: p.name,
    bio: p.bio,
    country: p.country,
    skills: p.skills,
    languages: p.languages,
  });
}

/** A gate that lets at most `n` of the functions given to it run at once, in the order given. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

type SubcategoryRow = SubcategoryInfo & { id: number };

/** The subcategories' ids in this database (from the catalog service, or straight from the table). */
async function subcategoryIds(source: Services | Db): Promise<Map<string, SubcategoryRow>> {
  const out = new Map<string, SubcategoryRow>();
  if ('catalog' in source) {
    for (const top of await source.catalog.categoryTree()) {
      for (const c of top.children) {
        out.set(c.slug, {
          id: c.id,
          slug: c.slug,
          topSlug: top.slug,
          nameAr: c.nameAr,
          nameEn: c.nameEn,
          topAr: top.nameAr,
          topEn: top.nameEn,
        });
      }
    }
  } else {
    const rows = await source.select().from(categories).orderBy(asc(categories.id));
    const byId = new Map(rows.map((c) => [c.id, c]));
    for (const c of rows) {
      const top = c.parentId === null ? undefined : byId.get(c.parentId);
      if (top)
        out.set(c.slug, {
          id: c.id,
          slug: c.slug,
          topSlug: top.slug,
          nameAr: c.nameAr,
          nameEn: c.nameEn,
          topAr: top.nameAr,
          topEn: top.nameEn,
        });
    }
  }
  const missing = SUBCATEGORIES.filter((s) => !out.has(s.slug)).map((s) => s.slug);
  if (missing.length) throw new Error(`demo services: categories missing (run seedBase first): ${missing.join(', ')}`);
  return out;
}

// ——————————————————————————————————————————— demo services ———————————————————————————————————————————

type Staff = Pick<AuthUser, 'id' | 'roles'>;

export interface DemoSeedResult {
  services: number[];
  sellers: number;
  images: number;
}

/**
 * Demo sellers and `count` published services through the real service layer: images uploaded with
 * `files.saveImage`, services submitted with `catalog.create` and approved by a moderator. Sellers keep
 * within their level's service limit: the demo freelancers `seedDemo` made, then more demo sellers, then
 * generated ones as needed.
 */
export async function seedDemoServices(
  services: Services,
  count = 60,
  opts: {
    seed?: number;
    /** Who approves; defaults to the demo admin if present, else a system moderator. */
    moderator?: Staff;
    /** Password of each newly created seller (default: random, unusable until reset). */
    password?: (username: string) => string;
    concurrency?: number;
  } = {},
): Promise<DemoSeedResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const subs = await subcategoryIds(services);
  const password = opts.password ?? (() => randomBytes(18).toString('base64url'));
  let moderator = opts.moderator;
  if (!moderator) {
    const admin = await services.accounts.byUsername('demo_admin');
    moderator = admin?.roles.some((r) => r === 'moderator' || r === 'admin') ? admin : { id: 0, roles: ['moderator'] };
  }

  interface Slot {
    user: AuthUser;
    specialties: string[];
    free: number;
  }
  const slots: Slot[] = [];
  const addSlot = async (user: AuthUser, specialties: string[]) => {
    const level = await services.accounts.sellerLevelOf(user.id);
    const allowed = SERVICES_ALLOWED[level] ?? SERVICES_ALLOWED.new;
    const active = (await services.catalog.bySeller(user.id, user, 1000)).filter((s) =>
      ['pending', 'published', 'paused'].includes(s.status),
    ).length;
    slots.push({ user, specialties, free: Math.min(Math.max(0, allowed - active), 1_000_000) });
  };
  for (const [username, specialties] of Object.entries(EXISTING_DEMO_SELLERS)) {
    const u = await services.accounts.byUsername(username);
    if (u) await addSlot(actorOf(u), specialties);
  }
  for (const p of DEMO_SELLERS) {
    const u = (await services.accounts.byUsername(p.username)) ?? (await createDemoSeller(services, p, password(p.username)));
    await addSlot(actorOf(u), p.specialties);
  }

  const generated = generateServices(count, seed);
  const plan: { s: GeneratedService; seller: Slot }[] = [];
  let extra = 0;
  for (const s of generated) {
    const open = slots.filter((x) => x.free > 0);
    const specialists = open.filter((x) => x.specialties.includes(s.topSlug));
    let seller = (specialists.length ? specialists : open).sort((a, b) => b.free - a.free)[0];
    if (!seller) {
      let p: SellerProfile;
      do p = sellerProfileOf(extra++, s.topSlug, 'demo', seed);
      while (await services.accounts.byUsername(p.username));
      const u = await createDemoSeller(services, p, password(p.username));
      await addSlot(actorOf(u), p.specialties);
      seller = slots[slots.length - 1];
      if (seller.free <= 0) throw new Error('demo services: a new seller may not publish any service');
    }
    seller.free--;
    plan.push({ s, seller });
  }

  // Images are made and uploaded (CPU work in sharp's threads) ahead of the services that use them, so the
  // encoding overlaps the database work of creating and approving.
  const uploadOne = limiter(3);
  const uploads = plan.map(({ s, seller }) =>
    Promise.all(
      Array.from({ length: s.imageCount }, (_, k) =>
        uploadOne(async () => {
          const bytes = await demoImage(s.topSlug, s.imageSeed + k);
          const f = await services.files.saveImage(
            seller.user.id,
            { name: `${s.subSlug}-${s.index + 1}-${k + 1}.jpg`, bytes },
            'service_image',
          );
          return f.id;
        }),
      ),
    ),
  );
  for (const u of uploads) u.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  const images = plan.reduce((a, p) => a + p.s.imageCount, 0);
  const ids = await pool(plan, opts.concurrency ?? 2, async ({ s, seller }, i) => {
    const sub = subs.get(s.subSlug) as SubcategoryRow;
    const imageIds = await uploads[i];
    const created = await services.catalog.create(seller.user, { ...draftOf(s, sub.id, imageIds) }, { submit: true });
    await services.catalog.approve(moderator, created.id);
    return created.id;
  });
  return { services: ids, sellers: new Set(plan.map((p) => p.seller.user.id)).size, images };
}

// ——————————————————————————————————————————— bulk services ———————————————————————————————————————————

/** The GIN indexes of `services` and `service_search` as schema.ts declares them: the images' one and the words'. */
const SEARCH_INDEXES = [
  { name: 'services_images_idx', def: 'CREATE INDEX services_images_idx ON services USING gin (image_ids jsonb_path_ops)' },
  { name: 'service_search_terms_idx', def: 'CREATE INDEX service_search_terms_idx ON service_search USING gin (terms)' },
];
/** What a search reads of a service (service_search, kept by the trigger of migration 0017). */
const SEARCH_COLUMNS = sql.raw(
  'id, category_id, seller_id, seller_level, price_cents, delivery_days, orders_count, rating_sum, rating_count, published_at',
);

export interface BulkSeedResult {
  services: number;
  sellers: number;
  images: number;
  firstId: number;
  lastId: number;
  /** Whether the GIN indexes were dropped during the inserts and built again after. */
  rebuiltIndexes: boolean;
  seconds: { sellers: number; images: number; services: number; indexes: number; total: number };
}

/**
 * N published services inserted straight into `services` with multi-row INSERTs (for benchmarks). Sellers
 * are created through the accounts service, each working in one top category. A small pool of placeholder
 * images per top category is uploaded through `files.saveImage` by that category's first seller, and the
 * category's services show one or two of them (so most bulk services show images another seller uploaded:
 * fine to look at, but an edit through the service layer would ask for the seller's own images). Titles and
 * descriptions come from the same generator as the demo; `search_text` is computed as the service layer
 * does; publication dates spread over the past year. Level limits are not applied (a benchmark seller has
 * hundreds of services).
 *
 * For large N the GIN indexes (search, images) are dropped first and built again at the end (several times faster
 * than updating them row by row); meanwhile searches still work, only slower. The end runs ANALYZE.
 */
export async function seedBulkServices(
  db: Db,
  n: number,
  opts: {
    services: Services;
    seed?: number;
    /** Default: one per 5 services, at most 300. */
    sellers?: number;
    /** Images uploaded per top category (default 3). */
    imagePool?: number;
    batchSize?: number;
    /** Batches in flight at once (PostgreSQL: a few; PGlite runs one at a time anyway). */
    concurrency?: number;
    /** Drop and rebuild the GIN indexes around the inserts (default: when n ≥ 10,000). */
    rebuildIndexes?: boolean;
    now?: Date;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<BulkSeedResult> {
  const t0 = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const svc = opts.services;
  const subs = await subcategoryIds(db);
  const sellerCount = Math.max(1, opts.sellers ?? Math.min(300, Math.ceil(n / 5)));
  const tops = CATEGORY_TREE.map((c) => c.slug);
  // Usernames carry a random tag (1.7 million values), so runs on one database do not collide.
  const tag = Array.from(randomBytes(4), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  const password = randomBytes(18).toString('base64url');

  // Sellers: seller i works in top category i mod 9.
  const sellers = await pool(
    Array.from({ length: sellerCount }, (_, i) => i),
    8,
    async (i) => {
      const top = tops[i % tops.length];
      const u = await createDemoSeller(svc, sellerProfileOf(i, top, tag, seed), password);
      return { id: u.id, top, level: u.sellerLevel };
    },
  );
  const t1 = performance.now();

  // Images: a few per top category, uploaded by the category's first seller.
  const perTop = Math.max(1, Math.min(9, opts.imagePool ?? 3));
  const imagesOf = new Map<string, number[]>();
  await pool(tops, 3, async (top) => {
    const owner = sellers.find((s) => s.top === top) ?? sellers[0];
    const ids: number[] = [];
    for (let k = 0; k < perTop; k++) {
      const bytes = await demoImage(top, seed + 7919 * (k + 1) + top.length);
      ids.push((await svc.files.saveImage(owner.id, { name: `${top}-${k + 1}.jpg`, bytes }, 'service_image')).id);
    }
    imagesOf.set(top, ids);
  });
  const t2 = performance.now();

  const rebuild = opts.rebuildIndexes ?? n >= 10_000;
  const ginIndexes = rebuild
    ? await queryRows<{ name: string; def: string }>(
        db,
        sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename IN ('services', 'service_search') AND indexdef ILIKE '% USING gin %'`,
      )
    : [];
  for (const ix of ginIndexes) await db.execute(sql.raw(`DROP INDEX IF EXISTS "${ix.name}"`));
  // The typo words (search_words) and the search's rows (service_search) are made once at the end, not row by row
  // by the triggers.
  if (rebuild) await db.execute(sql`ALTER TABLE services DISABLE TRIGGER services_search_words, DISABLE TRIGGER services_search_sync`);
  // Also the schema's own (schema.ts): a run killed before it rebuilt them leaves them missing; this heals it.
  for (const ix of SEARCH_INDEXES) if (!ginIndexes.some((g) => g.name === ix.name)) ginIndexes.push(ix);

  const byTop = new Map<string, number[]>();
  sellers.forEach((s, i) => {
    byTop.set(s.top, [...(byTop.get(s.top) ?? []), i]);
  });
  const next = serviceGenerator(seed);
  const r = rng(seed + 1);
  const now = (opts.now ?? new Date()).getTime();
  const batchSize = opts.batchSize ?? 1000;
  let done = 0;
  let firstId = Number.POSITIVE_INFINITY;
  let lastId = 0;
  let t3 = t2;
  try {
    await pool(
      Array.from({ length: Math.ceil(n / batchSize) }, (_, b) => b),
      opts.concurrency ?? 3,
      async (b) => {
        // Rows are made synchronously before the first await, so the generator's order is the batches' order.
        const rows: (typeof servicesTable.$inferInsert)[] = [];
        for (let k = b * batchSize; k < Math.min(n, (b + 1) * batchSize); k++) {
          const s = next();
          const sub = subs.get(s.subSlug) as SubcategoryRow;
          const candidates = byTop.get(s.topSlug) ?? [];
          const seller = sellers[candidates.length ? candidates[Math.floor(r() * candidates.length)] : Math.floor(r() * sellers.length)];
          const pics = imagesOf.get(s.topSlug) ?? [];
          const first = Math.floor(r() * pics.length);
          const imageIds = Array.from({ length: Math.min(pics.length, s.imageCount, 2) }, (_, j) => pics[(first + j) % pics.length]);
          const publishedAt = new Date(now - Math.floor(r() * 365 * 86_400_000));
          rows.push({
            sellerId: seller.id,
            sellerLevel: seller.level,
            status: 'published',
            title: s.title,
            categoryId: sub.id,
            description: s.description,
            priceCents: s.priceCents,
            deliveryDays: s.deliveryDays,
            instructions: s.instructions,
            skills: s.skills,
            imageIds,
            addons: s.addons.map((a, j) => ({ id: j + 1, ...a })),
            searchText: serviceSearchText(s, { nameAr: sub.nameAr, nameEn: sub.nameEn, parentAr: sub.topAr, parentEn: sub.topEn }),
            publishedAt,
            createdAt: new Date(publishedAt.getTime() - Math.floor(r() * 3 * 86_400_000)),
            updatedAt: publishedAt,
          });
        }
        const ids = await db.insert(servicesTable).values(rows).returning({ id: servicesTable.id });
        for (const { id } of ids) {
          if (id < firstId) firstId = id;
          if (id > lastId) lastId = id;
        }
        done += rows.length;
        opts.onProgress?.(done, n);
      },
    );
  } finally {
    t3 = performance.now();
    // What the search-rows trigger (migration 0017) would have written, at once (before its text index is built).
    if (rebuild && lastId > 0)
      await db.execute(sql`INSERT INTO service_search (${SEARCH_COLUMNS}, terms)
        SELECT ${SEARCH_COLUMNS}, search_hashes(search_text) FROM services
        WHERE id BETWEEN ${firstId} AND ${lastId} AND status = 'published' ON CONFLICT (id) DO NOTHING`);
    // The GIN indexes build at once, each on its own connection (PGlite takes them in turn).
    await Promise.all(
      ginIndexes.map((ix) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
          await tx.execute(sql.raw(ix.def.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ')));
        }),
      ),
    );
    if (rebuild) await db.execute(sql`ALTER TABLE services ENABLE TRIGGER services_search_words, ENABLE TRIGGER services_search_sync`);
  }
  if (rebuild && n) {
    // What the trigger (migration 0016) would have learnt, at once.
    await db.execute(sql`INSERT INTO search_words (word)
      SELECT DISTINCT u.lexeme FROM services s, unnest(to_tsvector('simple', s.search_text)) AS u
      WHERE s.id BETWEEN ${firstId} AND ${lastId} AND char_length(u.lexeme) BETWEEN 3 AND 40
      ON CONFLICT DO NOTHING`);
  }
  // Fresh statistics, so the planner knows the new rows at once (autovacuum would, later).
  await db.execute(sql`ANALYZE services, service_search`);
  const t4 = performance.now();
  const sec = (ms: number) => Math.round(ms) / 1000;
  return {
    services: n,
    sellers: sellerCount,
    images: perTop * tops.length,
    firstId: n ? firstId : 0,
    lastId,
    rebuiltIndexes: rebuild,
    seconds: { sellers: sec(t1 - t0), images: sec(t2 - t1), services: sec(t3 - t2), indexes: sec(t4 - t3), total: sec(t4 - t0) },
  };
}
