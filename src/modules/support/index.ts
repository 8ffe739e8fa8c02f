export { supportApi, TicketMessageSchema, TicketSchema } from './api.ts';
export { supportPages } from './routes.tsx';
export { createSupportService, isSupportStaff, type SupportService, TICKET_CATEGORIES, TICKET_STATUSES } from './service.ts';
