import { can } from '../../platform/staff.ts';

/** Who may do what with promotions: one pure function per rule, enforced by the service, read by the pages. */
type Who = { id: number; roles: readonly string[] } | null | undefined;

/**
 * Promoting a service: its own seller, and only while it is live (published): a paused, draft, rejected, removed or
 * sanctioned service is refused. The refusal's code, or null when allowed.
 */
export function promoteRefusal(actor: Who, service: { sellerId: number; status: string } | null): string | null {
  if (!actor) return 'auth.required';
  if (!service) return 'service.not_found';
  if (service.sellerId !== actor.id) return 'promotion.forbidden';
  if (service.status !== 'published') return 'promotion.not_live';
  return null;
}

/** Every promotion on the site, and ending one early with a reason (audited): moderators. */
export function mayManagePromotions(actor: Who): boolean {
  return can(actor, 'moderate');
}

/** The promotions' numbers (cost, length, slots): admins, as every setting of the site. */
export function mayChangePromotionSettings(actor: Who): boolean {
  return can(actor, 'admin');
}
