/** Service orders (RULES.md "Service orders", "Reviews", "Levels"): states, who may do what, the numbers. */

export const ORDER_STATES = ['pending', 'in_progress', 'delivered', 'completed', 'cancelled', 'disputed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ACTIONS = [
  'accept',
  'decline',
  'deliver',
  'request-changes',
  'complete',
  'cancel',
  'request-cancel',
  'accept-cancel',
  'reject-cancel',
  'request-extension',
  'accept-extension',
  'reject-extension',
  'dispute',
] as const;
export type OrderAction = (typeof ACTIONS)[number];
export type Role = 'buyer' | 'seller' | 'staff' | 'other';

/** The seller answers within 2 days; a delivery with no answer completes after 3; reviews publish after 10. */
export const ACCEPT_WITHIN_MS = 2 * 86_400_000;
export const AUTO_COMPLETE_MS = 3 * 86_400_000;
/** A project's delivery with no answer completes after 7 days (RULES.md "Projects"). */
export const PROJECT_AUTO_COMPLETE_MS = 7 * 86_400_000;
export const REVIEW_BLIND_MS = 10 * 86_400_000;

/** A tip after completion (issue 20): whole cents from $1 to $1,000, no commission, one per order. */
export const TIP_MIN_CENTS = 100;
export const TIP_MAX_CENTS = 100_000;
export function tipProblem(amount: unknown): string | null {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return 'order.tip_invalid';
  return amount < TIP_MIN_CENTS || amount > TIP_MAX_CENTS ? 'order.tip_range' : null;
}

/** A custom offer (issue 20): its numbers, and what is wrong with one as typed (field → code). */
export const OFFER = {
  titleMin: 10,
  titleMax: 100,
  descriptionMin: 20,
  descriptionMax: 2000,
  priceMinCents: 500,
  priceMaxCents: 1_000_000,
  daysMax: 90,
  revisionsMax: 10,
  validDays: 7,
} as const;
export interface OfferInput {
  title: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  revisions: number;
}
export function offerProblems(o: OfferInput): Record<string, string> {
  const f: Record<string, string> = {};
  const whole = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
  if (o.title.length < OFFER.titleMin || o.title.length > OFFER.titleMax) f.title = 'offer.title_length';
  if (o.description.length < OFFER.descriptionMin || o.description.length > OFFER.descriptionMax)
    f.description = 'offer.description_length';
  if (!whole(o.priceCents, OFFER.priceMinCents, OFFER.priceMaxCents)) f.priceCents = 'offer.price_range';
  if (!whole(o.deliveryDays, 1, OFFER.daysMax)) f.deliveryDays = 'offer.days_range';
  if (!whole(o.revisions, 0, OFFER.revisionsMax)) f.revisions = 'offer.revisions_range';
  return f;
}

/**
 * Whether an order's two sides may review each other: once it is completed, and also once it was cancelled — each
 * side tells what happened (issue 20); the double-blind window runs from the completion or the cancellation.
 */
export const isReviewable = (o: { status: string }): boolean => o.status === 'completed' || o.status === 'cancelled';
export const QUANTITY_MAX = 10;

export interface OrderFacts {
  status: OrderState;
  /** Past the delivery deadline without a delivery. */
  late: boolean;
  /** Who asked to cancel, if a request is open. */
  cancelRequestedBy: 'buyer' | 'seller' | null;
  /** Who asked to move the delivery deadline, if a request is open. */
  extensionRequestedBy: 'buyer' | 'seller' | null;
}

/** An extension of the delivery deadline asked for (issue 20): 1 to 30 days, with a reason. */
export const EXTENSION_DAYS_MAX = 30;
export function extensionDaysProblem(days: unknown): string | null {
  return typeof days === 'number' && Number.isSafeInteger(days) && days >= 1 && days <= EXTENSION_DAYS_MAX ? null : 'order.extension_days';
}

/** A further condition of a row: when it does not hold, the row does not apply and `otherwise` says why. */
interface Condition {
  holds(facts: OrderFacts, role: 'buyer' | 'seller'): boolean;
  otherwise: string;
}

const late: Condition = { holds: (f) => f.late, otherwise: 'order.not_late' };
const noCancelRequest: Condition = { holds: (f) => f.cancelRequestedBy === null, otherwise: 'order.cancel_already_requested' };
const cancelRequested: Condition = { holds: (f) => f.cancelRequestedBy !== null, otherwise: 'order.wrong_state' };
const askedByTheOtherSide: Condition = { holds: (f, role) => f.cancelRequestedBy !== role, otherwise: 'order.own_request' };
const noExtensionRequest: Condition = { holds: (f) => f.extensionRequestedBy === null, otherwise: 'order.extension_waiting' };
const extensionRequested: Condition = { holds: (f) => f.extensionRequestedBy !== null, otherwise: 'order.wrong_state' };
const extensionByTheOtherSide: Condition = { holds: (f, role) => f.extensionRequestedBy !== role, otherwise: 'order.own_request' };

/** `same`: the state stays (a cancellation request opened or turned down). */
export interface TransitionRow {
  action: OrderAction;
  roles: readonly ('buyer' | 'seller')[];
  from: readonly OrderState[];
  to: OrderState | 'same';
  when?: readonly Condition[];
}

const BOTH = ['buyer', 'seller'] as const;
const ACTIVE = ['in_progress', 'delivered'] as const;

/**
 * The transition table (RULES.md "Service orders"): who may do what from which state, and the state it leads to.
 * The buyer cancels alone before the seller accepts, or once the delivery deadline passed without a delivery;
 * otherwise cancelling is a request the other side accepts. Either side may ask to move the delivery deadline by a
 * number of days (the other accepts or turns it down); while one waits, the buyer cannot cancel for lateness. Staff and the platform's timers are not in it:
 * staff decide disputes (`resolve`), the timers expire and auto-complete.
 */
