import type { FavoriteItem } from './kinds.ts';
import type { FavoriteSnapshot } from './schema.ts';

/** Pure rules of favourites (RULES.md "Favourites and verification"). */

/** At most this many favourites per user, all kinds together. */
export const FAVORITES_MAX = 1000;
/** A page of the list. */
export const FAVORITES_PAGE = 24;

/** What changed since an item was saved: it went offline, or (a service) its price moved; null when nothing did. */
export type FavoriteChange = { kind: 'gone' } | { kind: 'price'; fromCents: number; toCents: number } | null;

export function changeSince(saved: FavoriteSnapshot, now: FavoriteItem | null): FavoriteChange {
  if (!now) return { kind: 'gone' };
  const from = saved.priceCents;
  const to = now.priceCents;
  if (typeof from === 'number' && typeof to === 'number' && from !== to) return { kind: 'price', fromCents: from, toCents: to };
  return null;
}

/** Whether one more favourite may be saved by someone who has `count`. */
export const underLimit = (count: number) => count < FAVORITES_MAX;
