import type { ModuleManifest } from '../../platform/module.ts';
import { messagingMessages } from './messages.ts';
import type { MessagingService } from './service.ts';
import { messagingUserData } from './user-data.ts';

export { MessageSchema, messagingApi } from './api.ts';
export { messageAppealTarget } from './appeal-target.ts';
export { messagingPages } from './routes.tsx';
export { createMessagingService, type MessageView, type MessagingService } from './service.ts';
export { MessageItem } from './views.tsx';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    messaging: MessagingService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const messagingModule: ModuleManifest = {
  name: 'messaging',
  // What it holds about a user, for the legal export (admin).
  userData: messagingUserData,
  messages: [messagingMessages],
  adminTabs: [{ label: 'messaging.staff_title', path: '/admin/conversations', permission: 'read_private', order: 65 }],
};
export { messagingReportTargets } from './report-targets.ts';
