import { describe, expect, it } from 'vitest';
import {
  entryPreviewsPublic,
  mayDecideContests,
  mayDisputeAward,
  mayResolveContestDisputes,
  mayReviewContests,
  maySeeContest,
  maySeeEntryOriginal,
} from './policy.ts';

const owner = { id: 1, roles: [] };
const other = { id: 2, roles: [] };
const moderator = { id: 3, roles: ['moderator'] };
const support = { id: 4, roles: ['support'] };

describe('contest policy', () => {
  it.each([
    ['open', null, true],
    ['finished', other, true],
    ['draft', owner, true],
    ['draft', other, false],
    ['pending', null, false],
    ['pending', moderator, true],
    ['rejected', support, false],
  ] as const)('a %s contest to %o: %s', (status, who, seen) => {
    expect(maySeeContest(who, { status, ownerId: 1 })).toBe(seen);
  });

  it('lets moderators review and dispute staff decide', () => {
    expect([mayReviewContests(moderator), mayReviewContests(support), mayReviewContests(owner)]).toEqual([true, false, false]);
    expect([mayDecideContests(moderator), mayDecideContests(support), mayDecideContests(owner)]).toEqual([true, true, false]);
  });

  it('lets both sides of a place dispute its handover, and dispute staff decide it', () => {
    const a = { winnerId: 2 };
    const c = { ownerId: 1 };
    expect([owner, other, moderator, { id: 9, roles: [] }, null].map((x) => mayDisputeAward(x, a, c))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([moderator, support, owner, { id: 5, roles: ['finance'] }].map(mayResolveContestDisputes)).toEqual([true, true, false, false]);
  });

  it('shows an entry’s originals to its author, the owner and staff only', () => {
    const e = { userId: 2 };
    const c = { ownerId: 1 };
    expect([owner, other, moderator, { id: 9, roles: [] }, null].map((a) => maySeeEntryOriginal(a, e, c))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it.each([
    ['open', false, 'active', true],
    ['open', true, 'active', false],
    ['judging', true, 'active', true],
    ['finished', true, 'active', true],
    ['open', false, 'withdrawn', false],
    ['pending', false, 'active', false],
  ] as const)('previews of an entry in a %s contest (blind: %s), entry %s: public %s', (status, blind, entry, seen) => {
    expect(entryPreviewsPublic({ status: entry, userId: 2 }, { status, blind, ownerId: 1 })).toBe(seen);
  });
});
