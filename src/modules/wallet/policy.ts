import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/staff.ts';

/**
 * Who may do what with the wallet: one pure function per rule, read by the service (which enforces it) and by
 * the routes. Staff abilities come from the one map of roles to permissions (platform/staff.ts), never a role's name.
 */
export interface WalletActor {
  id: number;
  roles: readonly string[];
}
type Who = WalletActor | null | undefined;

/** A user's balances, statement and deposits: the user themselves, or finance staff. */
export function mayViewWallet(actor: Who, ownerId: number): boolean {
  return !!actor && (actor.id === ownerId || can(actor, 'finance'));
}

/** Trying one's own unpaid top-up again (a new checkout of the same amount): its payer only, never staff for them. */
export function mayRetryOwnDeposit(actor: Who, ownerId: number): boolean {
  return !!actor && actor.id === ownerId;
}

/** Paying out a withdrawal (with the payout's reference) or rejecting it: finance staff. */
export function mayDecideWithdrawal(actor: Who): boolean {
  return can(actor, 'finance');
}

/** Confirming that a manual transfer arrived, or rejecting the deposit: finance staff. */
export function mayDecideManualDeposit(actor: Who): boolean {
  return can(actor, 'finance');
}

/** The finance queue (withdrawals and manual deposits waiting for a decision): who decides both. */
export function mayWorkPaymentQueue(actor: Who): boolean {
  return mayDecideWithdrawal(actor) && mayDecideManualDeposit(actor);
}

/** The ledger explorer: reconciliation, revenue, any transaction, any user's ledger (audited): finance staff. */
export function mayExploreLedger(actor: Who): boolean {
  return can(actor, 'finance');
}

/** After a permanent ban's review, paying proven damages out of a frozen balance and releasing the rest: finance staff. */
export function maySettleFreeze(actor: Who): boolean {
  return can(actor, 'finance');
}

/** Reading and changing the wallet's settings (minimums, commission, methods, freeze days): admins. */
export function mayManageSettings(actor: Who): boolean {
  return can(actor, 'admin');
}

/** Enforces a rule: `auth.required` for nobody, `auth.forbidden` for someone it does not allow. */
export function refuseUnless<T extends WalletActor>(actor: T | null | undefined, allowed: boolean): asserts actor is T {
  if (!actor) throw new AppError('auth.required');
  if (!allowed) throw new AppError('auth.forbidden');
}
