import type { DbOrTx } from '../../../platform/db/index.ts';
import { platformAccounts, post, userAccounts } from '../ledger.ts';
import { requirePositive, type WalletContext } from './context.ts';

/** What a user pays the platform for from their available balance (a service promotion…): one ledger type each. */
export const PLATFORM_CHARGES = ['promotion'] as const;
export type PlatformCharge = (typeof PLATFORM_CHARGES)[number];

/**
 * Charges a user for something the platform sells (a promotion: RULES.md "Sponsored services"), inside the caller's
 * transaction: the amount moves from the user's available balance to platform revenue through the double-entry
 * ledger (`post` locks both balances in account-id order and refuses with 422 `wallet.insufficient_funds` when the
 * available balance is short, moving nothing). The transaction's type is `charge_<kind>` (the user's statement line
 * and finance's revenue by type); `reference` names the thing bought ("promotion:12"). A frozen account has nothing
 * available, so it is refused the same way.
 */
export function platformChargeUseCases(_ctx: WalletContext) {
  return {
    async chargeToRevenue(
      tx: DbOrTx,
      c: { userId: number; amountCents: number; kind: PlatformCharge; reference: string },
    ): Promise<number> {
      requirePositive(c.amountCents);
      const [mine, plat] = [await userAccounts(tx, c.userId), await platformAccounts(tx)];
      return post(tx, {
        type: `charge_${c.kind}`,
        reference: c.reference,
        actorId: c.userId,
        meta: { grossCents: c.amountCents },
        entries: [
          { accountId: mine.available, amountCents: -c.amountCents },
          { accountId: plat.revenue, amountCents: c.amountCents },
        ],
      });
    },
  };
}
