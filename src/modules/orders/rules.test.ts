import { describe, expect, it } from 'vitest';
import { ACTIONS, ORDER_STATES, type Role, reviewProblems, sellerLevelFor, TRANSITIONS, transition } from './rules.ts';

/**
 * The whole table, written out by hand from RULES.md "Service orders": every (state, action, role) allowed,
 * with the state it leads to. Anything not here must be refused.
 */
const ALLOWED: Record<string, string> = {
  'pending accept seller': 'in_progress',
  'pending decline seller': 'cancelled',
  'pending cancel buyer': 'cancelled',
  'in_progress deliver seller': 'delivered',
  'in_progress cancel buyer late': 'cancelled',
  'in_progress request-cancel buyer': 'in_progress',
  'in_progress request-cancel seller': 'in_progress',
  'in_progress dispute buyer': 'disputed',
  'in_progress dispute seller': 'disputed',
  'delivered complete buyer': 'completed',
  'delivered request-changes buyer': 'in_progress',
  'delivered request-cancel buyer': 'delivered',
  'delivered request-cancel seller': 'delivered',
  'delivered dispute buyer': 'disputed',
  'delivered dispute seller': 'disputed',
  // With a cancellation request open (by the other side):
  'in_progress accept-cancel seller asked-by-buyer': 'cancelled',
  'in_progress reject-cancel seller asked-by-buyer': 'in_progress',
  'in_progress accept-cancel buyer asked-by-seller': 'cancelled',
  'in_progress reject-cancel buyer asked-by-seller': 'in_progress',
  'delivered accept-cancel seller asked-by-buyer': 'cancelled',
  'delivered reject-cancel seller asked-by-buyer': 'delivered',
  'delivered accept-cancel buyer asked-by-seller': 'cancelled',
  'delivered reject-cancel buyer asked-by-seller': 'delivered',
  // Moving the delivery deadline (issue 20): either side asks while the work is in progress, the other answers.
  'in_progress request-extension buyer': 'in_progress',
  'in_progress request-extension seller': 'in_progress',
  'in_progress accept-extension seller extension-by-buyer': 'in_progress',
  'in_progress reject-extension seller extension-by-buyer': 'in_progress',
  'in_progress accept-extension buyer extension-by-seller': 'in_progress',
  'in_progress reject-extension buyer extension-by-seller': 'in_progress',
};

const ROLES: Role[] = ['buyer', 'seller', 'staff', 'other'];

describe('the order transition table', () => {
  it('allows exactly the listed (state, action, role) triples, in every variant of lateness and open requests', () => {
    let checked = 0;
    for (const status of ORDER_STATES) {
      for (const action of ACTIONS) {
        for (const role of ROLES) {
          for (const late of [false, true]) {
            for (const asked of [null, 'buyer', 'seller'] as const) {
              for (const ext of [null, 'buyer', 'seller'] as const) {
                if (asked && status !== 'in_progress' && status !== 'delivered') continue;
                if ((late || ext) && status !== 'in_progress') continue;
                const r = transition({ status, late, cancelRequestedBy: asked, extensionRequestedBy: ext }, action, role);
                let key = `${status} ${action} ${role}`;
                if (action === 'cancel' && status === 'in_progress') key += late ? ' late' : '';
                if (action === 'accept-cancel' || action === 'reject-cancel') key += asked ? ` asked-by-${asked}` : '';
                if (action === 'accept-extension' || action === 'reject-extension') key += ext ? ` extension-by-${ext}` : '';
                // A second request while one is open is refused; so is cancelling for lateness while an extension waits.
                const refused =
                  (action === 'request-cancel' && asked) || (action === 'request-extension' && ext) || (action === 'cancel' && late && ext);
                const expected = refused ? undefined : ALLOWED[key];
                expect('to' in r ? r.to : undefined, `${key} (late=${late}, asked=${asked}, ext=${ext})`).toBe(expected);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('explains refusals with stable codes', () => {
    const f = (
      status: (typeof ORDER_STATES)[number],
      late = false,
      asked: 'buyer' | 'seller' | null = null,
      ext: 'buyer' | 'seller' | null = null,
    ) => ({
      status,
      late,
      cancelRequestedBy: asked,
      extensionRequestedBy: ext,
    });
    expect(transition(f('pending'), 'accept', 'buyer')).toEqual({ error: 'order.forbidden' });
    expect(transition(f('pending'), 'accept', 'staff')).toEqual({ error: 'order.forbidden' });
    expect(transition(f('completed'), 'accept', 'seller')).toEqual({ error: 'order.wrong_state' });
    expect(transition(f('in_progress'), 'cancel', 'buyer')).toEqual({ error: 'order.not_late' });
    expect(transition(f('in_progress', false, 'buyer'), 'accept-cancel', 'buyer')).toEqual({ error: 'order.own_request' });
    expect(transition(f('in_progress', false, 'buyer'), 'request-cancel', 'seller')).toEqual({ error: 'order.cancel_already_requested' });
    expect(transition(f('disputed'), 'complete', 'buyer')).toEqual({ error: 'order.wrong_state' });
    expect(transition(f('in_progress', true, null, 'seller'), 'cancel', 'buyer')).toEqual({ error: 'order.extension_waiting' });
    expect(transition(f('in_progress', false, null, 'seller'), 'request-extension', 'buyer')).toEqual({ error: 'order.extension_waiting' });
    expect(transition(f('in_progress', false, null, 'seller'), 'accept-extension', 'seller')).toEqual({ error: 'order.own_request' });
  });

  it('is a table: every action has a row, and rows give actions to the buyer and the seller only', () => {
    for (const action of ACTIONS)
      expect(
        TRANSITIONS.some((r) => r.action === action),
        action,
      ).toBe(true);
    for (const r of TRANSITIONS) {
      expect(r.roles.length).toBeGreaterThan(0);
      for (const role of r.roles) expect(['buyer', 'seller']).toContain(role);
      for (const s of r.from) expect(ORDER_STATES).toContain(s);
    }
  });
});

describe('numbers', () => {
  // An order's total is platform/money.ts `orderTotalCents` (money.test.ts has the same cases).
  it('gives the level a seller’s record earns (RULES.md table), keeping a staff-chosen expert', () => {
    expect(sellerLevelFor('new', { salesCents: 0, completed: 0, rating: null })).toBe('new');
    expect(sellerLevelFor('new', { salesCents: 500, completed: 5, rating: 3 })).toBe('level1');
    expect(sellerLevelFor('new', { salesCents: 500, completed: 5, rating: 2.9 })).toBe('new');
    expect(sellerLevelFor('level1', { salesCents: 30_000, completed: 20, rating: 5 })).toBe('level1');
    expect(sellerLevelFor('level1', { salesCents: 30_100, completed: 20, rating: 4.25 })).toBe('level2');
    expect(sellerLevelFor('level2', { salesCents: 100_100, completed: 50, rating: 4.5 })).toBe('level3');
    expect(sellerLevelFor('level2', { salesCents: 100_100, completed: 49, rating: 5 })).toBe('level2');
    expect(sellerLevelFor('expert', { salesCents: 0, completed: 0, rating: null })).toBe('expert');
  });

  it('checks review scores are whole numbers from 1 to 5', () => {
    expect(reviewProblems({ quality: 5, communication: 1, onTime: 3, comment: '' })).toEqual({});
    expect(reviewProblems({ quality: 0, communication: 5.5, onTime: '4', comment: 'x'.repeat(2001) })).toEqual({
      quality: 'review.score_invalid',
      communication: 'review.score_invalid',
      onTime: 'review.score_invalid',
      comment: 'review.comment_too_long',
    });
  });
});
