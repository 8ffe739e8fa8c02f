import { eq } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { ordersMessages } from './messages.ts';
import { disputes } from './schema.ts';
import type { OrdersService } from './service.ts';

export { ordersApi } from './api.ts';
export { ordersPages } from './routes.tsx';
export { createOrdersService, type OrdersService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    orders: OrdersService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const ordersModule: ModuleManifest = {
  name: 'orders',
  messages: [ordersMessages],
  notificationTypes: {
    'order.placed': 'orders',
    'order.hired': 'orders',
    'order.accepted': 'orders',
    'order.declined': 'orders',
    'order.expired': 'orders',
    'order.delivered': 'orders',
    'order.changes_requested': 'orders',
    'order.completed': 'orders',
    'order.cancelled': 'orders',
    'order.cancel_requested': 'orders',
    'order.cancel_rejected': 'orders',
    'order.dispute_opened': 'orders',
    'order.dispute_resolved': 'orders',
  },
  adminTabs: [
    {
      label: 'dispute.queue',
      path: '/admin/disputes',
      permission: 'resolve_disputes',
      order: 60,
      queue: { label: 'dispute.queue_count', count: (db) => db.$count(disputes, eq(disputes.status, 'open')) },
    },
  ],
};
export { ordersReportTargets } from './report-targets.ts';
