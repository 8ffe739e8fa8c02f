export { catalogApi } from './api.ts';
export { type CatalogService, type CategoryNode, createCatalogService, type Sellers, type ServiceRow } from './service.ts';
export { SellerServicesSection } from './views/seller-services.tsx';
