import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { type FilesService, imageUrl } from '../../platform/files.ts';
import type { FavoriteItem, FavoriteKind } from '../favorites/index.ts';
import { slugOf } from './rules.ts';
import { services } from './schema.ts';

type People = (ids: number[]) => Promise<Map<number, { username: string; displayName: string }>>;

/**
 * Services as favourites (the favourites module's `service` kind): a published service with its first image, its
 * seller and its price now; any other (paused, in review, hidden, removed) is gone from the list's point of view.
 */
export function serviceFavoriteKind(db: Db, files: Pick<FilesService, 'publicIds'>, people: People): FavoriteKind {
  return {
    label: 'favorites.tab.service',
    order: 10,
    page: /^\/services\/\d+(?:-[^/]*)?$/,
    async load(ids) {
      const rows = await db
        .select({
          id: services.id,
          title: services.title,
          priceCents: services.priceCents,
          sellerId: services.sellerId,
          imageIds: services.imageIds,
        })
        .from(services)
        .where(and(inArray(services.id, ids), eq(services.status, 'published')));
      const [sellers, images] = await Promise.all([
        people(rows.map((r) => r.sellerId)),
        files.publicIds(rows.flatMap((r) => r.imageIds.slice(0, 1))),
      ]);
      return new Map(
        rows.map((r): [number, FavoriteItem] => {
          const image = r.imageIds[0] === undefined ? undefined : images.get(r.imageIds[0]);
          const seller = sellers.get(r.sellerId);
          return [
            r.id,
            {
              title: r.title,
              url: `/services/${r.id}-${encodeURIComponent(slugOf(r.title))}`,
              imageUrl: image ? imageUrl(image, 'thumb') : null,
              person: seller ? { username: seller.username, displayName: seller.displayName } : null,
              priceCents: r.priceCents,
              ownerId: r.sellerId,
            },
          ];
        }),
      );
    },
  };
}
