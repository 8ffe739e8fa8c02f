import { audit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { WalletService } from '../wallet/index.ts';
import { mayChooseLevels } from './policy.ts';
import {
  type BuyerProgress,
  buyerProgress,
  nextRecomputationAt,
  REASON_MAX,
  REASON_MIN,
  type SellerProgress,
  sellerProgress,
} from './rules.ts';

export interface LevelsModules {
  accounts: Pick<AccountsService, 'sellerLevelOf' | 'buyerLevelOf' | 'publicByIds'>;
  orders: Pick<OrdersService, 'sellerRecordOf' | 'setStaffLevel'>;
  wallet: Pick<WalletService, 'spentAsBuyerCents'>;
}

export interface LevelProgress {
  seller: SellerProgress;
  buyer: BuyerProgress;
  nextRecomputationAt: Date;
}

type Actor = { id: number; roles: readonly string[] };
export type StaffLevel = 'expert' | 'vip';

/** Level progress (/account/level, /api/v1/me/level) and staff's Expert and VIP (audited, with a reason). */
export function createLevelsService(deps: Deps, m: LevelsModules) {
  const { db, clock } = deps;

  async function progressOf(userId: number): Promise<LevelProgress> {
    const [sellerLevel, buyerLevel, record, spent] = await Promise.all([
      m.accounts.sellerLevelOf(userId),
      m.accounts.buyerLevelOf(userId),
      m.orders.sellerRecordOf(db, userId),
      m.wallet.spentAsBuyerCents(userId),
    ]);
    return {
      seller: sellerProgress(sellerLevel, record),
      buyer: buyerProgress(buyerLevel, spent),
      nextRecomputationAt: nextRecomputationAt(clock()),
    };
  }

  return {
    progressOf,

    /**
     * Staff give (`on`) or take back Expert or VIP, with a reason; audited in the same transaction. Giving what the
     * user already has, or taking back what they do not have, is refused (`level.unchanged`) and writes nothing.
     */
    async setStaffLevel(actor: Actor, userId: number, input: { level: string; on: boolean; reason: string }, ip: string | null) {
      if (!mayChooseLevels(actor)) throw new AppError('auth.forbidden');
      const reason = (input.reason ?? '').trim();
      const fields: Record<string, string> = {};
      if (input.level !== 'expert' && input.level !== 'vip') fields.level = 'level.kind_invalid';
      if (reason.length < REASON_MIN || reason.length > REASON_MAX) fields.reason = 'level.reason_length';
      if (Object.keys(fields).length) throw invalid(fields, { min: REASON_MIN, max: REASON_MAX });
      if (!(await m.accounts.publicByIds([userId])).has(userId)) throw new AppError('account.not_found');
      const side = input.level === 'expert' ? 'seller' : 'buyer';
      const to = await db.transaction(async (tx) => {
        const from = side === 'seller' ? await m.accounts.sellerLevelOf(userId, tx) : await m.accounts.buyerLevelOf(userId, tx);
        if ((from === input.level) === input.on) throw new AppError('level.unchanged', {}, {}, { status: 409 });
        const level = await m.orders.setStaffLevel(tx, userId, side, input.on);
        await audit(tx, {
          actorId: actor.id,
          action: input.on ? 'level.give' : 'level.take_back',
          targetType: 'user',
          targetId: userId,
          data: { side, level: input.level, from, to: level, reason },
          ip,
        });
        return level;
      });
      return { side, level: to };
    },
  };
}

export type LevelsService = ReturnType<typeof createLevelsService>;
