import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { type FilesService, imageUrl } from '../../platform/files.ts';
import type { FavoriteItem, FavoriteKind } from '../favorites/index.ts';
import { works } from './schema.ts';

type People = (ids: number[]) => Promise<Map<number, { username: string; displayName: string }>>;

/**
 * Works as favourites (the favourites module's `work` kind): a published work with its cover and its freelancer;
 * a hidden, deleted or draft one is gone from the list's point of view.
 */
export function workFavoriteKind(db: Db, files: Pick<FilesService, 'publicIds'>, people: People): FavoriteKind {
  return {
    label: 'favorites.tab.work',
    order: 25,
    page: /^\/works\/\d+$/,
    async load(ids) {
      const rows = await db
        .select({ id: works.id, title: works.title, ownerId: works.ownerId, imageIds: works.imageIds })
        .from(works)
        .where(and(inArray(works.id, ids), eq(works.status, 'published')));
      const [owners, covers] = await Promise.all([
        people(rows.map((r) => r.ownerId)),
        files.publicIds(rows.flatMap((r) => r.imageIds.slice(0, 1))),
      ]);
      return new Map(
        rows.map((r): [number, FavoriteItem] => {
          const cover = r.imageIds[0] === undefined ? undefined : covers.get(r.imageIds[0]);
          const owner = owners.get(r.ownerId);
          return [
            r.id,
            {
              title: r.title,
              url: `/works/${r.id}`,
              imageUrl: cover ? imageUrl(cover, 'thumb') : null,
              person: owner ? { username: owner.username, displayName: owner.displayName } : null,
              priceCents: null,
              ownerId: r.ownerId,
            },
          ];
        }),
      );
    },
  };
}
