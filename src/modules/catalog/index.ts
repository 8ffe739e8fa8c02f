export { catalogApi } from './api.ts';
export { HTMX_SRC } from './browse.tsx';
export { categoryLabels } from './publish.tsx';
export { type CatalogService, type CategoryNode, createCatalogService, type Sellers, type ServiceRow } from './service.ts';
export {
  type CategoryEntry,
  type CategoryIndex,
  categoryName,
  categoryOptions,
  indexCategories,
  resultsHeading,
} from './views/browse.tsx';
export type { CategoryLabel } from './views/moderation.tsx';
export { CategoryOptions } from './views/publish.tsx';
export { SellerServicesSection } from './views/seller-services.tsx';
export { timeAgo } from './views/service-page.tsx';
