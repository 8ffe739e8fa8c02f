import { can } from '../../platform/staff.ts';

type Actor = { id: number; roles: readonly string[] } | null;

/**
 * Give or take back Expert (seller) or VIP (buyer): admins. Expert is money, not content: its clearance days are 0,
 * so a seller's earnings become available at once, before a buyer could dispute them, and its services and bids have
 * no limit — a trust decision on the platform's money like the settings, not a moderator's review of content.
 */
export function mayChooseLevels(actor: Actor): boolean {
  return can(actor, 'admin');
}
