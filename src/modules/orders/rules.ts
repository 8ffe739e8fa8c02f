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
export const COMMISSION_BP = 1000;
export const QUANTITY_MAX = 10;

export interface OrderFacts {
  status: OrderState;
  /** Past the delivery deadline without a delivery. */
  late: boolean;
  /** Who asked to cancel, if a request is open. */
  cancelRequestedBy: 'buyer' | 'seller' | null;
}

/**
 * The transition table: the state an action leads to for this role, or the code of why not. Every action
 * not listed for a state/role is refused (`order.not_allowed`, or `order.wrong_state` when the role could
 * do it in another state).
 */
export function transition(facts: OrderFacts, action: OrderAction, role: Role): { to: OrderState } | { error: string } {
  const { status } = facts;
  if (role === 'other' || role === 'staff') return { error: 'order.forbidden' };
  const can = (ok: boolean, to: OrderState) => (ok ? { to } : { error: 'order.wrong_state' });
  switch (action) {
    case 'accept':
    case 'decline':
      if (role !== 'seller') return { error: 'order.forbidden' };
      return can(status === 'pending', action === 'accept' ? 'in_progress' : 'cancelled');
    case 'deliver':
      if (role !== 'seller') return { error: 'order.forbidden' };
      return can(status === 'in_progress', 'delivered');
    case 'request-changes':
    case 'complete':
      if (role !== 'buyer') return { error: 'order.forbidden' };
      return can(status === 'delivered', action === 'complete' ? 'completed' : 'in_progress');
    case 'cancel':
      // Alone: the buyer before the seller accepted, or once the delivery deadline passed without a delivery.
      if (role !== 'buyer') return { error: 'order.forbidden' };
      if (status === 'pending' || (status === 'in_progress' && facts.late)) return { to: 'cancelled' };
      return { error: status === 'in_progress' ? 'order.not_late' : 'order.wrong_state' };
    case 'request-cancel':
      if (!(status === 'in_progress' || status === 'delivered')) return { error: 'order.wrong_state' };
      if (facts.cancelRequestedBy) return { error: 'order.cancel_already_requested' };
      return { to: status };
    case 'accept-cancel':
    case 'reject-cancel':
      if (!(status === 'in_progress' || status === 'delivered') || !facts.cancelRequestedBy) return { error: 'order.wrong_state' };
      if (facts.cancelRequestedBy === role) return { error: 'order.own_request' };
      return { to: action === 'accept-cancel' ? 'cancelled' : status };
    case 'dispute':
      return can(status === 'in_progress' || status === 'delivered', 'disputed');
  }
}

/** Total = (price + chosen add-ons) × quantity, in cents. */
export function orderTotal(priceCents: number, addonCents: number[], quantity: number): number {
  return (priceCents + addonCents.reduce((a, b) => a + b, 0)) * quantity;
}

/** Seller levels (RULES.md table): the level a seller's record earns; "expert" is chosen by staff and kept. */
export const CLEARANCE_DAYS: Record<string, number> = { new: 8, level1: 6, level2: 4, level3: 2, expert: 0 };

export function sellerLevelFor(current: string, r: { salesCents: number; completed: number; rating: number | null }): string {
  if (current === 'expert') return 'expert';
  const rating = r.rating ?? 0;
  if (r.salesCents > 100_000 && r.completed >= 50 && rating >= 4.5) return 'level3';
  if (r.salesCents > 30_000 && r.completed >= 20 && rating >= 4.25) return 'level2';
  if (r.salesCents >= 500 && r.completed >= 5 && rating >= 3.0) return 'level1';
  return 'new';
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
