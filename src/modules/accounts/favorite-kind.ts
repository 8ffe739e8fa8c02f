import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { FavoriteItem, FavoriteKind } from '../favorites/index.ts';
import { users } from './schema.ts';

/** Freelancers as favourites (the `user` kind): an active account, shown by its name, avatar and @username. */
export function userFavoriteKind(db: Db): FavoriteKind {
  return {
    label: 'favorites.tab.user',
    order: 20,
    page: /^\/u\/[^/]+$/,
    async load(ids) {
      const rows = await db
        .select({ id: users.id, username: users.username, displayName: users.displayName, avatarPublicId: users.avatarPublicId })
        .from(users)
        .where(and(inArray(users.id, ids), isNull(users.deactivatedAt)));
      return new Map(
        rows.map((u): [number, FavoriteItem] => [
          u.id,
          {
            title: u.displayName,
            url: `/u/${u.username}`,
            imageUrl: u.avatarPublicId ? `/avatars/${u.avatarPublicId}` : null,
            avatar: true,
            person: { username: u.username, displayName: u.displayName },
            ownerId: u.id,
          },
        ]),
      );
    },
  };
}
