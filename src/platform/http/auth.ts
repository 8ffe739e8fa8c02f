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
}

/** Where a request came from, for audit rows, login alerts and rate limits. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}
