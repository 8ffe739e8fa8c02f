import { describe, expect, it } from 'vitest';
import {
  capLeft,
  changeReferralSettings,
  flagOf,
  REFERRAL_DEFAULTS,
  referralSettingsOf,
  reversalCents,
  rewardCents,
  windowEnd,
  withinWindow,
} from './rules.ts';

const s = REFERRAL_DEFAULTS;
const reward = (releasedCents: number, rewardedSoFarCents = 0, feeCents = releasedCents, flagged = false) =>
  rewardCents({ releasedCents, feeCents, rewardedSoFarCents, flagged, s });

describe('referral rewards', () => {
  it('are 5% of the released amount, rounded half up to the cent', () => {
    expect(reward(10_000)).toBe(500);
    expect(reward(2_000)).toBe(100);
    expect(reward(1_010)).toBe(51); // 50.5 → 51
    expect(reward(1_009)).toBe(50); // 50.45 → 50
    expect(reward(9)).toBe(0); // 0.45 → 0
    expect(reward(10)).toBe(1); // 0.5 → 1
    expect(reward(0)).toBe(0);
  });

  it('never pass the $50 cap over all purchases, and never exceed the commission kept', () => {
    expect(reward(100_000)).toBe(5_000);
    expect(reward(200_000)).toBe(5_000);
    expect(reward(10_000, 4_800)).toBe(200);
    expect(reward(10_000, 4_999)).toBe(1);
    expect(reward(10_000, 5_000)).toBe(0);
    expect(reward(10_000, 6_000)).toBe(0);
    expect(reward(10_000, 0, 300)).toBe(300);
    expect(capLeft(4_800, s)).toBe(200);
    expect(capLeft(5_200, s)).toBe(0);
  });

  it('are nothing for a flagged referral', () => {
    expect(reward(10_000, 0, 10_000, true)).toBe(0);
  });

  it('count for a year from the sign-up: the last millisecond in, the year’s end out', () => {
    const signup = new Date('2026-01-10T12:00:00Z');
    const end = windowEnd(signup, s);
    expect(end.toISOString()).toBe('2027-01-10T12:00:00.000Z');
    expect(withinWindow(signup, signup, s)).toBe(true);
    expect(withinWindow(signup, new Date(end.getTime() - 1), s)).toBe(true);
    expect(withinWindow(signup, end, s)).toBe(false);
    expect(withinWindow(signup, new Date(end.getTime() + 86_400_000), s)).toBe(false);
    expect(withinWindow(signup, new Date(signup.getTime() - 1), s)).toBe(false);
  });

  it('taken back: the same share of the refund, at most what still stands', () => {
    expect(reversalCents({ refundedCents: 2_000, standingCents: 500, rewardBp: 500 })).toBe(100);
    expect(reversalCents({ refundedCents: 20_000, standingCents: 500, rewardBp: 500 })).toBe(500);
    expect(reversalCents({ refundedCents: 2_000, standingCents: 0, rewardBp: 500 })).toBe(0);
  });
});

describe('referral settings', () => {
  it('are the stored numbers over the defaults, each within its bounds', () => {
    expect(referralSettingsOf(undefined)).toEqual(REFERRAL_DEFAULTS);
    expect(referralSettingsOf({ rewardBp: 700, capCents: -1, windowDays: 1.5 })).toEqual({ ...REFERRAL_DEFAULTS, rewardBp: 700 });
  });

  it('change only to whole numbers within bounds', () => {
    expect(changeReferralSettings(s, { rewardBp: '1000', cookieDays: '' })).toEqual({ ok: true, settings: { ...s, rewardBp: 1000 } });
    expect(changeReferralSettings(s, { capCents: 'x', windowDays: 0 })).toEqual({
      ok: false,
      fields: { capCents: 'referrals.setting_invalid', windowDays: 'referrals.setting_invalid' },
    });
  });

  it('store the self-referral signals once, sorted', () => {
    expect(flagOf([])).toBeNull();
    expect(flagOf(['mailbox', 'ip', 'ip'])).toBe('ip,mailbox');
  });
});
