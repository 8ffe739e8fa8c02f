export { MessageSchema, messagingApi } from './api.ts';
export { messagingPages } from './routes.tsx';
export { createMessagingService, type MessageView, type MessagingService } from './service.ts';
export { MessageItem } from './views.tsx';
