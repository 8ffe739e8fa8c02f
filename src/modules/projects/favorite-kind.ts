import { and, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { FavoriteItem, FavoriteKind } from '../favorites/index.ts';
import { maySeeProject } from './policy.ts';
import { projects } from './schema.ts';

type People = (ids: number[]) => Promise<Map<number, { username: string; displayName: string }>>;

/** Projects as favourites (the `project` kind): one the public may see (open, hired, closed, expired), with its budget. */
export function projectFavoriteKind(db: Db, people: People): FavoriteKind {
  return {
    label: 'favorites.tab.project',
    order: 30,
    page: /^\/projects\/\d+$/,
    async load(ids) {
      const rows = (
        await db
          .select({
            id: projects.id,
            title: projects.title,
            status: projects.status,
            ownerId: projects.ownerId,
            budgetMinCents: projects.budgetMinCents,
            budgetMaxCents: projects.budgetMaxCents,
          })
          .from(projects)
          .where(and(inArray(projects.id, ids)))
      ).filter((p) => maySeeProject(null, p));
      const owners = await people(rows.map((r) => r.ownerId));
      return new Map(
        rows.map((r): [number, FavoriteItem] => {
          const o = owners.get(r.ownerId);
          return [
            r.id,
            {
              title: r.title,
              url: `/projects/${r.id}`,
              imageUrl: null,
              person: o ? { username: o.username, displayName: o.displayName } : null,
              budget: r.budgetMaxCents > 0 ? { minCents: r.budgetMinCents, maxCents: r.budgetMaxCents } : null,
              ownerId: r.ownerId,
            },
          ];
        }),
      );
    },
  };
}
