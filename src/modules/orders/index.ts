import { eq, inArray } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { ordersMessages } from './messages.ts';
import { offerMessages } from './messages-offers.ts';
import { disputes, orders } from './schema.ts';
import type { OrdersService } from './service.ts';
import { ordersUserData } from './user-data.ts';

export { ordersApi } from './api.ts';
export { offerPages, offersThreadPanel } from './offer-routes.tsx';
export { offersApi } from './offers-api.ts';
export { ordersPages } from './routes.tsx';
export { BUYER_LEVEL_STEPS, BUYER_LEVELS, buyerLevelFor, CLEARANCE_DAYS, SELLER_LEVEL_STEPS, STAFF_LEVELS } from './rules.ts';
export { createOrdersService, type DeliveredOrder, type OrdersService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    orders: OrdersService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const ordersModule: ModuleManifest = {
  name: 'orders',
  // What it holds about a user, for the legal export (admin).
  userData: ordersUserData,
  messages: [ordersMessages, offerMessages],
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
    'order.tipped': 'orders',
    'order.offer_accepted': 'orders',
    'order.extension_requested': 'orders',
    'order.extension_accepted': 'orders',
    'order.extension_rejected': 'orders',
  },
  // "order:42" in the ledger (a service order or a hired project's): "طلب #42 — تصميم شعار", linked to the order.
  ledgerReferences: {
    order: {
      label: 'ledger.ref.order',
      path: (id) => `/orders/${id}`,
      titles: async (db, ids) =>
        new Map(
          (await db.select({ id: orders.id, title: orders.title }).from(orders).where(inArray(orders.id, ids))).map((o) => [o.id, o.title]),
        ),
    },
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