export const TRANSITIONS: readonly TransitionRow[] = [
  { action: 'accept', roles: ['seller'], from: ['pending'], to: 'in_progress' },
  { action: 'decline', roles: ['seller'], from: ['pending'], to: 'cancelled' },
  { action: 'deliver', roles: ['seller'], from: ['in_progress'], to: 'delivered' },
  { action: 'request-changes', roles: ['buyer'], from: ['delivered'], to: 'in_progress' },
  { action: 'complete', roles: ['buyer'], from: ['delivered'], to: 'completed' },
  { action: 'cancel', roles: ['buyer'], from: ['pending'], to: 'cancelled' },
  // Not while a request to move the deadline waits for an answer: lateness is what it is about.
  { action: 'cancel', roles: ['buyer'], from: ['in_progress'], to: 'cancelled', when: [late, noExtensionRequest] },
  { action: 'request-cancel', roles: BOTH, from: ACTIVE, to: 'same', when: [noCancelRequest] },
  { action: 'accept-cancel', roles: BOTH, from: ACTIVE, to: 'cancelled', when: [cancelRequested, askedByTheOtherSide] },
  { action: 'reject-cancel', roles: BOTH, from: ACTIVE, to: 'same', when: [cancelRequested, askedByTheOtherSide] },
  { action: 'request-extension', roles: BOTH, from: ['in_progress'], to: 'same', when: [noExtensionRequest] },
  { action: 'accept-extension', roles: BOTH, from: ['in_progress'], to: 'same', when: [extensionRequested, extensionByTheOtherSide] },
  { action: 'reject-extension', roles: BOTH, from: ['in_progress'], to: 'same', when: [extensionRequested, extensionByTheOtherSide] },
  { action: 'dispute', roles: BOTH, from: ACTIVE, to: 'disputed' },
];

/**
 * The state an action leads to for this role, read from `TRANSITIONS`, or the code of why not: `order.forbidden`
 * when no row gives the action to this role, `order.wrong_state` when none starts from this state, else the
 * first unmet condition of the first row that starts here.
 */
export function transition(facts: OrderFacts, action: OrderAction, role: Role): { to: OrderState } | { error: string } {
  const mine = TRANSITIONS.filter((r) => r.action === action && (r.roles as readonly string[]).includes(role));
  if (role === 'other' || role === 'staff' || mine.length === 0) return { error: 'order.forbidden' };
  const here = mine.filter((r) => r.from.includes(facts.status));
  if (here.length === 0) return { error: 'order.wrong_state' };
  let refusal: string | null = null;
  for (const r of here) {
    const unmet = (r.when ?? []).find((c) => !c.holds(facts, role));
    if (!unmet) return { to: r.to === 'same' ? facts.status : r.to };
    refusal ??= unmet.otherwise;
  }
  return { error: refusal ?? 'order.wrong_state' };
}

/** Seller levels (RULES.md table): the level a seller's record earns; "expert" is chosen by staff and kept. */
export const CLEARANCE_DAYS: Record<string, number> = { new: 8, level1: 6, level2: 4, level3: 2, expert: 0 };

/** The earned seller levels, lowest first, and what each asks of the record (sales in cents, jobs, rating). */
export const SELLER_LEVEL_STEPS = [
  { level: 'level1', minSalesCents: 500, minJobs: 5, minRating: 3.0 },
  { level: 'level2', minSalesCents: 30_001, minJobs: 20, minRating: 4.25 },
  { level: 'level3', minSalesCents: 100_001, minJobs: 50, minRating: 4.5 },
] as const;

export function sellerLevelFor(current: string, r: { salesCents: number; completed: number; rating: number | null }): string {
  if (current === 'expert') return 'expert';
  const rating = r.rating ?? 0;
  let level = 'new';
  for (const s of SELLER_LEVEL_STEPS)
    if (r.salesCents >= s.minSalesCents && r.completed >= s.minJobs && rating >= s.minRating) level = s.level;
  return level;
}

/** The staff-chosen levels: Expert (seller) and VIP (buyer) stay until staff take them back. */
export const STAFF_LEVELS = { seller: 'expert', buyer: 'vip' } as const;
export const BUYER_LEVELS = ['new', 'level1', 'level2', 'level3', 'vip'] as const;

/** Buyer levels (RULES.md "Levels"): from the money spent (cents) on completed purchases, lowest first. */
export const BUYER_LEVEL_STEPS = [
  { level: 'level1', minSpentCents: 500 },
  { level: 'level2', minSpentCents: 30_001 },
  { level: 'level3', minSpentCents: 100_001 },
] as const;

/**
 * The level a buyer's spending earns; "vip" is chosen by staff and kept. RULES.md writes Level 2 as "$301–1,000"
 * and Level 3 as "> $1,000" in whole dollars; in cents anything past $300 is Level 2 ($300.01) and anything past
 * $1,000 is Level 3 ($1,000.01), so no amount falls between two levels. Below $5 (and $0) is New.
 */
export function buyerLevelFor(current: string, spentCents: number): string {
  if (current === 'vip') return 'vip';
  let level = 'new';
  for (const s of BUYER_LEVEL_STEPS) if (spentCents >= s.minSpentCents) level = s.level;
  return level;
}

/** A review's scores: each 1–5; overall is their average. */
export function reviewProblems(r: { quality: unknown; communication: unknown; onTime: unknown; comment: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['quality', 'communication', 'onTime'] as const) {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) out[k] = 'review.score_invalid';
  }
  const comment = typeof r.comment === 'string' ? r.comment.trim() : '';
  if (comment.length > 2000) out.comment = 'review.comment_too_long';
  return out;
}
