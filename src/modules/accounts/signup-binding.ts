import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, safeEqual } from '../../platform/crypto.ts';
import { clearSignupCookie, setSignupCookie, signupCookieOf } from '../../platform/http/cookies.ts';
import { SIGNUP_BINDING_MINUTES } from './rules.ts';

/**
 * The browser that signed up, bound to its pending account by a short-lived cookie signed with the server's key: on
 * the "check your mail" page it may ask for the mail again, and when the mailed link is opened in this same browser
 * the person is signed in at once. Opened anywhere else (another browser, a mail scanner fetching the link first),
 * the link only confirms the address and the person signs in with their password.
 * `userId` is null when the address already had an account (nothing was created: the page looks the same).
 */
export interface SignupBinding {
  userId: number | null;
  email: string;
  username: string;
}

const PREFIX = 'v1';

function encode(secret: string, b: SignupBinding, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ u: b.userId, e: b.email, n: b.username, x: expiresAt })).toString('base64url');
  return `${PREFIX}.${payload}.${hmac(secret, `signup\0${payload}`)}`;
}

/** The binding a cookie value carries, or null when it is not one the server signed or it has expired. */
export function decodeSignupBinding(secret: string, value: string | undefined, now: Date): SignupBinding | null {
  if (!value || value.length > 1000) return null;
  const [prefix, payload, mac] = value.split('.');
  if (prefix !== PREFIX || !payload || !mac || !safeEqual(mac, hmac(secret, `signup\0${payload}`))) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u: unknown; e: unknown; n: unknown; x: unknown };
    if (typeof p.x !== 'number' || p.x <= now.getTime()) return null;
    if (typeof p.e !== 'string' || typeof p.n !== 'string') return null;
    if (p.u !== null && !(typeof p.u === 'number' && Number.isSafeInteger(p.u) && p.u > 0)) return null;
    return { userId: p.u, email: p.e, username: p.n };
  } catch {
    return null;
  }
}

/** Sets the binding cookie for SIGNUP_BINDING_MINUTES. */
export function bindSignup(reply: FastifyReply, secret: string, b: SignupBinding, now: Date): void {
  const seconds = SIGNUP_BINDING_MINUTES * 60;
  setSignupCookie(reply, encode(secret, b, now.getTime() + seconds * 1000), seconds);
}

export function signupBindingOf(req: FastifyRequest, secret: string, now: Date): SignupBinding | null {
  return decodeSignupBinding(secret, signupCookieOf(req), now);
}

export function unbindSignup(reply: FastifyReply): void {
  clearSignupCookie(reply);
}
