import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, newToken, safeEqual } from '../crypto.ts';
import { cookieOptions, sessionTokenOf } from './cookies.ts';

/**
 * CSRF tokens made by the server and tied to who is asking: for a signed-in person the HMAC (server secret) of
 * their session token, before signing in the HMAC of a random per-visitor cookie. A token is good for that
 * session or that visitor only, and a cookie + form field pair cannot be made up without the secret.
 */
export function csrfTokens(secret: string) {
  return {
    /** Sets `req.csrfToken` (after the session is read): the session's token, or the visitor's (its cookie set if new). */
    issue(req: FastifyRequest, reply: FastifyReply): void {
      const session = req.user ? sessionTokenOf(req) : undefined;
      if (session) {
        req.csrfToken = hmac(secret, `csrf\0session\0${session}`);
        return;
      }
      const c = req.server.siteCookies;
      let visitor = req.cookies[c.csrf];
      if (!visitor || !/^[\w-]{32,64}$/.test(visitor)) {
        visitor = newToken();
        reply.setCookie(c.csrf, visitor, cookieOptions(c));
      }
      req.csrfToken = hmac(secret, `csrf\0visitor\0${visitor}`);
    },
  };
}

/** Whether a submitted token is this request's (see csrfTokens). */
export function csrfMatches(req: FastifyRequest, submitted: string | undefined): boolean {
  return Boolean(req.csrfToken && submitted && safeEqual(req.csrfToken, submitted));
}
