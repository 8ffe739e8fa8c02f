import type { AuthUser } from '../../platform/http/auth.ts';
import type { FavoriteSnapshot } from './schema.ts';

/** Who is looking: a favourite's item is loaded as this person may see it. */
export type FavoriteViewer = Pick<AuthUser, 'id' | 'roles'> | null;

/** An item that can be a favourite, as its module shows it in the list (a card: title, picture, whose it is, price). */
export interface FavoriteItem {
  title: string;
  /** Its page, a locale-free path. */
  url: string;
  /** A small picture (a service's first image, a person's avatar), or null. */
  imageUrl: string | null;
  /** The picture is a person's avatar: drawn round, their initial when they have none. */
  avatar?: boolean;
  /** Whose it is (a service's seller, a project's owner, a work's author); null for a person. */
  person: { username: string; displayName: string } | null;
  /** A service's price now (the list compares it with the price when it was saved). */
  priceCents?: number | null;
  /** A project's budget. */
  budget?: { minCents: number; maxCents: number } | null;
  /** The account the item belongs to (a person is their own): nobody saves their own. */
  ownerId: number;
}

/**
 * A kind of favourite (`service`, `user`, `project`, later `work`), registered by the module that owns the items
 * (its `favorite-kind.ts`, wired in app.ts), so this module knows none of them.
 */
export interface FavoriteKind {
  /** The list's tab: a message key. */
  label: string;
  /** The tab's place (smaller first). */
  order: number;
  /**
   * The items among `ids` that are there now for `viewer` (published, visible, not deactivated…), read at once for
   * a page of the list. An id left out is gone: the list says "no longer available", a new save is refused (404).
   */
  load(ids: number[], viewer: FavoriteViewer): Promise<Map<number, FavoriteItem>>;
  /** The item's page (a locale-free path): there the heart shows whether it is saved (routes.tsx loads it before). */
  page?: RegExp;
}

/** A kind's name: lower-case letters and `_`, as in the API's path (`/api/v1/favorites/{kind}/{id}`). */
export const KIND_NAME = /^[a-z_]{1,20}$/;

/** What a favourite keeps when it is saved: the title, and a service's price (to tell later what changed). */
export function snapshotOf(item: FavoriteItem): FavoriteSnapshot {
  return item.priceCents === undefined || item.priceCents === null
    ? { title: item.title }
    : { title: item.title, priceCents: item.priceCents };
}

/** The registry of kinds: each module registers its own at start; a name twice is a programming error. */
export function createFavoriteKinds() {
  const kinds = new Map<string, FavoriteKind>();
  return {
    register(name: string, kind: FavoriteKind): void {
      if (!KIND_NAME.test(name)) throw new Error(`favourite kind ${name}: not a name (a-z, _)`);
      if (kinds.has(name)) throw new Error(`favourite kind ${name} is registered twice`);
      kinds.set(name, kind);
    },
    get: (name: string): FavoriteKind | null => kinds.get(name) ?? null,
    /** Every kind, in the tabs' order. */
    list: (): [string, FavoriteKind][] => [...kinds].sort((a, b) => a[1].order - b[1].order),
  };
}

export type FavoriteKinds = ReturnType<typeof createFavoriteKinds>;
