import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/index.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { readSetting } from '../../../platform/settings.ts';
import type { NotificationsService } from '../../notifications/index.ts';
import { walletMail } from '../mails.ts';
import { type PayoutRegistry, payoutRegistry } from '../payouts.ts';
import { type CheckoutProvider, sandboxProvider } from '../providers.ts';
import { amountProblem, DEFAULT_WALLET_SETTINGS, type WalletSettings } from '../rules.ts';
import type { deposits, withdrawals } from '../schema.ts';
import { freezes } from '../schema.ts';

export type Deposit = typeof deposits.$inferSelect;
export type Withdrawal = typeof withdrawals.$inferSelect;
export type Freeze = typeof freezes.$inferSelect;
/** A staff member as the finance use cases see them. */
export type Staff = Pick<AuthUser, 'id' | 'roles'>;

/** How the wallet reaches the accounts module without depending on it: the address and language to write to. */
export interface Recipients {
  /** Reads inside the caller's transaction (`tx`): on PGlite a second connection would wait on it forever. */
  contactOf(userId: number, tx: DbOrTx): Promise<{ email: string; name: string; locale: 'ar' | 'en' } | null>;
}

/** The sanction guard (trust): a withdrawing sanction refuses withdrawal requests. */
export interface SanctionGuard {
  assertAllowed(userId: number, scope: 'withdrawing', tx?: DbOrTx): Promise<void>;
}

/** What every part of the wallet service is built on: its dependencies and the few steps they all take. */
export interface WalletContext {
  deps: Deps;
  db: Deps['db'];
  clock: Deps['clock'];
  config: Deps['config'];
  /** The provider deposits go through: the sandbox when no real provider is configured (API.md). */
  checkout: CheckoutProvider;
  /** Which payout provider sends each withdrawal method: the manual one unless another was registered. */
  payouts: PayoutRegistry;
  /** The settings in force: the admin's values over the defaults. */
  settingsOf(tx?: DbOrTx): Promise<WalletSettings>;
  /** Notifies a user (and mails them, by their preferences) about their money, inside `tx`. */
  notify(tx: DbOrTx, userId: number, kind: Parameters<typeof walletMail>[0], params: Record<string, string | number>): Promise<void>;
  /** The user's freeze still in force, if any. */
  activeFreeze(tx: DbOrTx, userId: number): Promise<Freeze | null>;
}

export function walletContext(
  deps: Deps,
  notifier: Pick<NotificationsService, 'notify'>,
  providers: { stripe: CheckoutProvider | null },
): WalletContext {
  const { db, clock, config } = deps;
  return {
    deps,
    db,
    clock,
    config,
    checkout: providers.stripe ?? sandboxProvider(config.baseUrl),
    payouts: payoutRegistry(),
    async settingsOf(tx: DbOrTx = db) {
      const stored = (await readSetting(tx, 'wallet')) as Partial<WalletSettings> | undefined;
      // The promised days are merged by method: a setting saved before one existed keeps the defaults.
      return {
        ...DEFAULT_WALLET_SETTINGS,
        ...(stored ?? {}),
        payoutDays: { ...DEFAULT_WALLET_SETTINGS.payoutDays, ...(stored?.payoutDays ?? {}) },
      };
    },
    async notify(tx, userId, kind, params) {
      await notifier.notify(tx, {
        userId,
        type: `wallet.${kind}`,
        params,
        url: '/wallet',
        mail: (to) => walletMail(kind, { ...to, baseUrl: config.baseUrl, params }),
      });
    },
    async activeFreeze(tx, userId) {
      const [f] = await tx
        .select()
        .from(freezes)
        .where(and(eq(freezes.userId, userId), isNull(freezes.releasedAt)))
        .limit(1);
      return f ?? null;
    },
  };
}

/** Amounts other modules pass must be positive whole cents (a negative hold would be a refund in disguise). */
export function requirePositive(cents: number): void {
  if (amountProblem(cents)) throw new AppError('wallet.amount_invalid');
}
