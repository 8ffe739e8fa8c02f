import type { ModuleManifest } from '../../platform/module.ts';
import { helpMessages } from './messages.ts';
import type { HelpService } from './service.ts';
import { helpUserData } from './user-data.ts';

export { helpAdminPages } from './admin-routes.tsx';
export { helpApi } from './api.ts';
export * from './policy.ts';
export { helpPages } from './routes.tsx';
export { HELP_TOPICS, type HelpTopic } from './rules.ts';
export { seedHelpArticles } from './seed.ts';
export { createHelpService, type HelpArticle, type HelpService } from './service.ts';

// This module's entry in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    help: HelpService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const helpModule: ModuleManifest = {
  name: 'help',
  // What it holds about a user, for the legal export (admin).
  userData: helpUserData,
  messages: [helpMessages],
  adminTabs: [{ label: 'admin.help', path: '/admin/help', permission: 'content', order: 105 }],
};
