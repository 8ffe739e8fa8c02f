/** Pure money rules (RULES.md "Money"): amounts in integer cents, percentages in basis points.
 * Parsing typed amounts, percentages and the commission split live in platform/money.ts. */

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
  /** Business days, by method, within which a withdrawal is promised to be sent (0: no promise). */
  payoutDays: Record<WithdrawalMethod, number>;
}

export const WITHDRAWAL_METHODS = ['paypal', 'bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash', 'egypt_post'] as const;
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];
export const MANUAL_METHODS = ['bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash'] as const;
export type ManualMethod = (typeof MANUAL_METHODS)[number];

/**
 * A top-up through a payment provider (the sandbox, Stripe) that is still not paid this long after it was made is
 * given up: the worker marks it `expired`, and the wallet says it was not paid within a day. It matches Stripe's
 * Checkout sessions, which expire after 24 hours. Manual transfers wait for finance instead, however long.
 */
export const UNPAID_DEPOSIT_EXPIRES_MS = 24 * 60 * 60 * 1000;

/** The states of a provider deposit that a person may try again (same amount, same way back): declined, given up. */
export const RETRYABLE_DEPOSIT_STATES = ['pending', 'failed', 'expired'] as const;

/** Whether a deposit is one a person may pay again in a new checkout: through a provider, and not paid or decided. */
export function mayRetryDeposit(d: { method: string; status: string }): boolean {
  return !(MANUAL_METHODS as readonly string[]).includes(d.method) && (RETRYABLE_DEPOSIT_STATES as readonly string[]).includes(d.status);
}

export const DEFAULT_WALLET_SETTINGS: WalletSettings = {
  minDepositCents: 500,
  minWithdrawalCents: 1000,
  maxDepositCents: 1_000_000,
  commissionBp: 1000,
  freezeReleaseBusinessDays: 30,
  withdrawalMethods: [...WITHDRAWAL_METHODS],
  manualDepositMethods: [...MANUAL_METHODS],
  payoutDays: { paypal: 2, bank_transfer: 5, vodafone_cash: 1, orange_cash: 1, etisalat_cash: 1, egypt_post: 7 },
};

/** The bounds of each method's promised business days (the settings page and the API alike). */
export const PAYOUT_DAYS_LIMIT = { min: 0, max: 60, problem: 'settings.payout_days_invalid' } as const;

/** The bounds of each number the admin sets (the settings page and `PATCH /api/v1/admin/settings` alike). */
export const SETTINGS_LIMITS = {
  minDepositCents: { min: 100, max: 100_000, problem: 'settings.amount_invalid' },
  minWithdrawalCents: { min: 100, max: 100_000, problem: 'settings.amount_invalid' },
  maxDepositCents: { min: 100, max: 100_000_000, problem: 'settings.amount_invalid' },
  commissionBp: { min: 0, max: 5000, problem: 'settings.percent_invalid' },
  freezeReleaseBusinessDays: { min: 0, max: 365, problem: 'settings.days_invalid' },
} as const satisfies Partial<Record<keyof WalletSettings, { min: number; max: number; problem: string }>>;

/** A change to the settings: any subset of them, each value as received (checked by `changeSettings`). */
export type SettingsPatch = { [K in keyof WalletSettings]?: unknown };

/**
 * The one check of a settings change, shared by the settings page and the API: `patch` (any subset) over
 * `current`, each number a whole number within its limits, the method lists made of known methods (at least one
 * withdrawal method), and the minimum deposit not above the maximum. Answers the new settings, or each field's problem.
 */
