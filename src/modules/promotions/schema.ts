import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A promotion (sponsored service, RULES.md "Sponsored services"): a seller's live service shown in the sponsored
 * slots of matching results pages for a run of days, paid with points, with money (platform revenue) or free (the
 * Expert's monthly one). `state`: active → ended; active ↔ stopped (its service paused or sanctioned: the time left is
 * kept in `remaining_ms` and runs again from when the service is live). One running or stopped promotion a service
 * (the partial unique index). Impressions and clicks are counted in memory and added here in batches.
 */
export const promotions = pgTable(
  'promotions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    serviceId: integer('service_id').notNull(),
    sellerId: integer('seller_id').notNull(),
    /** points | money | free */
    paidWith: text('paid_with').notNull(),
    pointsSpent: integer('points_spent').notNull().default(0),
    centsPaid: integer('cents_paid').notNull().default(0),
    /** active | stopped | ended */
    state: text('state').notNull(),
    startsAt: ts('starts_at').notNull(),
    /** When a running promotion ends (a stopped one's end moves: `remaining_ms` from when it runs again). */
    endsAt: ts('ends_at').notNull(),
    /** A stopped promotion's time left, in milliseconds (null while it runs or once it ended). */
    remainingMs: bigint('remaining_ms', { mode: 'number' }),
    stoppedAt: ts('stopped_at'),
    endedAt: ts('ended_at'),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    clicks: bigint('clicks', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('promotions_service_running_uq').on(t.serviceId).where(sql`state IN ('active', 'stopped')`),
    index('promotions_seller_idx').on(t.sellerId, t.id.desc()),
    index('promotions_due_idx').on(t.state, t.endsAt),
    check('promotions_paid_with', sql`${t.paidWith} IN ('points', 'money', 'free')`),
    check('promotions_state', sql`${t.state} IN ('active', 'stopped', 'ended')`),
  ],
);
