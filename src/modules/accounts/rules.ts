import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Pure account rules (RULES.md "Accounts"); each check returns the error code or null. */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const USERNAME_RE = /^[a-z0-9_]{3,30}$/;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const VERIFY_TOKEN_HOURS = 48;
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

export function lockedUntil(failures: number, now: Date): Date | null {
  return failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
}
