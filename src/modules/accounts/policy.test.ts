import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../platform/http/auth.ts';
import {
  type Actor,
  enforce,
  mayChangeRoles,
  mayListUsers,
  mayOpenStaffArea,
  mayRemoveAdminRoleOf,
  mayViewUserRecord,
  requireStaff,
} from './policy.ts';

const TARGET_ID = 7;
const ACTORS: Record<string, Actor | null> = {
  nobody: null,
  user: { id: 1, roles: [] },
  'unknown role': { id: 2, roles: ['vip'] },
  support: { id: 3, roles: ['support'] },
  finance: { id: 4, roles: ['finance'] },
  moderator: { id: 5, roles: ['moderator'] },
  admin: { id: 6, roles: ['admin'] },
  'moderator + finance': { id: 8, roles: ['moderator', 'finance'] },
  'the target, an admin': { id: TARGET_ID, roles: ['admin'] },
  'the target, a plain user': { id: TARGET_ID, roles: [] },
};
type Kind = keyof typeof ACTORS;

const ACTIONS = {
  'open the staff area': (a: Actor | null) => mayOpenStaffArea(a),
  'list users': (a: Actor | null) => mayListUsers(a),
  "view a user's record": (a: Actor | null) => mayViewUserRecord(a),
  'change roles': (a: Actor | null) => mayChangeRoles(a),
  "remove the target's admin role": (a: Actor | null) => mayRemoveAdminRoleOf(a, TARGET_ID),
};
type Action = keyof typeof ACTIONS;

// Who is allowed each action; everyone else is refused.
const ALLOWED: Record<Action, Kind[]> = {
  'open the staff area': ['support', 'finance', 'moderator', 'admin', 'moderator + finance', 'the target, an admin'],
  'list users': ['support', 'finance', 'moderator', 'admin', 'moderator + finance', 'the target, an admin'],
  "view a user's record": ['support', 'finance', 'moderator', 'admin', 'moderator + finance', 'the target, an admin'],
  'change roles': ['admin', 'the target, an admin'],
  "remove the target's admin role": ['admin'],
};

const cases = (Object.keys(ACTIONS) as Action[]).flatMap((action) =>
  Object.keys(ACTORS).map((kind) => ({ action, kind, expected: ALLOWED[action].includes(kind) ? 'allow' : 'deny' })),
);

describe('accounts policy', () => {
  it.each(cases)('$action: $kind → $expected', ({ action, kind, expected }) => {
    expect(ACTIONS[action](ACTORS[kind]) ? 'allow' : 'deny').toBe(expected);
  });

  it('names only actors that exist in the table', () => {
    for (const kinds of Object.values(ALLOWED)) for (const k of kinds) expect(Object.keys(ACTORS)).toContain(k);
  });

  const guardCases = Object.keys(ACTORS).map((kind) => {
    const actor = ACTORS[kind];
    return { kind, actor, code: !actor ? 'auth.required' : ALLOWED['open the staff area'].includes(kind) ? null : 'auth.forbidden' };
  });
  it.each(guardCases)('requireStaff: $kind → $code', ({ actor, code }) => {
    const user = actor && ({ ...actor, roles: [...actor.roles] } as AuthUser);
    if (code === null) expect(() => requireStaff(user)).not.toThrow();
    else expect(() => requireStaff(user)).toThrow(expect.objectContaining({ code }));
  });

  it('enforce refuses nobody as auth.required and a refused actor as auth.forbidden', () => {
    expect(() => enforce(null, mayChangeRoles)).toThrow(expect.objectContaining({ code: 'auth.required' }));
    expect(() => enforce(ACTORS.moderator, mayChangeRoles)).toThrow(expect.objectContaining({ code: 'auth.forbidden' }));
    expect(() => enforce(ACTORS.admin, mayChangeRoles)).not.toThrow();
  });
});
