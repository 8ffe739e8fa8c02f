import { desc, eq } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { promotionsMessages } from './messages.ts';
import { promotions } from './schema.ts';
import type { PromotionsService } from './service.ts';

export { promotionsApi } from './api.ts';
export { promotionsPages } from './routes.tsx';
export { PROMOTION_DEFAULTS, type PromotionSettings } from './rules.ts';
export { createPromotionsService, type Promotion, type PromotionsDeps, type PromotionsService } from './service.ts';

// This module's entry in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    promotions: PromotionsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const promotionsModule: ModuleManifest = {
  name: 'promotions',
  messages: [promotionsMessages],
  notificationTypes: { 'promotion.ended': 'services' },
  adminTabs: [{ label: 'promotion.admin.tab', path: '/admin/promotions', permission: 'moderate', order: 27 }],
  // A promotion paid from the balance: its line in the statement links to the seller's promotions.
  ledgerReferences: { promotion: { label: 'ledger.ref.promotion', path: () => '/promotions' } },
  // What it holds about a user (the legal export): the promotions of their services.
  userData: async (tx, userId) => ({
    promotions: await tx
      .select({
        id: promotions.id,
        serviceId: promotions.serviceId,
        paidWith: promotions.paidWith,
        pointsSpent: promotions.pointsSpent,
        centsPaid: promotions.centsPaid,
        state: promotions.state,
        startsAt: promotions.startsAt,
        endsAt: promotions.endsAt,
        remainingMs: promotions.remainingMs,
        endedAt: promotions.endedAt,
        impressions: promotions.impressions,
        clicks: promotions.clicks,
        createdAt: promotions.createdAt,
      })
      .from(promotions)
      .where(eq(promotions.sellerId, userId))
      .orderBy(desc(promotions.id)),
  }),
};
