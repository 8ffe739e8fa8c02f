import { eq } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import type { BidsService } from './bids.ts';
import { bidsMessages } from './messages.bids.ts';
import { projectsMessages } from './messages.ts';
import { projects } from './schema.ts';
import type { ProjectsService } from './service.ts';
import { projectsUserData } from './user-data.ts';

export { projectsApi } from './api.ts';
export { bidPages } from './bid-routes.tsx';
export { type BidsPageData, type BidsService, createBidsService } from './bids.ts';
export { bidsApi } from './bids-api.ts';
export { projectFavoriteKind } from './favorite-kind.ts';
export { projectsPages, renderProjectPage } from './routes.tsx';
export * from './rules.ts';
export { createProjectsService, type ProjectRow, type ProjectsService } from './service.ts';
export { ProjectCard, type ProjectCardData } from './views.tsx';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    projects: ProjectsService;
    bids: BidsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const projectsModule: ModuleManifest = {
  name: 'projects',
  // What it holds about a user, for the legal export (admin).
  userData: projectsUserData,
  messages: [projectsMessages, bidsMessages],
  notificationTypes: {
    'project.approved': 'orders',
    'project.rejected': 'orders',
    'project.bid': 'orders',
    'project.not_chosen': 'orders',
    'project.closed': 'orders',
    'project.expired': 'orders',
  },
  adminTabs: [
    {
      label: 'projects.moderation_title',
      path: '/admin/projects',
      permission: 'moderate',
      order: 30,
      queue: { label: 'projects.queue_count', count: (db) => db.$count(projects, eq(projects.status, 'pending')) },
    },
  ],
};
export { projectsReportTargets } from './report-targets.ts';
