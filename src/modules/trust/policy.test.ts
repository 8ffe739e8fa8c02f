import { describe, expect, it } from 'vitest';
import { ACTORS, KINDS, table } from '../../../test/actors.ts';
import { mayModerate, sanctionRefusal } from './policy.ts';

describe('trust policy', () => {
  it.each(table(['admin', 'moderator']))('moderate: %s → %s', (k, ok) => {
    expect(mayModerate(ACTORS[k])).toBe(ok);
  });

  const user = { id: 50, roles: [] };
  const staffMember = { id: 51, roles: ['support'] };
  const onUser = {
    nobody: 'auth.required',
    owner: 'auth.forbidden',
    other: 'auth.forbidden',
    admin: null,
    moderator: null,
    support: 'auth.forbidden',
    finance: 'auth.forbidden',
  };
  const onStaff = { ...onUser, moderator: 'auth.forbidden' };
  it.each(KINDS)('sanction a user: %s', (k) => {
    expect(sanctionRefusal(ACTORS[k], user)).toBe(onUser[k]);
  });
  it.each(KINDS)('sanction a member of staff: %s (admins only)', (k) => {
    expect(sanctionRefusal(ACTORS[k], staffMember)).toBe(onStaff[k]);
  });
  it('nobody sanctions themselves', () => {
    expect(sanctionRefusal(ACTORS.moderator, ACTORS.moderator)).toBe('sanction.self');
    expect(sanctionRefusal(ACTORS.admin, ACTORS.admin)).toBe('sanction.self');
  });
});
