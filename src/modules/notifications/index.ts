import type { ModuleManifest } from '../../platform/module.ts';
import { notificationsMessages } from './messages.ts';
import type { NotificationsService } from './service.ts';

export { notificationsApi } from './api.ts';
export { notificationsPages } from './routes.tsx';
export {
  type Contact,
  createNotificationsService,
  type NotificationsService,
  type NotificationType,
  type NotificationTypes,
  TOPICS,
  type Topic,
} from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    notifications: NotificationsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  messages: [notificationsMessages],
};
