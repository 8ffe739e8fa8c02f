import type { ModuleManifest } from '../../platform/module.ts';
import { pointsMessages } from './messages.ts';
import type { PointsService } from './service.ts';

export { pointsApi } from './api.ts';
export { pointsPages } from './routes.tsx';
export { isFiveStar, orderPoints, POINTS_DEFAULTS, type PointsReason, type PointsSettings, REASONS } from './rules.ts';
export { type Award, type AwardPoints, createPointsService, type PointsEntry, type PointsService, type SpendPoints } from './service.ts';

// This module's entry in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    points: PointsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const pointsModule: ModuleManifest = {
  name: 'points',
  messages: [pointsMessages],
  adminTabs: [{ label: 'points.admin.tab', path: '/admin/points', permission: 'finance', order: 75 }],
};
