import { describe, expect, it } from 'vitest';
import { type FavoriteItem, snapshotOf } from './kinds.ts';
import { changeSince, FAVORITES_MAX, underLimit } from './rules.ts';

const service = (priceCents: number): FavoriteItem => ({
  title: 'شعار',
  url: '/services/1',
  imageUrl: null,
  person: null,
  priceCents,
  ownerId: 1,
});

describe('favourites’ rules', () => {
  it('keeps a service’s price when it is saved, and a title for everything', () => {
    expect(snapshotOf(service(2500))).toEqual({ title: 'شعار', priceCents: 2500 });
    expect(snapshotOf({ ...service(0), priceCents: null })).toEqual({ title: 'شعار' });
  });

  it.each([
    ['the same price', { title: 'x', priceCents: 2500 }, service(2500), null],
    ['a new price', { title: 'x', priceCents: 2500 }, service(4000), { kind: 'price', fromCents: 2500, toCents: 4000 }],
    ['a lower price', { title: 'x', priceCents: 2500 }, service(1000), { kind: 'price', fromCents: 2500, toCents: 1000 }],
    ['gone offline', { title: 'x', priceCents: 2500 }, null, { kind: 'gone' }],
    ['no price kept (a person)', { title: 'x' }, { ...service(0), priceCents: null }, null],
  ])('%s', (_what, saved, now, change) => {
    expect(changeSince(saved, now)).toEqual(change);
  });

  it('stops at 1,000 favourites', () => {
    expect(FAVORITES_MAX).toBe(1000);
    expect(underLimit(999)).toBe(true);
    expect(underLimit(1000)).toBe(false);
  });
});
