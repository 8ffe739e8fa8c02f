/**
 * The points' rules (RULES.md "Points"), as data: why an entry is made, and the numbers (settings, admin-changed,
 * over these defaults).
 */

/** Why an entry was made: earning events, their reversals, a confirmed violation, staff's hand. */
export const REASONS = [
  'order_completed',
  'review_5star',
  'review_removed',
  'vote_received',
  'vote_withdrawn',
  'answer_accepted',
  'answer_unaccepted',
  'violation',
  'staff_grant',
  'staff_removal',
  'promotion',
] as const;
export type PointsReason = (typeof REASONS)[number];

/** Each reversal and the earning it takes back (the same source, the opposite of that entry's delta). */
export const REVERSAL_OF: Partial<Record<PointsReason, PointsReason>> = {
  review_removed: 'review_5star',
  vote_withdrawn: 'vote_received',
  answer_unaccepted: 'answer_accepted',
};
/** Each reversible earning and the reason that takes it back. */
export const REVERSED_BY: Partial<Record<PointsReason, PointsReason>> = Object.fromEntries(
  Object.entries(REVERSAL_OF).map(([rev, orig]) => [orig, rev]),
);

/** The numbers, a setting (`points`): points per whole dollar of completed work, per 5-star review… */
export interface PointsSettings {
  /** Per whole dollar of a completed order's total, to the buyer and to the seller. */
  perDollar: number;
  /** Per published 5-star review received (its three scores average to 5 once rounded, as the rating counts it). */
  fiveStarReview: number;
  /** Per community up-vote received (taken back when the vote is). */
  upvote: number;
  /** Per accepted answer (taken back when the acceptance is). */
  acceptedAnswer: number;
  /** Taken per confirmed violation (a positive number: the entry's delta is its opposite). */
  violation: number;
}

export const POINTS_DEFAULTS: PointsSettings = { perDollar: 1, fiveStarReview: 10, upvote: 2, acceptedAnswer: 5, violation: 50 };
export const SETTINGS_KEY = 'points';
/** Each number's bounds (a setting beyond them is refused). */
export const SETTING_MAX = 10_000;
/** A staff grant or removal: at most this many points at once, and a reason of 10–500 characters. */
export const GRANT_MAX = 100_000;
export const NOTE_MIN = 10;
export const NOTE_MAX = 500;
/** A page of the statement. */
export const STATEMENT_PAGE = 30;

/** Stored settings (maybe partial, maybe stale) over the defaults: each number a whole number within bounds. */
export function pointsSettingsOf(stored: unknown): PointsSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = { ...POINTS_DEFAULTS };
  for (const k of Object.keys(POINTS_DEFAULTS) as (keyof PointsSettings)[]) {
    const v = s[k];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= SETTING_MAX) out[k] = v;
  }
  return out;
}

/** A change of the settings as typed (form or API): the new settings, or the fields refused. */
export function changePointsSettings(
  before: PointsSettings,
  patch: Record<string, unknown>,
): { ok: true; settings: PointsSettings } | { ok: false; fields: Record<string, string> } {
  const out = { ...before };
  const fields: Record<string, string> = {};
  for (const k of Object.keys(POINTS_DEFAULTS) as (keyof PointsSettings)[]) {
    if (patch[k] === undefined || patch[k] === '') continue;
    const n = typeof patch[k] === 'number' ? patch[k] : Number(String(patch[k]).trim());
    if (!Number.isInteger(n) || n < 0 || n > SETTING_MAX) fields[k] = 'points.setting_invalid';
    else out[k] = n as number;
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, settings: out };
}

/** Points for a completed order of `totalCents`: per whole dollar (cents dropped, never rounded up). */
export function orderPoints(totalCents: number, s: PointsSettings): number {
  return Math.floor(totalCents / 100) * s.perDollar;
}

/** A review counts as 5 stars when its overall score (the three scores' average, rounded as the rating does) is 5. */
export function isFiveStar(r: { quality: number; communication: number; onTime: number }): boolean {
  return Math.round((r.quality + r.communication + r.onTime) / 3) === 5;
}

/**
 * Where a source leads on the site, for the statement: an order (its two sides' own page), a community topic or
 * comment, the sanctions page for a violation. Sources: `order:<id>`, `review:<id>`, `vote:<topicId>:topic|comment:
 * <targetId>:<voterId>#<n>`, `answer:<topicId>:<commentId>#<n>` (`#<n>`: the occurrence of a reversible earning), `violation:<what>:<id>`, `grant:<staffId>:<key>`.
 */
export function sourceLink(source: string): string | null {
  const [kind, a, b, c] = source.replace(/#\d+$/, '').split(':');
  const id = (x: string | undefined) => x !== undefined && /^\d{1,15}$/.test(x);
  if (kind === 'order' && id(a)) return `/orders/${a}`;
  if (kind === 'vote' && id(a)) return b === 'comment' && id(c) ? `/community/${a}#comment-${c}` : `/community/${a}`;
  if (kind === 'answer' && id(a) && id(b)) return `/community/${a}#comment-${b}`;
  if (kind === 'violation') return '/account/sanctions';
  if (kind === 'promotion' && id(a)) return '/promotions';
  return null;
}
