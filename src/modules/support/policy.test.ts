import { describe, expect, it } from 'vitest';
import { ACTORS, KINDS } from '../../../test/actors.ts';
import { mayWorkQueue, ticketAccess } from './policy.ts';

const expected = { nobody: null, owner: 'owner', other: null, admin: 'staff', moderator: null, support: 'staff', finance: null } as const;

describe('support policy', () => {
  it.each(KINDS)("owner's ticket: %s reaches it as", (k) => {
    expect(ticketAccess(ACTORS[k], { userId: ACTORS.owner.id })).toBe(expected[k]);
  });
  it.each(KINDS)('the support queue: %s', (k) => {
    expect(mayWorkQueue(ACTORS[k])).toBe(expected[k] === 'staff');
  });
  it('a support agent filing their own ticket reaches it as its owner', () => {
    expect(ticketAccess(ACTORS.support, { userId: ACTORS.support.id })).toBe('owner');
  });
});
