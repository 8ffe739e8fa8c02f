export { catalogApi } from './api.ts';
export { type CatalogService, type CategoryNode, createCatalogService } from './service.ts';