export function changeSettings(
  current: WalletSettings,
  patch: SettingsPatch,
): { ok: true; settings: WalletSettings } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const next: WalletSettings = { ...current };
  for (const [name, limit] of Object.entries(SETTINGS_LIMITS) as [
    keyof typeof SETTINGS_LIMITS,
    (typeof SETTINGS_LIMITS)[keyof typeof SETTINGS_LIMITS],
  ][]) {
    if (patch[name] === undefined) continue;
    const v = patch[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < limit.min || v > limit.max) fields[name] = limit.problem;
    else next[name] = v;
  }
  const methods = <M extends string>(name: 'withdrawalMethods' | 'manualDepositMethods', allowed: readonly M[]): M[] | null => {
    const v = patch[name];
    if (!Array.isArray(v) || !v.every((m) => typeof m === 'string' && (allowed as readonly string[]).includes(m))) {
      fields[name] = 'validation.field_invalid';
      return null;
    }
    return [...new Set(v as M[])];
  };
  if (patch.withdrawalMethods !== undefined) {
    const list = methods('withdrawalMethods', WITHDRAWAL_METHODS);
    if (list?.length === 0) fields.withdrawalMethods = 'settings.methods_required';
    else if (list) next.withdrawalMethods = list;
  }
  if (patch.manualDepositMethods !== undefined) {
    const list = methods('manualDepositMethods', MANUAL_METHODS);
    if (list) next.manualDepositMethods = list;
  }
  if (patch.payoutDays !== undefined) {
    const v = patch.payoutDays;
    if (!v || typeof v !== 'object' || Array.isArray(v)) fields.payoutDays = 'validation.field_invalid';
    else {
      const days = { ...current.payoutDays };
      for (const [m, n] of Object.entries(v as Record<string, unknown>)) {
        const { min, max, problem } = PAYOUT_DAYS_LIMIT;
        if (!isWithdrawalMethod(m)) fields.payoutDays = 'validation.field_invalid';
        else if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) fields[`payoutDays.${m}`] = problem;
        else days[m] = n;
      }
      next.payoutDays = days;
    }
  }
  if (!fields.minDepositCents && !fields.maxDepositCents && next.minDepositCents > next.maxDepositCents)
    fields[patch.maxDepositCents !== undefined ? 'maxDepositCents' : 'minDepositCents'] = 'settings.amount_invalid';
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, settings: next };
}

/** A positive whole number of cents, or the error code. */
export function amountProblem(amount: unknown): string | null {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return 'wallet.amount_invalid';
  if (amount <= 0) return 'wallet.amount_invalid';
  return null;
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
/** requested → approved (finance accepted it and is sending it) → paid (sent), or rejected from requested or approved. */
export type WithdrawalStatus = 'requested' | 'approved' | 'paid' | 'rejected';
/** The states of a withdrawal not yet sent nor rejected: still the platform's to send (and to be late with). */
export const OPEN_WITHDRAWAL_STATES = ['requested', 'approved'] as const;

/**
 * The date a withdrawal asked for at `at` by `method` is promised to be sent by: the method's business days later
 * (the `payoutDays` setting), or null when the setting is 0 (no promise).
 */
export function promisedBy(at: Date, method: WithdrawalMethod, s: Pick<WalletSettings, 'payoutDays'>): Date | null {
  const days = s.payoutDays[method] ?? 0;
  return days > 0 ? addBusinessDays(at, days) : null;
}

/** Whether an open withdrawal is past its promise at `now` (what the worker flags once). */
export function isLate(w: { status: string; promisedBy: Date | null }, now: Date): boolean {
  return (OPEN_WITHDRAWAL_STATES as readonly string[]).includes(w.status) && !!w.promisedBy && w.promisedBy < now;
}

/**
 * Whether finance may still reject a withdrawal (the money back to available): while requested, or approved and
 * sent by hand (`manual`), or approved through a provider that could not send it. Never while a provider is
 * sending it or has accepted it: the money may already be on its way.
 */
export function mayRejectWithdrawal(w: { status: string; provider: string | null; providerError: string | null }): boolean {
  return w.status === 'requested' || (w.status === 'approved' && (w.provider === 'manual' || w.providerError !== null));
}

/**
 * The deposit that covers a balance `shortCents` short of a payment (an order, a hire, a contest's prize): the
 * difference, at least the minimum deposit of the wallet settings.
 */
export function topUpCents(shortCents: number, minDepositCents: number): number {
  return Math.max(shortCents, minDepositCents);
}
