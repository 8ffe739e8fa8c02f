import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { favorites } from './schema.ts';

/** The favourites' part of a legal export (ModuleManifest `userData`): what the user saved, with what it was then. */
export async function favoritesUserData(tx: DbOrTx, userId: number) {
  const saved = await tx
    .select({
      id: favorites.id,
      kind: favorites.kind,
      targetId: favorites.targetId,
      snapshot: favorites.snapshot,
      createdAt: favorites.createdAt,
    })
    .from(favorites)
    .where(eq(favorites.userId, userId))
    .orderBy(asc(favorites.id));
  return { favorites: saved };
}
