import { describe, expect, it } from 'vitest';
import {
  changePromotionSettings,
  DAY_MS,
  daysLeft,
  monthOf,
  PROMOTION_DEFAULTS,
  paymentOf,
  positionsOf,
  promotionSettingsOf,
  remainingAt,
  rotate,
} from './rules.ts';

describe('promotion rules', () => {
  it('settings: stored values within bounds over the defaults, anything else ignored', () => {
    expect(promotionSettingsOf(undefined)).toEqual(PROMOTION_DEFAULTS);
    expect(promotionSettingsOf({ points: 300, days: 0, priceCents: 'x', positions: [2, 7] })).toEqual({
      ...PROMOTION_DEFAULTS,
      points: 300,
      positions: [2, 7],
    });
    expect(promotionSettingsOf({ positions: [1, 2, 3] }).positions).toEqual([1, 6]);
  });

  it('a change of the settings names each field refused', () => {
    expect(changePromotionSettings(PROMOTION_DEFAULTS, { points: '250', positions: '1, 4' })).toEqual({
      ok: true,
      settings: { ...PROMOTION_DEFAULTS, points: 250, positions: [1, 4] },
    });
    expect(changePromotionSettings(PROMOTION_DEFAULTS, { days: '-1', positions: '6 6' })).toEqual({
      ok: false,
      fields: { days: 'promotion.setting_invalid', positions: 'promotion.positions_invalid' },
    });
  });

  it('positions: one or two distinct places within a page', () => {
    expect(positionsOf('6,1')).toEqual([1, 6]);
    expect(positionsOf([0])).toBeNull();
    expect(positionsOf([25])).toBeNull();
    expect(positionsOf([])).toBeNull();
  });

  it('an Expert’s free promotion comes first while the month has one left; others pay as they asked', () => {
    expect(paymentOf('points', true, 0, PROMOTION_DEFAULTS)).toBe('free');
    expect(paymentOf('money', true, 1, PROMOTION_DEFAULTS)).toBe('money');
    expect(paymentOf('money', false, 0, PROMOTION_DEFAULTS)).toBe('money');
    expect(paymentOf('points', true, 1, { ...PROMOTION_DEFAULTS, expertFreePerMonth: 2 })).toBe('free');
  });

  it('the calendar month in UTC, across a year’s end', () => {
    expect(monthOf(new Date('2026-12-31T23:59:59Z'))).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('time left and days left', () => {
    const end = new Date('2026-11-30T00:00:00Z');
    expect(remainingAt(end, new Date('2026-11-28T00:00:00Z'))).toBe(2 * DAY_MS);
    expect(remainingAt(end, new Date('2026-12-28T00:00:00Z'))).toBe(0);
    expect(daysLeft({ state: 'active', endsAt: end, remainingMs: null }, new Date('2026-11-28T12:00:00Z'))).toBe(2);
    expect(daysLeft({ state: 'stopped', endsAt: end, remainingMs: 3 * DAY_MS + 1 }, new Date())).toBe(4);
    expect(daysLeft({ state: 'ended', endsAt: end, remainingMs: null }, new Date('2026-11-01T00:00:00Z'))).toBe(0);
  });

  it('rotation: the least recently shown first, so each takes its turn', () => {
    const shown = new Map<number, number>();
    const seen: number[][] = [];
    let n = 0;
    for (let i = 0; i < 3; i++) {
      const pick = rotate([5, 7, 9], shown, 2);
      for (const id of pick) shown.set(id, ++n);
      seen.push(pick);
    }
    expect(seen).toEqual([
      [5, 7],
      [9, 5],
      [7, 9],
    ]);
    expect(rotate([1, 1, 2], new Map(), 5)).toEqual([1, 2]);
  });
});
