import { describe, expect, it } from 'vitest';
import { mayLikeWork, mayManageWork, maySeeWork, viewCounts, workImageAccess } from './policy.ts';

const owner = { id: 1, roles: [] };
const other = { id: 2, roles: [] };
const moderator = { id: 3, roles: ['moderator'] };
const finance = { id: 4, roles: ['finance'] };

describe('work policy', () => {
  it.each([
    ['published', null, true],
    ['published', other, true],
    ['draft', owner, true],
    ['draft', other, false],
    ['draft', null, false],
    ['hidden', owner, true],
    ['hidden', other, false],
    ['hidden', moderator, true],
    ['hidden', finance, false],
    ['deleted', owner, false],
    ['deleted', moderator, true],
    ['deleted', null, false],
  ] as const)('a %s work to %o: %s', (status, who, seen) => {
    expect(maySeeWork(who, { status, ownerId: 1 })).toBe(seen);
  });

  it('lets only the owner manage a work (moderators take it down through a report)', () => {
    expect(mayManageWork(owner, { ownerId: 1 })).toBe(true);
    expect(mayManageWork(other, { ownerId: 1 })).toBe(false);
    expect(mayManageWork(moderator, { ownerId: 1 })).toBe(false);
    expect(mayManageWork(null, { ownerId: 1 })).toBe(false);
  });

  it.each([
    ['published', other, 'ok'],
    ['published', owner, 'own'],
    ['published', null, 'not_found'],
    ['draft', other, 'not_found'],
    ['hidden', owner, 'not_found'],
    ['deleted', other, 'not_found'],
  ] as const)('liking a %s work as %o: %s', (status, who, answer) => {
    expect(mayLikeWork(who, { status, ownerId: 1 })).toBe(answer);
  });

  it.each([
    [null, true, true, 'public'],
    [null, false, true, null],
    [owner, false, false, 'private'],
    [other, false, true, null],
    [moderator, false, true, 'private'],
    [moderator, false, false, null],
    [finance, false, true, null],
  ] as const)('an image to %o (published %s, shown by a work %s): %s', (who, published, attached, access) => {
    expect(workImageAccess(who, { ownerId: 1, published, attached })).toBe(access);
  });

  it('counts views of published works by anyone but the owner', () => {
    expect(viewCounts(null, { status: 'published', ownerId: 1 })).toBe(true);
    expect(viewCounts(2, { status: 'published', ownerId: 1 })).toBe(true);
    expect(viewCounts(1, { status: 'published', ownerId: 1 })).toBe(false);
    expect(viewCounts(2, { status: 'hidden', ownerId: 1 })).toBe(false);
  });
});
