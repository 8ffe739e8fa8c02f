import { and, eq, sql } from 'drizzle-orm';
import { sha256 } from '../../../platform/crypto.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { Origin } from '../../../platform/http/auth.ts';
import { enqueue } from '../../../platform/outbox.ts';
import {
  ACCOUNT_LOCK_AFTER_FAILURES,
  ADDRESS_FAILURE_WINDOW_MINUTES,
  ADDRESS_LOCK_AFTER_FAILURES,
  ADDRESS_LOCK_MINUTES,
  FAILURE_WINDOW_MINUTES,
  LOCK_AFTER_FAILURES,
  LOCK_EPISODE_MINUTES,
  LOCK_MEMORY_HOURS,
  LOCK_MINUTES,
  lockSeconds,
} from '../rules.ts';
import { loginEvents, users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';

/*
 * Sign-in lock-out (numbers in rules.ts): failures lock addresses, never the account. The counters are the rate
 * limiter's (memory or Redis), in three scopes:
 * - pair: one account from one address; its lock holds that address out of that account.
 * - account: one account from every address; address: one address on every account. Their locks hold out only
 *   the addresses with no earlier successful sign-in to the account, so its owner still gets in from home.
 * An unknown login is a subject like an account (keyed by the login as typed), counted and locked the same way, so
 * the answers never tell whether an account exists.
 */

/** Whose failures an attempt counts against: an account, or the login string when no account has it. */
export interface Subject {
  key: string;
  user: UserRow | null;
}

/**
 * The account (a new password starts its counters afresh: "set a new password" in the refusal is true), or for an
 * unknown login the normalised login itself.
 */
export function subjectOf(login: string, u: UserRow | null): Subject {
  return { key: u ? `u${u.id}.${sha256(u.passwordHash).slice(0, 12)}` : `l.${sha256(login).slice(0, 32)}`, user: u };
}

type Scope = 'pair' | 'account' | 'address';

function keys(scope: Scope, subject: Subject, origin: Origin) {
  const ip = origin.ip ?? 'unknown';
  const id = scope === 'pair' ? `${subject.key}@${ip}` : scope === 'account' ? subject.key : `@${ip}`;
  return { failures: `signin-fail:${id}`, lock: `signin-lock:${id}`, locks: `signin-locks:${id}` };
}

/** Has this account signed in successfully from this address before? Asked the same way for an unknown login. */
async function knownAddress(ctx: AccountsContext, subject: Subject, origin: Origin): Promise<boolean> {
  if (!origin.ip) return false;
  const [row] = await ctx.db
    .select({ id: loginEvents.id })
    .from(loginEvents)
    // No account has id 0: an unknown login runs the same query and finds nothing.
    .where(and(eq(loginEvents.userId, subject.user?.id ?? 0), eq(loginEvents.success, 1), eq(loginEvents.ip, origin.ip)))
    .limit(1);
  return row !== undefined;
}

function tooMany(seconds: number): AppError {
  return new AppError('auth.too_many_attempts', { minutes: Math.ceil(seconds / 60), seconds });
}

/** Refuses the attempt while a lock holds this address out of this account (or login), saying for how long. */
export async function assertNotLocked(ctx: AccountsContext, subject: Subject, origin: Origin): Promise<void> {
  const { limiter } = ctx.deps;
  const [pair, account, address] = await Promise.all(
    (['pair', 'account', 'address'] as const).map((scope) => limiter.ttl(keys(scope, subject, origin).lock)),
  );
  const wider = Math.max(account, address);
  const seconds = wider > pair && !(await knownAddress(ctx, subject, origin)) ? wider : pair;
  if (seconds > 0) throw tooMany(seconds);
}

/** Starts the next lock of a scope (longer than the last within a day) and forgets its failures; its length. */
async function startLock(ctx: AccountsContext, scope: Scope, subject: Subject, origin: Origin): Promise<number> {
  const { limiter } = ctx.deps;
  const k = keys(scope, subject, origin);
  const nth = await limiter.count(k.locks, LOCK_MEMORY_HOURS * 3600);
  const seconds = lockSeconds(nth, scope === 'address' ? ADDRESS_LOCK_MINUTES : LOCK_MINUTES);
  await limiter.mark(k.lock, seconds);
  await limiter.reset(k.failures);
  return seconds;
}

/**
 * Counts a failed attempt (wrong password or code) for a known account and an unknown login alike, locks what
 * reached its limit, records it in the account's sign-in history, and mails the owner at the first lock of an
 * episode (LOCK_EPISODE_MINUTES). Always throws: the lock when this failure started one that holds this address,
 * else `code`.
 */
export async function failLogin(ctx: AccountsContext, subject: Subject, origin: Origin, code: string, field?: string): Promise<never> {
  const { limiter } = ctx.deps;
  const window = FAILURE_WINDOW_MINUTES * 60;
  const [pair, account, address] = await Promise.all([
    limiter.count(keys('pair', subject, origin).failures, window),
    limiter.count(keys('account', subject, origin).failures, window),
    // No address (a check made outside a request): nothing to count it against.
    origin.ip ? limiter.count(keys('address', subject, origin).failures, ADDRESS_FAILURE_WINDOW_MINUTES * 60) : 0,
  ]);
  const pairLock = pair >= LOCK_AFTER_FAILURES ? await startLock(ctx, 'pair', subject, origin) : 0;
  const accountLock = account >= ACCOUNT_LOCK_AFTER_FAILURES ? await startLock(ctx, 'account', subject, origin) : 0;
  const addressLock = address >= ADDRESS_LOCK_AFTER_FAILURES ? await startLock(ctx, 'address', subject, origin) : 0;
  const wider = Math.max(accountLock, addressLock);
  const holds = wider > pairLock && !(await knownAddress(ctx, subject, origin)) ? wider : pairLock;
  // The owner hears of locks about their account (not of an address locked for failing on many accounts).
  const aboutAccount = pairLock > 0 || accountLock > 0;
  const firstOfEpisode = aboutAccount && (await limiter.mark(`signin-warned:${subject.key}`, LOCK_EPISODE_MINUTES * 60));

  // One statement for both, in the sign-in history: for an unknown login it inserts no row (no account has id 0).
  const u = subject.user;
  await ctx.db.execute(
    sql`INSERT INTO ${loginEvents} (user_id, ip, user_agent, success)
        SELECT ${users.id}, ${origin.ip}, ${origin.userAgent}, 0 FROM ${users} WHERE ${users.id} = ${u?.id ?? 0}`,
  );
  if (u && firstOfEpisode) {
    await ctx.db.transaction((tx) => enqueue(tx, { kind: 'mail', payload: ctx.mail('login_attempts', u, origin) }));
    ctx.deps.outbox.kick();
  }
  if (holds > 0) throw tooMany(holds);
  throw field ? invalid({ [field]: code }) : new AppError(code);
}

/** A successful sign-in from this address: its failures on this account are forgotten (its locks run out). */
export async function forgetFailures(ctx: AccountsContext, subject: Subject, origin: Origin): Promise<void> {
  await ctx.deps.limiter.reset(keys('pair', subject, origin).failures);
}
