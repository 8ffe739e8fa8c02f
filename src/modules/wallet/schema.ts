import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const cents = (name: string) => bigint(name, { mode: 'number' });

/**
 * A balance of the double-entry ledger. User accounts (available, pending, escrow, withdrawing, frozen)
 * have an owner; platform accounts (revenue, rounding, world) have none. Only `world` may go negative.
 * `balance_cents` is the sum of the account's entries, kept in the same transaction that posts them.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id'),
    kind: text('kind').notNull(),
    balanceCents: cents('balance_cents').notNull().default(0),
  },
  (t) => [
    uniqueIndex('ledger_accounts_owner_kind_uq').on(t.ownerId, t.kind).where(sql`owner_id IS NOT NULL`),
    uniqueIndex('ledger_accounts_platform_kind_uq').on(t.kind).where(sql`owner_id IS NULL`),
    check('ledger_accounts_non_negative', sql`kind = 'world' OR balance_cents >= 0`),
  ],
);

/** One movement of money: its entries sum to zero. Never updated or deleted; a correction is a new one. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    /** What caused it, e.g. `deposit:12`, `withdrawal:3`, `order:42`. */
    reference: text('reference').notNull(),
    /** For a payout to a seller: the gross amount and the commission kept, for the statement. */
    meta: jsonb('meta').$type<{ grossCents?: number; feeCents?: number; availableAt?: string; note?: string }>().notNull().default({}),
    actorId: integer('actor_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ledger_transactions_reference_idx').on(t.reference)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: bigint('transaction_id', { mode: 'number' })
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [index('ledger_entries_account_idx').on(t.accountId, t.transactionId), index('ledger_entries_tx_idx').on(t.transactionId)],
);

/** Earnings waiting in `pending` until their clearance date; the worker moves each to `available` once. */
export const clearances = pgTable(
  'wallet_clearances',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    amountCents: cents('amount_cents').notNull(),
    clearsAt: ts('clears_at').notNull(),
    sourceTransactionId: bigint('source_transaction_id', { mode: 'number' }).notNull(),
    clearedAt: ts('cleared_at'),
    /** Set when a freeze took the amount out of pending before it cleared. */
    heldAt: ts('held_at'),
  },
  (t) => [
    index('wallet_clearances_due_idx').on(t.clearsAt).where(sql`cleared_at IS NULL AND held_at IS NULL`),
    index('wallet_clearances_user_idx').on(t.userId),
  ],
);

/** Money coming in: through a provider (sandbox, Stripe) or a manual transfer that finance confirms. */
export const deposits = pgTable(
  'wallet_deposits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    amountCents: cents('amount_cents').notNull(),
    method: text('method').notNull(),
    status: text('status').notNull(),
    /** The provider's id for this payment (Stripe checkout session), or the user's transfer reference. */
    providerRef: text('provider_ref'),
    /** The secret in a sandbox checkout URL (SHA-256 stored). */
    secretHash: text('secret_hash'),
    reason: text('reason'),
    decidedBy: integer('decided_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    settledAt: ts('settled_at'),
  },
  (t) => [index('wallet_deposits_user_idx').on(t.userId, t.id), index('wallet_deposits_status_idx').on(t.status, t.id)],
);

/**
 * Money going out: requested by the user; approved (finance accepted it and is sending it, by hand or through a
 * payout provider); then paid (sent, with the method's reference) or rejected with a reason.
 */
export const withdrawals = pgTable(
  'wallet_withdrawals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    amountCents: cents('amount_cents').notNull(),
    method: text('method').notNull(),
    details: jsonb('details').$type<Record<string, string>>().notNull(),
    /** requested → approved → paid, or rejected from requested or approved. */
    status: text('status').notNull(),
    /** The payout's reference once sent (typed by finance, or the provider's). */
    reference: text('reference'),
    reason: text('reason'),
    decidedBy: integer('decided_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** When it was paid or rejected. */
    decidedAt: ts('decided_at'),
    /** When finance accepted it for sending (process), and who. */
    approvedAt: ts('approved_at'),
    approvedBy: integer('approved_by'),
    /** The date promised to the user at request time (the method's business days, a setting); null: no promise. */
    promisedBy: ts('promised_by'),
    /** When the worker found it still not sent past its promise (flagged once: the user and finance are told). */
    lateAt: ts('late_at'),
    /** The payout provider that sends it (`manual`: finance by hand), set when it is processed. */
    provider: text('provider'),
    /** The provider's own id of a payout it accepted and is still working on. */
    providerRef: text('provider_ref'),
    /** Why the provider could not send it (finance then sends it by hand or rejects it). */
    providerError: text('provider_error'),
  },
  (t) => [
    index('wallet_withdrawals_user_idx').on(t.userId, t.id),
    index('wallet_withdrawals_status_idx').on(t.status, t.id),
    index('wallet_withdrawals_promise_idx').on(t.promisedBy).where(sql`late_at IS NULL AND status IN ('requested', 'approved')`),
  ],
);

/** Provider events already handled: a replayed webhook is recognised by its event id and adds nothing. */
export const paymentEvents = pgTable(
  'wallet_payment_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    depositId: integer('deposit_id'),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wallet_payment_events_uq').on(t.provider, t.eventId)],
);

/** A freeze of a user's balance (policy 5): while active the user cannot withdraw. */
export const freezes = pgTable(
  'wallet_freezes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    reason: text('reason').notNull(),
    /** When the frozen money may be released for withdrawal (by default 30 business days after the freeze). */
    releaseAfter: ts('release_after'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    releasedAt: ts('released_at'),
  },
  (t) => [index('wallet_freezes_user_idx').on(t.userId)],
);
