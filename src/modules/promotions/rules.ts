/**
 * Sponsored services' rules (RULES.md "Sponsored services", "Levels"), pure: the numbers (a setting over these
 * defaults), how a promotion is paid, the calendar month of the Expert's free one, the time a stopped one keeps,
 * and the rotation of the sponsored slots.
 */

export const PAY_WITH = ['points', 'money'] as const;
export type PayWith = (typeof PAY_WITH)[number];
export type PaidWith = PayWith | 'free';
export type PromotionState = 'active' | 'stopped' | 'ended';

export interface PromotionSettings {
  /** Points a promotion costs. */
  points: number;
  /** Its price from the available balance, in cents. */
  priceCents: number;
  /** How long it runs. */
  days: number;
  /** Free promotions an Expert seller gets each calendar month (UTC). */
  expertFreePerMonth: number;
  /** The sponsored slots' positions on a results page (1-based, at most two). */
  positions: number[];
}

export const PROMOTION_DEFAULTS: PromotionSettings = { points: 500, priceCents: 500, days: 7, expertFreePerMonth: 1, positions: [1, 6] };
export const SETTINGS_KEY = 'promotions';
const BOUNDS: Record<Exclude<keyof PromotionSettings, 'positions'>, [number, number]> = {
  points: [1, 1_000_000],
  priceCents: [100, 100_000],
  days: [1, 90],
  expertFreePerMonth: [0, 31],
};
export const DAY_MS = 24 * 60 * 60 * 1000;
/** How many sponsored slots a page may have at most. */
export const MAX_SLOTS = 2;
/** A results page's size: a slot's position beyond it is refused. */
export const MAX_POSITION = 24;

const whole = (v: unknown, [min, max]: [number, number]) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Positions as stored or typed ("1, 6"): one or two distinct positions within a page, in order; or null. */
export function positionsOf(v: unknown): number[] | null {
  const list = Array.isArray(v)
    ? v
    : typeof v === 'string'
      ? v
          .split(/[\s,،]+/)
          .filter(Boolean)
          .map(Number)
      : null;
  if (!list || list.length < 1 || list.length > MAX_SLOTS) return null;
  if (!list.every((n) => whole(n, [1, MAX_POSITION]))) return null;
  const sorted = [...new Set(list as number[])].sort((a, b) => a - b);
  return sorted.length === list.length ? sorted : null;
}

/** Stored settings (maybe partial, maybe stale) over the defaults: each number within its bounds. */
export function promotionSettingsOf(stored: unknown): PromotionSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out: PromotionSettings = { ...PROMOTION_DEFAULTS, positions: [...PROMOTION_DEFAULTS.positions] };
  for (const k of Object.keys(BOUNDS) as (keyof typeof BOUNDS)[]) if (whole(s[k], BOUNDS[k])) out[k] = s[k] as number;
  out.positions = positionsOf(s.positions) ?? out.positions;
  return out;
}

/** A change of the settings as typed (form or API): the new settings, or the fields refused. */
export function changePromotionSettings(
  before: PromotionSettings,
  patch: Record<string, unknown>,
): { ok: true; settings: PromotionSettings } | { ok: false; fields: Record<string, string> } {
  const out = { ...before };
  const fields: Record<string, string> = {};
  for (const k of Object.keys(BOUNDS) as (keyof typeof BOUNDS)[]) {
    if (patch[k] === undefined || patch[k] === '') continue;
    const n = typeof patch[k] === 'number' ? patch[k] : Number(String(patch[k]).trim());
    if (!whole(n, BOUNDS[k])) fields[k] = 'promotion.setting_invalid';
    else out[k] = n as number;
  }
  if (patch.positions !== undefined && patch.positions !== '') {
    const p = positionsOf(patch.positions);
    if (p) out.positions = p;
    else fields.positions = 'promotion.positions_invalid';
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, settings: out };
}

/** The calendar month (UTC) `at` falls in: [start, start of the next). */
export function monthOf(at: Date): { from: Date; to: Date } {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { from, to };
}

/**
 * How a promotion is paid: free while an Expert seller has free ones left this month (used first, whatever they
 * asked), otherwise as asked.
 */
export function paymentOf(asked: PayWith, expert: boolean, freeUsedThisMonth: number, s: PromotionSettings): PaidWith {
  return expert && freeUsedThisMonth < s.expertFreePerMonth ? 'free' : asked;
}

/** The time a running promotion has left when it stops at `at` (never below zero, never past its length). */
export function remainingAt(endsAt: Date, at: Date): number {
  return Math.max(0, endsAt.getTime() - at.getTime());
}

/** Whole days left (a part of a day counts as one), for the seller's list. */
export function daysLeft(p: { state: PromotionState; endsAt: Date; remainingMs: number | null }, now: Date): number {
  const ms = p.state === 'active' ? remainingAt(p.endsAt, now) : p.state === 'stopped' ? (p.remainingMs ?? 0) : 0;
  return Math.ceil(ms / DAY_MS);
}

/**
 * The rotation: the `n` candidates shown least recently (never shown first), ties by id, so every matching promoted
 * service takes its turn in the slots. `lastShown` is the time (or a counter) each was last shown.
 */
export function rotate(candidates: readonly number[], lastShown: ReadonlyMap<number, number>, n: number): number[] {
  return [...new Set(candidates)].sort((a, b) => (lastShown.get(a) ?? -1) - (lastShown.get(b) ?? -1) || a - b).slice(0, Math.max(0, n));
}
