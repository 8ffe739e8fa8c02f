import { can } from '../../platform/staff.ts';
import type { Role } from './rules.ts';

/**
 * Who may do what with an order (DESIGN.md "Rules of the house": one function per action, staff abilities from
 * the one map in platform/staff.ts). What the buyer and the seller may do to the order's state is the
 * transition table in rules.ts; this is who the viewer is and what they may see and decide.
 */

export interface Viewer {
  id: number;
  roles: readonly string[];
}
export interface OrderParties {
  buyerId: number;
  sellerId: number;
}

/**
 * The viewer's role on an order: its buyer, its seller, staff (their reading is
 * audited), or anyone else (to whom the order does not exist).
 */
export function roleOnOrder(order: OrderParties, viewer: Viewer | null): Role {
  if (!viewer) return 'other';
  if (viewer.id === order.buyerId) return 'buyer';
  if (viewer.id === order.sellerId) return 'seller';
  // Every staff role reads an order (finance checks the money behind a dispute or a freeze); each reading is audited.
  return can(viewer, 'staff_area') ? 'staff' : 'other';
}

/** The buyer, the seller, and staff. */
export function mayViewOrder(order: OrderParties, viewer: Viewer | null): boolean {
  return roleOnOrder(order, viewer) !== 'other';
}

/** A reading of the order by someone not a party to it (staff) goes in the audit log. */
export function viewIsAudited(order: OrderParties, viewer: Viewer | null): boolean {
  return roleOnOrder(order, viewer) === 'staff';
}

/** The order's conversation and reviews belong to its two sides only (staff read a dispute's thread through messaging). */
export function isPartyTo(order: OrderParties, viewer: Viewer | null): boolean {
  const role = roleOnOrder(order, viewer);
  return role === 'buyer' || role === 'seller';
}

/** Staff who decide disputes: release, refund or split. */
export function mayResolveDisputes(actor: Viewer | null): boolean {
  return can(actor, 'resolve_disputes');
}

/** The queue of open disputes is for those who decide them. */
export function maySeeDisputeQueue(actor: Viewer | null): boolean {
  return can(actor, 'resolve_disputes');
}
