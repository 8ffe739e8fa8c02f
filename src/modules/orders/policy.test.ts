import { describe, expect, it } from 'vitest';
import { isPartyTo, mayResolveDisputes, maySeeDisputeQueue, mayViewOrder, roleOnOrder, type Viewer, viewIsAudited } from './policy.ts';

const order = { buyerId: 1, sellerId: 2 };

/** Every kind of person who may come to an order. */
const ACTORS: Record<string, Viewer | null> = {
  visitor: null,
  buyer: { id: 1, roles: ['user'] },
  seller: { id: 2, roles: ['user'] },
  stranger: { id: 3, roles: ['user'] },
  admin: { id: 4, roles: ['user', 'admin'] },
  moderator: { id: 5, roles: ['user', 'moderator'] },
  support: { id: 6, roles: ['user', 'support'] },
  finance: { id: 7, roles: ['user', 'finance'] },
  // Staff who bought the order are its buyer, not staff reading it.
  'moderator as buyer': { id: 1, roles: ['user', 'moderator'] },
};

const ACTIONS = {
  role: (v: Viewer | null) => roleOnOrder(order, v),
  view: (v: Viewer | null) => mayViewOrder(order, v),
  audited: (v: Viewer | null) => viewIsAudited(order, v),
  party: (v: Viewer | null) => isPartyTo(order, v),
  resolve: (v: Viewer | null) => mayResolveDisputes(v),
  queue: (v: Viewer | null) => maySeeDisputeQueue(v),
};

/** actor → [role, view, audited, party, resolve, queue] */
const EXPECTED: Record<string, [string, boolean, boolean, boolean, boolean, boolean]> = {
  visitor: ['other', false, false, false, false, false],
  buyer: ['buyer', true, false, true, false, false],
  seller: ['seller', true, false, true, false, false],
  stranger: ['other', false, false, false, false, false],
  admin: ['staff', true, true, false, true, true],
  moderator: ['staff', true, true, false, true, true],
  support: ['staff', true, true, false, true, true],
  // Finance reads an order (audited) as every staff role does, but does not decide disputes.
  finance: ['staff', true, true, false, false, false],
  'moderator as buyer': ['buyer', true, false, true, true, true],
};

const cases = Object.entries(EXPECTED).flatMap(([actor, results]) =>
  Object.keys(ACTIONS).map((action, i) => [actor, action, results[i]] as const),
);

describe('who may do what with an order', () => {
  it('has an expectation for every actor kind', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ACTORS).sort());
  });

  it.each(cases)('%s → %s: %s', (actor, action, expected) => {
    expect(ACTIONS[action as keyof typeof ACTIONS](ACTORS[actor])).toBe(expected);
  });
});
