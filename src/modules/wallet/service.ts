import type { Deps } from '../../platform/deps.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { CheckoutProvider } from './providers.ts';
import { type SanctionGuard, walletContext } from './service/context.ts';
import { depositFollowUpUseCases } from './service/deposit-follow-ups.ts';
import { depositUseCases } from './service/deposits.ts';
import { escrowUseCases } from './service/escrow.ts';
import { financeUseCases } from './service/finance.ts';
import { freezeUseCases } from './service/freezes.ts';
import { platformChargeUseCases } from './service/platform-charges.ts';
import { settingsUseCases } from './service/settings.ts';
import { statementUseCases } from './service/statement.ts';
import { tipUseCases } from './service/tips.ts';
import { withdrawalUseCases } from './service/withdrawals.ts';

export type { Deposit, Recipients, Withdrawal } from './service/context.ts';
export type { EscrowReleased, ReleaseHook } from './service/escrow.ts';
export type { DeductionHook } from './service/freezes.ts';

/** The wallet's use cases, one file per concern under `service/`, composed into the one service other modules call. */
export function createWalletService(
  deps: Deps,
  notifier: Pick<NotificationsService, 'notify'>,
  providers: { stripe: CheckoutProvider | null },
  /** The sanction guard (trust): a withdrawing sanction refuses withdrawal requests. */
  guard: SanctionGuard,
) {
  const ctx = walletContext(deps, notifier, providers);
  const statement = statementUseCases(ctx);
  const deposits = depositUseCases(ctx);
  return {
    ...settingsUseCases(ctx),
    ...statement,
    ...deposits,
    ...depositFollowUpUseCases(ctx, deposits),
    ...withdrawalUseCases(ctx, guard),
    ...financeUseCases(ctx, statement),
    ...freezeUseCases(ctx),
    ...escrowUseCases(ctx),
    ...tipUseCases(ctx),
    ...platformChargeUseCases(ctx),
  };
}

export type WalletService = ReturnType<typeof createWalletService>;
