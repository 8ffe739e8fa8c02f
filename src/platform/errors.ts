/**
 * A refusal in business terms. `code` is stable (API `code`) and is also the i18n key of its message.
 * `fields` maps a form field to the code of what is wrong with it.
 */
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly params: ErrorParams = {},
    readonly fields: Record<string, string> = {},
    /**
     * Where an operation's contract says otherwise (API.md): another status than the code's, and members the API's
     * problem+json carries besides the standard ones (a top-up's amount and link).
     */
    opts: { status?: number; extra?: Record<string, string | number> } = {},
  ) {
    super(code);
    this.status = opts.status ?? statusFor(code);
    this.extra = opts.extra ?? {};
  }
  readonly extra: Record<string, string | number>;
}

/** Field-level validation failure: one or more fields, each with the code of its problem. */
export function invalid(fields: Record<string, string>, params: ErrorParams = {}): AppError {
  return new AppError('validation.failed', params, fields);
}

const EXPLICIT: Record<string, number> = {
  'validation.failed': 400,
  'http.bad_request': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.totp_required': 401,
  'auth.totp_invalid': 401,
  'auth.invalid_token': 401,
  'auth.forbidden': 403,
  'auth.too_many_attempts': 429,
  'auth.account_deactivated': 403,
  'auth.password_change_required': 403,
  'account.email_unverified': 403,
  'http.csrf': 403,
  'http.not_found': 404,
  'http.rate_limited': 429,
  'account.username_taken': 409,
  'account.username_immutable': 400,
  'token.invalid': 400,
  'token.expired': 400,
  'token.used': 400,
  'idempotency.conflict': 409,
  'idempotency.key_required': 400,
  'idempotency.key_invalid': 400,
  'idempotency.in_progress': 409,
  'wallet.provider_unavailable': 503,
  'wallet.account_frozen': 403,
  'wallet.deposit_settled': 409,
  'wallet.withdrawal_decided': 409,
  'category.in_use': 409,
  'messaging.blocked': 403,
  'report.duplicate': 409,
  'contest.place_taken': 409,
  'trust.sanctioned_selling': 403,
  'trust.sanctioned_buying': 403,
  'trust.sanctioned_messaging': 403,
  'trust.sanctioned_withdrawing': 403,
  'trust.sanctioned_posting': 403,
  'wallet.webhook_signature': 400,
  'support.daily_limit': 429,
  'support.ticket_closed': 409,
};

export function statusFor(code: string): number {
  const explicit = EXPLICIT[code];
  if (explicit) return explicit;
  if (code.endsWith('not_found')) return 404;
  if (code.endsWith('.forbidden')) return 403;
  if (code.endsWith('.conflict') || code.endsWith('_state')) return 409;
  return 422;
}
