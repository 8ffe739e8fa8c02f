export { notificationsApi } from './api.ts';
export { notificationsPages } from './routes.tsx';
export {
  type Contact,
  createNotificationsService,
  NOTIFICATION_TYPES,
  type NotificationsService,
  type NotificationType,
  TOPICS,
  type Topic,
} from './service.ts';
