import { eq } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { supportMessages } from './messages.ts';
import { tickets } from './schema.ts';
import type { SupportService } from './service.ts';
import { supportUserData } from './user-data.ts';

export { supportApi, TicketMessageSchema, TicketSchema } from './api.ts';
export { supportPages } from './routes.tsx';
export { createSupportService, type SupportService, TICKET_CATEGORIES, TICKET_STATUSES } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    support: SupportService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const supportModule: ModuleManifest = {
  name: 'support',
  // What it holds about a user, for the legal export (admin).
  userData: supportUserData,
  messages: [supportMessages],
  notificationTypes: {
    // Support answered a complaint: mailed unless the user switched off mail for messages.
    'ticket.answered': 'messages',
  },
  adminTabs: [
    {
      label: 'menu.support_queue',
      path: '/admin/support',
      permission: 'support',
      order: 70,
      // Complaints waiting for support (the queue's default view).
      queue: { label: 'support.queue_count', count: (db) => db.$count(tickets, eq(tickets.status, 'open')) },
    },
  ],
};
