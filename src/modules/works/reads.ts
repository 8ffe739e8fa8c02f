import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import { workImageAccess } from './policy.ts';
import type { WorkStatus } from './rules.ts';
import { works } from './schema.ts';
import { searchWorks, type WorkQuery } from './search.ts';
import type { Viewer, WorkRow, WorksModules } from './types.ts';
import type { WorkCardData } from './views.tsx';

/** What a card is made from: a work's row or a search hit. */
type CardSource = Pick<WorkRow, 'id' | 'ownerId' | 'title' | 'imageIds' | 'orderId' | 'likesCount' | 'viewsCount'>;

/**
 * How long an instance keeps the works' public reads (searches, cards' covers and owners, "more by this freelancer"):
 * a change shows at once on the instance that made it (its writes and likes bump the version the keys carry) and
 * within this on the others; a work's own row is always read fresh.
 */
export const READ_TTL_MS = 15_000;

/** The works' reads: the owner's list, the public listing and cards, the image access rule. */
export function createWorkReads(deps: Deps, m: WorksModules) {
  const { db } = deps;
  let version = 0;
  const cache = ttlCache<unknown>(READ_TTL_MS, 5000);
  const cached = <T>(key: string, load: () => Promise<T>) => cache.get(`${version}:${key}`, load) as Promise<T>;

  /** The public ids of these works' covers (the first image of each), by work id. */
  async function coversOf(rows: { id: number; imageIds: number[] }[]): Promise<Map<number, string>> {
    const covers = rows.flatMap((w) => (w.imageIds[0] ? [w.imageIds[0]] : []));
    const ids = await cached(`covers:${covers.join(',')}`, () => m.files.publicIds(covers));
    return new Map(rows.flatMap((w) => (ids.has(w.imageIds[0]) ? [[w.id, ids.get(w.imageIds[0]) as string]] : [])));
  }

  /** Public cards of people (name, username, level, picture), kept as the other reads are. */
  const people = (ids: number[]) => {
    const wanted = [...new Set(ids)].sort((a, b) => a - b);
    return cached(`people:${wanted.join(',')}`, () => m.accounts.publicByIds(wanted));
  };

  /** A freelancer's published works, the best first (their profile, "more by this freelancer"). */
  const publishedBy = (ownerId: number, limit: number, exceptId?: number): Promise<WorkRow[]> =>
    cached(`by:${ownerId}:${limit}:${exceptId ?? 0}`, () =>
      db
        .select()
        .from(works)
        .where(and(eq(works.ownerId, ownerId), eq(works.status, 'published'), exceptId ? ne(works.id, exceptId) : undefined))
        .orderBy(desc(works.bestScore), desc(works.publishedAt), desc(works.id))
        .limit(Math.min(100, Math.max(1, limit))),
    );

  /** Works (rows or search hits) as their cards show them: the cover's public id, the owner, the counts, the badge. */
  async function cards(rows: CardSource[]): Promise<WorkCardData[]> {
    const [covers, owners] = await Promise.all([coversOf(rows), people(rows.map((w) => w.ownerId))]);
    return rows.map((w) => {
      const o = owners.get(w.ownerId);
      return {
        id: w.id,
        title: w.title,
        coverPublicId: covers.get(w.id) ?? null,
        likesCount: w.likesCount,
        viewsCount: w.viewsCount,
        delivered: w.orderId !== null,
        owner: o ? { username: o.username, displayName: o.displayName } : null,
      };
    });
  }

  return {
    /** The owner's works (any status but deleted), the newest first, with the count per status (never cached). */
    async mine(ownerId: number, status?: WorkStatus, limit = 200) {
      const [items, counts] = await Promise.all([
        db
          .select()
          .from(works)
          .where(and(eq(works.ownerId, ownerId), status ? eq(works.status, status) : ne(works.status, 'deleted')))
          .orderBy(desc(works.id))
          .limit(Math.min(500, Math.max(1, limit))),
        db
          .select({ status: works.status, n: sql<number>`count(*)::int` })
          .from(works)
          .where(and(eq(works.ownerId, ownerId), ne(works.status, 'deleted')))
          .groupBy(works.status),
      ]);
      return { items, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number> };
    },

    publishedBy,

    /** Published works matching a query and filters (search.ts), a page at a time; kept READ_TTL_MS. */
    search: (q: WorkQuery) => cached(`search:${JSON.stringify(q)}`, () => searchWorks(db, q)),

    /** The completed orders behind these works, with their buyers' published reviews (the badge). */
    deliveredOrders: (orderIds: number[]) => m.orders.deliveredOrders(orderIds),

    coversOf,
    people,

    /** The public ids of a work's images, in its order (its page). */
    async imagesOf(w: { id: number; imageIds: number[] }): Promise<string[]> {
      const ids = await cached(`images:${w.imageIds.join(',')}`, () => m.files.publicIds(w.imageIds));
      return w.imageIds.flatMap((fid) => (ids.has(fid) ? [ids.get(fid) as string] : []));
    },

    cards,

    /** A freelancer's published works as cards, the best first: what their public profile shows (WorksSection). */
    async worksOfOwner(userId: number, limit = 6): Promise<WorkCardData[]> {
      return cards(await publishedBy(userId, limit));
    },

    /**
     * How `viewer` may load a work image (`/files/{publicId}`, registered with the catalog): policy.ts
     * `workImageAccess`, through the GIN index on `image_ids`. The viewer is read only when the image is not public.
     */
    async imageAccess(image: { id: number; ownerId: number }, viewer: () => Promise<Viewer | null>) {
      const one = JSON.stringify([image.id]);
      const shown = async (published: boolean) =>
        (
          await db
            .select({ id: works.id })
            .from(works)
            .where(and(sql`${works.imageIds} @> ${one}::jsonb`, published ? eq(works.status, 'published') : undefined))
            .limit(1)
        ).length > 0;
      if (await shown(true)) return workImageAccess(null, { ownerId: image.ownerId, published: true, attached: true });
      const actor = await viewer();
      if (actor === null) return null;
      const base = { ownerId: image.ownerId, published: false };
      const ifShown = workImageAccess(actor, { ...base, attached: true });
      const ifNot = workImageAccess(actor, { ...base, attached: false });
      if (ifShown === ifNot) return ifShown;
      return (await shown(false)) ? ifShown : ifNot;
    },

    /** Several works by id (any status), for cards. */
    async byIds(ids: number[]): Promise<WorkRow[]> {
      const wanted = [...new Set(ids.filter((n) => Number.isSafeInteger(n) && n > 0))];
      if (wanted.length === 0) return [];
      return db.select().from(works).where(inArray(works.id, wanted));
    },

    /** Something changed (a write, a like on this instance): the cached reads start again. */
    changed(): void {
      version++;
    },
  };
}
