import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Pure account rules (RULES.md "Accounts"); each check returns the error code or null. */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const USERNAME_RE = /^[a-z0-9_]{3,30}$/;
/**
 * Sign-in lock-out: failures lock the address they come from, never the account, so nobody can lock an owner out.
 * Five failures on one account from one address lock that address out of it; ten on one account from all addresses
 * in the window, or fifty from one address on any accounts in an hour, lock out every address with no earlier
 * successful sign-in to the account (so the owner signs in from where they did before). Each lock is longer than
 * the one before it within a day. An unknown login is counted and locked the same way.
 */
export const LOCK_AFTER_FAILURES = 5;
export const ACCOUNT_LOCK_AFTER_FAILURES = 10;
export const FAILURE_WINDOW_MINUTES = 15;
export const ADDRESS_LOCK_AFTER_FAILURES = 50;
export const ADDRESS_FAILURE_WINDOW_MINUTES = 60;
/** How long the nth lock within LOCK_MEMORY_HOURS lasts: first minutes, doubling up to max (minutes). */
export const LOCK_MINUTES = { first: 1, max: 15 };
export const ADDRESS_LOCK_MINUTES = { first: 15, max: 240 };
export const LOCK_MEMORY_HOURS = 24;
/** The owner is mailed at the first lock of an episode; an episode ends after this long without a new lock. */
export const LOCK_EPISODE_MINUTES = 60;
export const VERIFY_TOKEN_HOURS = 48;
/** How long the browser that signed up stays bound to its pending account (signed in by the mailed link). */
export const SIGNUP_BINDING_MINUTES = 120;
export const RESET_TOKEN_MINUTES = 60;
export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 1000;
export const MAX_SKILLS = 15;
export const SKILL_MAX = 30;
export const MAX_LANGUAGES = 6;

/** Usernames that would impersonate the platform or its pages. */
const RESERVED = new Set([
  'admin',
  'administrator',
  'kafiil',
  'support',
  'help',
  'staff',
  'moderator',
  'finance',
  'root',
  'system',
  'api',
  'en',
  'ar',
  'www',
  'mail',
  'security',
  'official',
  'null',
  'undefined',
]);

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function emailProblem(email: string): string | null {
  if (!email) return 'account.email_required';
  if (email.length > 254 || !EMAIL_RE.test(email)) return 'account.email_invalid';
  return null;
}

export function usernameProblem(username: string): string | null {
  if (!username) return 'account.username_required';
  if (!USERNAME_RE.test(username)) return 'account.username_invalid';
  if (RESERVED.has(username)) return 'account.username_reserved';
  return null;
}

export function passwordProblem(password: string, context: { username?: string; email?: string } = {}): string | null {
  if (!password) return 'account.password_required';
  if (password.length < PASSWORD_MIN) return 'account.password_too_short';
  if (password.length > PASSWORD_MAX) return 'account.password_too_long';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'account.password_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if ((context.username && lower.includes(context.username)) || (local && local.length >= 4 && lower.includes(local))) {
    return 'account.password_personal';
  }
  return null;
}

/** Splits a comma/Arabic-comma separated list, trims, dedupes case-insensitively. */
export function parseList(input: string | string[] | undefined): string[] {
  const parts = Array.isArray(input) ? input : (input ?? '').split(/[,،\n]/);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    const v = String(p).replace(/\s+/g, ' ').trim();
    const k = v.toLowerCase();
    if (v && !seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** Seconds the nth lock (1, 2, …) lasts: `first` minutes, doubling each time, never more than `max`. */
export function lockSeconds(nth: number, minutes: { first: number; max: number } = LOCK_MINUTES): number {
  return Math.min(minutes.first * 2 ** Math.max(0, nth - 1), minutes.max) * 60;
}
