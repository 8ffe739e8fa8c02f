import { asciiDigits } from '../../platform/text.ts';
/** Pure money rules (RULES.md "Money"): amounts in integer cents, percentages in basis points. */

export const USER_KINDS = ['available', 'pending', 'escrow', 'withdrawing', 'frozen'] as const;
export type UserKind = (typeof USER_KINDS)[number];
export const PLATFORM_KINDS = ['revenue', 'rounding', 'world'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export interface WalletSettings {
  minDepositCents: number;
  minWithdrawalCents: number;
  maxDepositCents: number;
  commissionBp: number;
  /** Business days from a freeze until the rest may be released (policy 5). */
  freezeReleaseBusinessDays: number;
  withdrawalMethods: WithdrawalMethod[];
  manualDepositMethods: ManualMethod[];
}

export const WITHDRAWAL_METHODS = ['paypal', 'bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash', 'egypt_post'] as const;
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];
export const MANUAL_METHODS = ['bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash'] as const;
export type ManualMethod = (typeof MANUAL_METHODS)[number];

export const DEFAULT_WALLET_SETTINGS: WalletSettings = {
  minDepositCents: 500,
  minWithdrawalCents: 1000,
  maxDepositCents: 1_000_000,
  commissionBp: 1000,
  freezeReleaseBusinessDays: 30,
  withdrawalMethods: [...WITHDRAWAL_METHODS],
  manualDepositMethods: [...MANUAL_METHODS],
};

/** A positive whole number of cents, or the error code. */
export function amountProblem(amount: unknown): string | null {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return 'wallet.amount_invalid';
  if (amount <= 0) return 'wallet.amount_invalid';
  return null;
}

/** `part` basis points of `cents`, rounded half up to the cent. */
export function percentOf(cents: number, bp: number): number {
  return Math.floor((cents * bp + 5000) / 10000);
}

/** What a seller receives from `grossCents` and what the platform keeps (RULES: 10% from the seller's side). */
export function commissionSplit(grossCents: number, commissionBp: number): { feeCents: number; netCents: number } {
  const feeCents = percentOf(grossCents, commissionBp);
  return { feeCents, netCents: grossCents - feeCents };
}

/** The fields each payout method needs (API.md "Withdrawal method ids"). */
const DETAILS: Record<WithdrawalMethod, string[]> = {
  paypal: ['email'],
  bank_transfer: ['iban', 'name', 'bank'],
  vodafone_cash: ['phone'],
  orange_cash: ['phone'],
  etisalat_cash: ['phone'],
  egypt_post: ['name', 'nationalId'],
};

export function detailFields(method: WithdrawalMethod): string[] {
  return DETAILS[method];
}

export function isWithdrawalMethod(m: string): m is WithdrawalMethod {
  return (WITHDRAWAL_METHODS as readonly string[]).includes(m);
}

/** Each detail's problem, by field: required, and shaped like what it names. */
export function detailProblems(method: WithdrawalMethod, details: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of DETAILS[method]) {
    const v = typeof details[f] === 'string' ? (details[f] as string).trim() : '';
    if (!v) {
      out[f] = 'wallet.detail_required';
      continue;
    }
    if (f === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v)) out[f] = 'account.email_invalid';
    if (f === 'phone' && !/^\+?[0-9٠-٩ ]{8,16}$/.test(v)) out[f] = 'wallet.phone_invalid';
    if (f === 'iban' && !/^[A-Z]{2}[0-9A-Z ]{13,34}$/i.test(v)) out[f] = 'wallet.iban_invalid';
    if (f === 'nationalId' && !/^[0-9٠-٩]{14}$/.test(v)) out[f] = 'wallet.national_id_invalid';
    if (v.length > 100) out[f] = 'wallet.detail_too_long';
  }
  return out;
}

/** `days` business days (Sunday–Thursday, as in Egypt and most of the Gulf) after `from`. */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 5 && wd !== 6) left--;
  }
  return d;
}

export type DepositStatus = 'pending' | 'paid' | 'failed' | 'rejected';
export type WithdrawalStatus = 'requested' | 'paid' | 'rejected';

/** "25", "25.5", "25.50" or "٢٥٫٥٠" (dollars, as typed in a form) → cents; null when it is not an amount. */
export function dollarsToCents(input: string): number | null {
  const s = asciiDigits((input ?? '').trim())
    .replace(/[٫,]/g, '.')
    .replace(/^\$|\$$/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
