/**
 * The affiliate programme's rules (RULES.md "Affiliate"), as pure functions, and its numbers — the `referrals`
 * setting over REFERRAL_DEFAULTS (admin-changed, validated, audited).
 */
import { percentOf } from '../../platform/money.ts';

export interface ReferralSettings {
  /** The reward, in basis points of each completed purchase (500 = 5%). */
  rewardBp: number;
  /** At most this much is earned per referred user, over all their purchases (cents). */
  capCents: number;
  /** Purchases earn for this many days after the referred user's sign-up (365: a year). */
  windowDays: number;
  /** How long a visit to a referral link is remembered by the browser (days). */
  cookieDays: number;
}

export const REFERRAL_DEFAULTS: ReferralSettings = { rewardBp: 500, capCents: 5_000, windowDays: 365, cookieDays: 30 };
export const SETTINGS_KEY = 'referrals';

/** Each number's bounds: a setting beyond them is refused. */
export const SETTING_BOUNDS: Record<keyof ReferralSettings, { min: number; max: number }> = {
  rewardBp: { min: 0, max: 5_000 },
  capCents: { min: 0, max: 10_000_000 },
  windowDays: { min: 1, max: 3_650 },
  cookieDays: { min: 1, max: 365 },
};

/** Stored settings (maybe partial, maybe stale) over the defaults: each a whole number within its bounds. */
export function referralSettingsOf(stored: unknown): ReferralSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = { ...REFERRAL_DEFAULTS };
  for (const k of Object.keys(REFERRAL_DEFAULTS) as (keyof ReferralSettings)[]) {
    const v = s[k];
    const b = SETTING_BOUNDS[k];
    if (typeof v === 'number' && Number.isInteger(v) && v >= b.min && v <= b.max) out[k] = v;
  }
  return out;
}

/** A change of the settings as typed (form or API): the new settings, or the fields refused. */
export function changeReferralSettings(
  before: ReferralSettings,
  patch: Record<string, unknown>,
): { ok: true; settings: ReferralSettings } | { ok: false; fields: Record<string, string> } {
  const out = { ...before };
  const fields: Record<string, string> = {};
  for (const k of Object.keys(REFERRAL_DEFAULTS) as (keyof ReferralSettings)[]) {
    if (patch[k] === undefined || patch[k] === '') continue;
    const n = typeof patch[k] === 'number' ? patch[k] : Number(String(patch[k]).trim());
    const b = SETTING_BOUNDS[k];
    if (!Number.isInteger(n) || (n as number) < b.min || (n as number) > b.max) fields[k] = 'referrals.setting_invalid';
    else out[k] = n as number;
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, settings: out };
}

/** Whether a purchase at `at` is within the referral's window: from the sign-up, for `windowDays` (the end excluded). */
export function withinWindow(signedUpAt: Date, at: Date, s: Pick<ReferralSettings, 'windowDays'>): boolean {
  const t = at.getTime();
  return t >= signedUpAt.getTime() && t < windowEnd(signedUpAt, s).getTime();
}

/** The first moment a purchase no longer earns. */
export function windowEnd(signedUpAt: Date, s: Pick<ReferralSettings, 'windowDays'>): Date {
  return new Date(signedUpAt.getTime() + s.windowDays * 86_400_000);
}

/**
 * The reward of one released amount: `rewardBp` of it (rounded half up to the cent, as the commission is), never past
 * what is left of the cap, and never more than the commission the platform kept of it (a reward is paid out of that
 * revenue). 0 when the referral is flagged.
 */
export function rewardCents(r: {
  releasedCents: number;
  feeCents: number;
  rewardedSoFarCents: number;
  flagged: boolean;
  s: Pick<ReferralSettings, 'rewardBp' | 'capCents'>;
}): number {
  if (r.flagged || r.releasedCents <= 0) return 0;
  const left = capLeft(r.rewardedSoFarCents, r.s);
  return Math.max(0, Math.min(percentOf(r.releasedCents, r.s.rewardBp), left, r.feeCents));
}

/** What can still be earned from one referred user. */
export function capLeft(rewardedSoFarCents: number, s: Pick<ReferralSettings, 'capCents'>): number {
  return Math.max(0, s.capCents - rewardedSoFarCents);
}

/**
 * What to take back when `refundedCents` of purchases from one seller were paid back to the buyer after release: the
 * same share of it, never more than the rewards from that seller still standing.
 */
export function reversalCents(r: { refundedCents: number; standingCents: number; rewardBp: number }): number {
  if (r.refundedCents <= 0 || r.standingCents <= 0) return 0;
  return Math.min(percentOf(r.refundedCents, r.rewardBp), r.standingCents);
}

/** A referral link's path: the person's username, which never changes. */
export const linkPath = (username: string) => `/r/${username}`;

/** The self-referral signals, as stored on a flagged referral (`ip,mailbox`). */
export function flagOf(signals: readonly string[]): string | null {
  return signals.length ? [...new Set(signals)].sort().join(',') : null;
}
