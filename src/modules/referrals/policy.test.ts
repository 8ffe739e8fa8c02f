import { describe, expect, it } from 'vitest';
import { mayReferThrough, referralVisit } from './policy.ts';

describe('referrals policy', () => {
  it.each([
    ['alice', 'bob', true],
    ['Alice', 'bob', true],
    ['alice', 'alice', false],
    ['ALICE', 'alice', false],
    ['al', 'bob', false],
    ['a'.repeat(31), 'bob', false],
    ['al-ice', 'bob', false],
    ['', 'bob', false],
  ])('a sign-up %s naming referrer %s: %s', (referrer, username, ok) => {
    expect(mayReferThrough(referrer, username)).toBe(ok);
  });

  it.each([
    [null, 'alice', 'remember'],
    [{ username: 'alice' }, 'alice', 'own'],
    [{ username: 'alice' }, 'ALICE', 'own'],
    [{ username: 'bob' }, 'alice', 'signed_in'],
  ] as const)('a visit by %o to /r/%s: %s', (visitor, link, what) => {
    expect(referralVisit(visitor, link)).toBe(what);
  });
});
