import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { createFavoriteKinds, type FavoriteItem, type FavoriteKind, type FavoriteViewer, snapshotOf } from './kinds.ts';
import { changeSince, FAVORITES_MAX, FAVORITES_PAGE, type FavoriteChange, underLimit } from './rules.ts';
import { favorites } from './schema.ts';

export type FavoriteRow = typeof favorites.$inferSelect;

/** One favourite as the list shows it: the row (what was saved), the item now (null: gone), what changed. */
export interface FavoriteEntry {
  row: FavoriteRow;
  item: FavoriteItem | null;
  change: FavoriteChange;
}

/** An advisory lock's first key: one user's favourites, while one is added (the limit counts exactly). */
const LOCK_CLASS = 4203;

/**
 * Favourites (المفضلة): a user saves services, freelancers, projects (and works, once their module registers the
 * kind) — at most FAVORITES_MAX — and lists them by kind, newest first, each saying whether it changed since.
 */
export function createFavoritesService(deps: Deps) {
  const { db, clock } = deps;
  const kinds = createFavoriteKinds();

  function kindOf(name: string): FavoriteKind {
    const k = kinds.get(name);
    if (!k) throw new AppError('favorite.kind_not_found');
    return k;
  }
  const validId = (id: number) => Number.isSafeInteger(id) && id >= 1;

  async function saved(userId: number, kind: string, id: number): Promise<boolean> {
    const [r] = await db
      .select({ id: favorites.id })
      .from(favorites)
      .where(and(eq(favorites.userId, userId), eq(favorites.kind, kind), eq(favorites.targetId, id)));
    return r !== undefined;
  }

  return {
    registerKind: kinds.register,
    kinds: kinds.list,
    hasKind: (name: string) => kinds.get(name) !== null,

    /**
     * Saves an item (idempotent: saved already is fine, even once it went offline). Refused: an unknown kind or an item that is not there for
     * this user (404), one's own item (422 `favorite.own`), a 1,001st favourite (422 `favorite.limit`). Two saves
     * at once make one row (the unique index); two saves of different items at once cannot pass the limit together
     * (the user's advisory lock around the count and the insert).
     */
    async add(actor: AuthUser, kind: string, id: number): Promise<true> {
      const k = kindOf(kind);
      // Saved already (even an item gone offline since): nothing to do.
      if (validId(id) && (await saved(actor.id, kind, id))) return true;
      const item = validId(id) ? (await k.load([id], actor)).get(id) : undefined;
      if (!item) throw new AppError('favorite.not_found');
      if (item.ownerId === actor.id) throw new AppError('favorite.own');
      await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${actor.id}::int)`);
        const [have] = await tx
          .select({ id: favorites.id })
          .from(favorites)
          .where(and(eq(favorites.userId, actor.id), eq(favorites.kind, kind), eq(favorites.targetId, id)));
        if (have) return;
        const count = await tx.$count(favorites, eq(favorites.userId, actor.id));
        if (!underLimit(count)) throw new AppError('favorite.limit', { max: FAVORITES_MAX });
        await tx
          .insert(favorites)
          .values({ userId: actor.id, kind, targetId: id, snapshot: snapshotOf(item), createdAt: clock() })
          .onConflictDoNothing();
      });
      return true;
    },

    /**
     * Takes an item out of the favourites (idempotent). A saved item that went offline can always be taken out; an
     * id that is neither saved nor an item there now is not found (404), as is an unknown kind.
     */
    async remove(actor: AuthUser, kind: string, id: number): Promise<false> {
      const k = kindOf(kind);
      if (!validId(id)) throw new AppError('favorite.not_found');
      const gone = await db
        .delete(favorites)
        .where(and(eq(favorites.userId, actor.id), eq(favorites.kind, kind), eq(favorites.targetId, id)))
        .returning({ id: favorites.id });
      if (gone.length === 0 && !(await k.load([id], actor)).has(id)) throw new AppError('favorite.not_found');
      return false;
    },

    /** Whether the user saved this item. */
    isFavorite: (userId: number, kind: string, id: number) => (validId(id) ? saved(userId, kind, id) : Promise.resolve(false)),

    /** The items of these kinds a user saved, as `kind:id` keys (for the hearts of a page: routes.tsx). */
    async keysOf(userId: number, kindNames: string[]): Promise<Set<string>> {
      if (kindNames.length === 0) return new Set();
      const rows = await db
        .select({ kind: favorites.kind, id: favorites.targetId })
        .from(favorites)
        .where(and(eq(favorites.userId, userId), inArray(favorites.kind, kindNames)));
      return new Set(rows.map((r) => `${r.kind}:${r.id}`));
    },

    /** How many favourites of each kind a user has (the tabs' counts). */
    async counts(userId: number): Promise<Map<string, number>> {
      const rows = await db
        .select({ kind: favorites.kind, n: sql<number>`count(*)::int` })
        .from(favorites)
        .where(eq(favorites.userId, userId))
        .groupBy(favorites.kind);
      return new Map(rows.map((r) => [r.kind, r.n]));
    },

    /** A page of a user's favourites of one kind, newest first, each with its item now and what changed. */
    async list(
      viewer: AuthUser,
      kind: string,
      opts: { limit?: number; cursor?: number } = {},
    ): Promise<{ items: FavoriteEntry[]; nextCursor: number | null }> {
      const k = kindOf(kind);
      const limit = Math.min(Math.max(opts.limit ?? FAVORITES_PAGE, 1), 100);
      const rows = await db
        .select()
        .from(favorites)
        .where(and(eq(favorites.userId, viewer.id), eq(favorites.kind, kind), opts.cursor ? lt(favorites.id, opts.cursor) : undefined))
        .orderBy(desc(favorites.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const loaded = page.length
        ? await k.load(
            page.map((r) => r.targetId),
            viewer as FavoriteViewer,
          )
        : new Map<number, FavoriteItem>();
      const items = page.map((row) => {
        const item = loaded.get(row.targetId) ?? null;
        return { row, item, change: changeSince(row.snapshot, item) };
      });
      return { items, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },
  };
}

export type FavoritesService = ReturnType<typeof createFavoritesService>;
