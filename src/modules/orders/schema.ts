import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface OrderAddon {
  id: number;
  title: string;
  priceCents: number;
  extraDays: number;
}

/**
 * An order: a service bought (`kind` 'service': a snapshot of title, prices, add-ons, days, commission) or a
 * project's hired bid (`kind` 'project': the project and bid it came from; it starts in progress).
 */
export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull().default('service'),
    serviceId: bigint('service_id', { mode: 'number' }),
    projectId: bigint('project_id', { mode: 'number' }),
    bidId: bigint('bid_id', { mode: 'number' }),
    buyerId: integer('buyer_id').notNull(),
    sellerId: integer('seller_id').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    unitPriceCents: bigint('unit_price_cents', { mode: 'number' }).notNull(),
    quantity: integer('quantity').notNull(),
    addons: jsonb('addons').$type<OrderAddon[]>().notNull().default([]),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    commissionBp: integer('commission_bp').notNull(),
    instructions: text('instructions').notNull().default(''),
    conversationId: bigint('conversation_id', { mode: 'number' }),
    /** Deadlines are data (DESIGN.md "Time"): the worker acts on the ones that are due. */
    acceptBy: ts('accept_by'),
    deadlineAt: ts('deadline_at'),
    autoCompleteAt: ts('auto_complete_at'),
    /** An open cancellation request: who asked ('buyer' | 'seller') and why. */
    cancelRequestedBy: text('cancel_requested_by'),
    cancelReason: text('cancel_reason'),
    /** Revisions included (a custom offer's): request-changes past them is refused; null: not counted. */
    revisions: smallint('revisions'),
    /** The custom offer it came from (`kind` 'offer'). */
    offerId: bigint('offer_id', { mode: 'number' }),
    /** An open request to move the delivery deadline (issue 20): who asked, by how many days, why. */
    extensionRequestedBy: text('extension_requested_by'),
    extensionDays: smallint('extension_days'),
    extensionReason: text('extension_reason'),
    /** The state a dispute interrupted. */
    disputedFrom: text('disputed_from'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    deliveredAt: ts('delivered_at'),
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    index('orders_buyer_idx').on(t.buyerId, t.id),
    index('orders_seller_idx').on(t.sellerId, t.id),
    uniqueIndex('orders_project_uq').on(t.projectId),
    index('orders_accept_due_idx').on(t.acceptBy).where(sql`status = 'pending'`),
    index('orders_complete_due_idx').on(t.autoCompleteAt).where(sql`status = 'delivered'`),
  ],
);

/** The order's history: every transition, with its message and files (deliveries). */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** null: the platform (a timer). */
    actorId: integer('actor_id'),
    kind: text('kind').notNull(),
    message: text('message').notNull().default(''),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    data: jsonb('data').$type<Record<string, string | number>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

/** A dispute on an order, and the staff decision that ends it. */
export const disputes = pgTable(
  'disputes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    openedBy: integer('opened_by').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('open'),
    decision: text('decision'),
    buyerCents: bigint('buyer_cents', { mode: 'number' }),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    uniqueIndex('disputes_open_uq').on(t.orderId).where(sql`status = 'open'`),
    index('disputes_order_idx').on(t.orderId, t.id),
    index('disputes_status_idx').on(t.status, t.id),
  ],
);

/** Each side reviews the other once per order; double-blind until both are in or 10 days pass. */
export const reviews = pgTable(
  'reviews',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** The service reviewed (null for a project's order). */
    serviceId: bigint('service_id', { mode: 'number' }),
    authorId: integer('author_id').notNull(),
    subjectId: integer('subject_id').notNull(),
    /** The author's side: 'buyer' reviews the seller, 'seller' reviews the buyer. */
    authorRole: text('author_role').notNull(),
    /**
     * The three 1–5 scores mean what the author's side can judge. By a buyer (of the seller): `quality` the quality
     * of the work, `communication`, `on_time` delivery on time. By a seller (of the buyer): `quality` the clarity of
     * the brief, `communication`, `on_time` timely answers. Only the buyers' reviews make a seller's rating.
     */
    quality: smallint('quality').notNull(),
    communication: smallint('communication').notNull(),
    onTime: smallint('on_time').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    reply: text('reply'),
    repliedAt: ts('replied_at'),
    /** Removed by moderators (policy 9): no longer shown or counted; the row stays for the record. */
    removedAt: ts('removed_at'),
  },
  (t) => [
    uniqueIndex('reviews_order_author_uq').on(t.orderId, t.authorId),
    index('reviews_subject_idx').on(t.subjectId, t.id),
    index('reviews_service_idx').on(t.serviceId, t.id),
  ],
);

/** An order waiting for the deposit of the missing amount: placed in the transaction that credits the deposit. */
export const orderIntents = pgTable(
  'order_intents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    buyerId: integer('buyer_id').notNull(),
    serviceId: bigint('service_id', { mode: 'number' }).notNull(),
    quantity: integer('quantity').notNull(),
    addonIds: jsonb('addon_ids').$type<number[]>().notNull().default([]),
    /** The package tier chosen at checkout (catalog `service_packages`), or null. */
    packageTier: text('package_tier'),
    depositId: bigint('deposit_id', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('waiting'),
    orderId: bigint('order_id', { mode: 'number' }),
    failure: text('failure'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('order_intents_deposit_uq').on(t.depositId)],
);

/**
 * A buyer's tip after the order completed (issue 20): no commission, through the ledger (`tip`, reference
 * `order:{id}`); one per order (the primary key), so two tips sent at once make one.
 */
export const orderTips = pgTable('order_tips', {
  orderId: bigint('order_id', { mode: 'number' }).primaryKey(),
  buyerId: integer('buyer_id').notNull(),
  sellerId: integer('seller_id').notNull(),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  transactionId: bigint('transaction_id', { mode: 'number' }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * A custom offer (issue 20): a seller's offer to the other member of a direct conversation — built on one of their
 * services or free-standing — that the buyer accepts and pays into escrow from the conversation, becoming an order
 * (`kind` 'offer'). `status`: open → accepted | declined | withdrawn; an open one past `expiresAt` is expired.
 */
export const customOffers = pgTable(
  'custom_offers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: bigint('conversation_id', { mode: 'number' }).notNull(),
    sellerId: integer('seller_id').notNull(),
    buyerId: integer('buyer_id').notNull(),
    serviceId: bigint('service_id', { mode: 'number' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    priceCents: bigint('price_cents', { mode: 'number' }).notNull(),
    deliveryDays: smallint('delivery_days').notNull(),
    revisions: smallint('revisions').notNull(),
    status: text('status').notNull().default('open'),
    orderId: bigint('order_id', { mode: 'number' }),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('custom_offers_conversation_idx').on(t.conversationId, t.id)],
);
