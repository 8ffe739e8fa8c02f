import type { ModuleManifest } from '../../platform/module.ts';
import { communityMessages } from './messages.ts';
import type { CommunityService } from './service.ts';
import { communityUserData } from './user-data.ts';

export { communityApi } from './api.ts';
export { seedDemoCommunity } from './demo.ts';
export * from './policy.ts';
export { communityReportTargets } from './report-targets.ts';
export { communityPages } from './routes.tsx';
export * from './rules.ts';
export { seedCommunitySections } from './sections.ts';
export { type CommunityService, createCommunityService } from './service.ts';
export type { CommunityModules, CommunityPerson } from './types.ts';

// This module's entry in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    community: CommunityService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const communityModule: ModuleManifest = {
  name: 'community',
  messages: [communityMessages],
  // In the app at once; by mail: replies and accepted answers at once, followed topics in the digest (topic "community").
  notificationTypes: {
    'community.comment': 'community',
    'community.answer': 'community',
    'community.reply': 'community',
    'community.accepted': 'community',
  },
  adminTabs: [{ label: 'community.admin_title', path: '/admin/community', permission: 'moderate', order: 45 }],
  userData: communityUserData,
};
