import { eq, inArray } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { walletMessages } from './messages.ts';
import { payoutMessages } from './payout-messages.ts';
import { OPEN_WITHDRAWAL_STATES } from './rules.ts';
import { clearances, ledgerTransactions, withdrawals } from './schema.ts';
import type { WalletService } from './service.ts';
import { walletUserData } from './user-data.ts';

export { stripeWebhook, walletApi } from './api.ts';
export type { PayoutOutcome, PayoutProvider, PayoutRequest } from './payouts.ts';
export { walletPages } from './routes.tsx';
export { addBusinessDays, DEFAULT_WALLET_SETTINGS, topUpCents, type WalletSettings } from './rules.ts';
export {
  createWalletService,
  type DeductionHook,
  type EscrowReleased,
  type Recipients,
  type ReleaseHook,
  type WalletService,
} from './service.ts';
export { createStripeProvider } from './stripe.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    wallet: WalletService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const walletModule: ModuleManifest = {
  name: 'wallet',
  // What it holds about a user, for the legal export (admin).
  userData: walletUserData,
  messages: [walletMessages, payoutMessages],
  notificationTypes: {
    'wallet.deposit_paid': 'wallet',
    'wallet.deposit_rejected': 'wallet',
    'wallet.withdrawal_paid': 'wallet',
    'wallet.withdrawal_rejected': 'wallet',
    // A withdrawal still not sent past the date its method promised (the worker's sweep).
    'wallet.withdrawal_late': 'wallet',
  },
  // The wallet's own references; a clearance stands for what it pays out (the order of the earnings).
  ledgerReferences: {
    deposit: { label: 'ledger.ref.deposit' },
    withdrawal: { label: 'ledger.ref.withdrawal' },
    freeze: { label: 'ledger.ref.freeze' },
    user: { label: 'ledger.ref.user' },
    clearance: {
      label: 'ledger.ref.clearance',
      via: async (db, ids) =>
        new Map(
          (
            await db
              .select({ id: clearances.id, reference: ledgerTransactions.reference })
              .from(clearances)
              .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, clearances.sourceTransactionId))
              .where(inArray(clearances.id, ids))
          ).map((r) => [r.id, r.reference]),
        ),
    },
  },
  adminTabs: [
    {
      label: 'finance.queue',
      path: '/admin/finance/queue',
      permission: 'finance',
      order: 80,
      // Withdrawals asked for or being sent, not yet paid out or rejected (the late ones are listed first).
      queue: {
        label: 'finance.queue_count',
        count: (db) => db.$count(withdrawals, inArray(withdrawals.status, [...OPEN_WITHDRAWAL_STATES])),
      },
    },
    // The ledger's tab holds the finance pages reached from it: a transaction, a user's ledger, the lookup.
    { label: 'finance.ledger', path: '/admin/finance/ledger', permission: 'finance', order: 90, also: ['/admin/finance'] },
    { label: 'settings.title', path: '/admin/settings', permission: 'admin', order: 110 },
  ],
};
