import type { ModuleManifest } from '../../platform/module.ts';
import { favoritesMessages } from './messages.ts';
import type { FavoritesService } from './service.ts';
import { favoritesUserData } from './user-data.ts';

export { favoritesApi } from './api.ts';
export { FavoriteButton, HeartIcon } from './button.tsx';
export type { FavoriteItem, FavoriteKind, FavoriteViewer } from './kinds.ts';
export { favoritesPages } from './routes.tsx';
export { changeSince, FAVORITES_MAX, type FavoriteChange } from './rules.ts';
export { createFavoritesService, type FavoriteEntry, type FavoritesService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    favorites: FavoritesService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const favoritesModule: ModuleManifest = {
  name: 'favorites',
  // What it holds about a user, for the legal export (admin).
  userData: favoritesUserData,
  messages: [favoritesMessages],
};
