import { describe, expect, it } from 'vitest';
import {
  mayDecideManualDeposit,
  mayDecideWithdrawal,
  mayExploreLedger,
  mayManageSettings,
  mayRetryOwnDeposit,
  maySettleFreeze,
  mayViewWallet,
  mayWorkPaymentQueue,
  refuseUnless,
  type WalletActor,
} from './policy.ts';

const OWNER_ID = 7;
const actors: Record<string, WalletActor | null> = {
  nobody: null,
  owner: { id: OWNER_ID, roles: [] },
  'another user': { id: 8, roles: [] },
  moderator: { id: 9, roles: ['moderator'] },
  support: { id: 10, roles: ['support'] },
  finance: { id: 11, roles: ['finance'] },
  admin: { id: 12, roles: ['admin'] },
  'finance and moderator': { id: 13, roles: ['moderator', 'finance'] },
  'unknown role': { id: 14, roles: ['superuser'] },
};

const actions: Record<string, (a: WalletActor | null) => boolean> = {
  'see the owner’s balances and statement': (a) => mayViewWallet(a, OWNER_ID),
  'approve or reject a withdrawal': mayDecideWithdrawal,
  'confirm or reject a manual deposit': mayDecideManualDeposit,
  'work the payment queue': mayWorkPaymentQueue,
  'explore the ledger': mayExploreLedger,
  'pay damages from a freeze or release it': maySettleFreeze,
  'read and change the settings': mayManageSettings,
  'try the owner’s unpaid top-up again': (a) => mayRetryOwnDeposit(a, OWNER_ID),
};

// Expected answers, one column per action above (in order): view, withdrawal, manual deposit, queue, ledger, freeze, settings,
// retry.
const expected: Record<keyof typeof actors, boolean[]> = {
  nobody: [false, false, false, false, false, false, false, false],
  owner: [true, false, false, false, false, false, false, true],
  'another user': [false, false, false, false, false, false, false, false],
  moderator: [false, false, false, false, false, false, false, false],
  support: [false, false, false, false, false, false, false, false],
  finance: [true, true, true, true, true, true, false, false],
  admin: [true, true, true, true, true, true, true, false],
  'finance and moderator': [true, true, true, true, true, true, false, false],
  'unknown role': [false, false, false, false, false, false, false, false],
};

const table = Object.entries(actors).flatMap(([who, actor]) =>
  Object.entries(actions).map(([action, rule], i) => ({ who, action, actor, rule, allowed: expected[who][i] })),
);

describe('who may do what with the wallet', () => {
  it.each(table)('$who → $action: $allowed', ({ actor, rule, allowed }) => {
    expect(rule(actor)).toBe(allowed);
  });

  it('refuses nobody with auth.required and someone not allowed with auth.forbidden', () => {
    expect(() => refuseUnless(null, false)).toThrow(expect.objectContaining({ code: 'auth.required' }));
    expect(() => refuseUnless(actors.moderator, mayManageSettings(actors.moderator))).toThrow(
      expect.objectContaining({ code: 'auth.forbidden' }),
    );
    expect(() => refuseUnless(actors.admin, mayManageSettings(actors.admin))).not.toThrow();
  });
});
