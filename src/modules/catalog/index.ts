import { eq, isNotNull, or } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { browseMessages } from './messages.browse.ts';
import { categoriesMessages } from './messages.categories.ts';
import { packagesMessages } from './messages.packages.ts';
import { publishMessages } from './messages.publish.ts';
import { synonymsMessages } from './messages.synonyms.ts';
import { services } from './schema.ts';
import type { CatalogService } from './service.ts';
import { catalogUserData } from './user-data.ts';

export { catalogApi } from './api.ts';
export { serviceFavoriteKind } from './favorite-kind.ts';
export type { TopSeller } from './home-reads.ts';
export type { ImageAccess } from './images.ts';
export { isTier, type PackageRow, type PackageTier, TIERS } from './packages.ts';
export { SERVICES_ALLOWED, slugOf } from './rules.ts';
export type { SearchQuery, ServiceHit } from './search.ts';
export { type CatalogService, type CategoryNode, createCatalogService, type Sellers, type ServiceRow } from './service.ts';
export type { PromotableService, SponsoredPick, SponsoredSource } from './sponsored.ts';
export { Stars } from './views/browse.tsx';
export { SellerServicesSection } from './views/seller-services.tsx';
export { type CardSellerView, ServiceCards } from './views/service-cards.tsx';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    catalog: CatalogService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const catalogModule: ModuleManifest = {
  name: 'catalog',
  // What it holds about a user, for the legal export (admin).
  userData: catalogUserData,
  messages: [browseMessages, publishMessages, categoriesMessages, synonymsMessages, packagesMessages],
  notificationTypes: { 'service.approved': 'services', 'service.rejected': 'services' },
  adminTabs: [
    {
      label: 'moderation.title',
      path: '/admin/services',
      permission: 'moderate',
      order: 20,
      // New services and edits of published ones, as the moderation queue lists them.
      queue: {
        label: 'moderation.queue_count',
        count: (db) => db.$count(services, or(eq(services.status, 'pending'), isNotNull(services.pendingEdit))),
      },
    },
    { label: 'category.title', path: '/admin/categories', permission: 'admin', order: 120 },
    { label: 'synonyms.title', path: '/admin/synonyms', permission: 'search_synonyms', order: 125 },
  ],
};
export { catalogReportTargets } from './report-targets.ts';
