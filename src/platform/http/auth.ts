import { AppError } from '../errors.ts';

/** The signed-in person behind a request, as every module sees them. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  email: string;
  roles: string[];
  emailVerified: boolean;
  locale: 'ar' | 'en';
  sessionId: number;
  /** Made with a password someone else knows (the demo admin): nothing opens until they choose their own. */
  mustChangePassword?: boolean;
}

/**
 * Money moves — deposits, orders (placed, or paid through a top-up), project hires, withdrawals — need a
 * confirmed e-mail address: 403 `account.email_unverified` otherwise. Every money-moving service calls this
 * first; the pages offering those actions say so with a button that sends the verification mail again.
 */
export function requireVerifiedEmail(user: Pick<AuthUser, 'emailVerified'>): void {
  if (!user.emailVerified) throw new AppError('account.email_unverified');
}

/** Where a request came from, for audit rows, login alerts and rate limits. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}
