import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** The site's cookie names and attributes (app.ts decorates the app with siteCookies(config.production)). */
    siteCookies: SiteCookies;
  }
}

/** The browser cookies of the pages: the session, the visitor's CSRF seed, the one-time notice, the sign-up binding. */
export interface SiteCookies {
  session: string;
  csrf: string;
  flash: string;
  /** Binds the browser that signed up to its pending account (accounts/signup-binding.ts), for a short while. */
  signup: string;
  /** A visitor's anonymous answer token (the help centre's "was this helpful?"): a random value, only its hash stored. */
  voter: string;
  /** The referral link a visitor came through (`/r/<username>`): the referrer's username, until the sign-up. */
  referral: string;
  /** A sign-in with OpenID Connect under way (accounts/oidc-cookie.ts): its state, nonce and PKCE verifier, then the verified identity. */
  oidc: string;
  /** Secure (HTTPS only) in production. */
  secure: boolean;
}

/**
 * In production every cookie is `__Host-` prefixed: a browser takes it only when it is Secure, for Path=/ and
 * without Domain, so no other host (a sibling subdomain, a plain-HTTP answer) can set or replace it.
 */
export function siteCookies(production: boolean): SiteCookies {
  const prefix = production ? '__Host-' : '';
  return {
    session: `${prefix}kafiil_session`,
    csrf: `${prefix}kafiil_csrf`,
    flash: `${prefix}kafiil_flash`,
    signup: `${prefix}kafiil_signup`,
    voter: `${prefix}kafiil_voter`,
    referral: `${prefix}kafiil_referral`,
    oidc: `${prefix}kafiil_oidc`,
    secure: production,
  };
}

/** The attributes every cookie of the site is set and cleared with (a `__Host-` cookie cleared without them stays). */
export function cookieOptions(c: SiteCookies, maxAge?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: c.secure, ...(maxAge ? { maxAge } : {}) };
}

const cookiesOf = (r: FastifyRequest | FastifyReply) => r.server.siteCookies;

/** The session token the browser sent (its cookie), if any. */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  return req.cookies[cookiesOf(req).session];
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  const c = cookiesOf(reply);
  reply.setCookie(c.session, token, cookieOptions(c, maxAgeSeconds));
}

export function clearSessionCookie(reply: FastifyReply): void {
  const c = cookiesOf(reply);
  reply.clearCookie(c.session, cookieOptions(c));
}

/** The sign-up binding the browser sent (its cookie, signed by the accounts module), if any. */
export function signupCookieOf(req: FastifyRequest): string | undefined {
  return req.cookies[cookiesOf(req).signup];
}

export function setSignupCookie(reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const c = cookiesOf(reply);
  reply.setCookie(c.signup, value, cookieOptions(c, maxAgeSeconds));
}

export function clearSignupCookie(reply: FastifyReply): void {
  const c = cookiesOf(reply);
  reply.clearCookie(c.signup, cookieOptions(c));
}

/** The visitor's anonymous answer token the browser sent (its cookie), if any. */
export function voterCookieOf(req: FastifyRequest): string | undefined {
  return req.cookies[cookiesOf(req).voter];
}

export function setVoterCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  const c = cookiesOf(reply);
  reply.setCookie(c.voter, token, cookieOptions(c, maxAgeSeconds));
}

/** The referrer's username a referral link left in this browser (its cookie), if any. */
export function referralCookieOf(req: FastifyRequest): string | undefined {
  return req.cookies[cookiesOf(req).referral];
}

export function setReferralCookie(reply: FastifyReply, username: string, maxAgeSeconds: number): void {
  const c = cookiesOf(reply);
  reply.setCookie(c.referral, username, cookieOptions(c, maxAgeSeconds));
}

export function clearReferralCookie(reply: FastifyReply): void {
  const c = cookiesOf(reply);
  reply.clearCookie(c.referral, cookieOptions(c));
}

/** The sign-in with OpenID Connect under way in this browser (its cookie, signed by the accounts module), if any. */
export function oidcCookieOf(req: FastifyRequest): string | undefined {
  return req.cookies[cookiesOf(req).oidc];
}

export function setOidcCookie(reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const c = cookiesOf(reply);
  reply.setCookie(c.oidc, value, cookieOptions(c, maxAgeSeconds));
}

export function clearOidcCookie(reply: FastifyReply): void {
  const c = cookiesOf(reply);
  reply.clearCookie(c.oidc, cookieOptions(c));
}
