export { projectsApi } from './api.ts';
export { bidPages } from './bid-routes.tsx';
export { type BidsPageData, type BidsService, createBidsService } from './bids.ts';
export { bidsApi } from './bids-api.ts';
export { projectsPages, renderProjectPage } from './routes.tsx';
export * from './rules.ts';
export { createProjectsService, type ProjectRow, type ProjectsService } from './service.ts';
