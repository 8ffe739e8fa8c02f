import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { localePath } from '../../platform/i18n/index.ts';

/** The page where an account that must change its password chooses its own (views/new-password.tsx). */
export const NEW_PASSWORD_PATH = '/account/new-password';

/** What stays open to such an account: that page, signing out, and the API's password change and sign-out. */
const OPEN_PAGES = new Set([NEW_PASSWORD_PATH, '/logout']);
const OPEN_API = new Set(['/api/v1/me/password', '/api/v1/auth/logout']);

/**
 * An `onRequest` hook, after the session is read: an account made with a password someone else knows (the demo
 * admin, `users.must_change_password`) gets nothing but the page that changes it. Pages send it there (303, with
 * the way back in `next`; htmx requests through `HX-Redirect`); the API answers 403 `auth.password_change_required`
 * but for `POST /api/v1/me/password` and sign-out; the live event stream answers nothing (204).
 */
export async function passwordChangeGate(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!req.user?.mustChangePassword) return undefined;
  const path = req.barePath.split('?', 1)[0];
  if (req.url.startsWith('/api/')) {
    if (OPEN_API.has(path)) return undefined;
    throw new AppError('auth.password_change_required');
  }
  if (OPEN_PAGES.has(path)) return undefined;
  // The live event stream: nothing (204 stops the page's EventSource without an error or a retry).
  if (path === '/live' || path.startsWith('/live/')) return reply.status(204).send();
  const back = req.method === 'GET' && path !== '/' ? `?next=${encodeURIComponent(req.barePath)}` : '';
  const target = localePath(req.locale, `${NEW_PASSWORD_PATH}${back}`);
  if (req.headers['hx-request']) return reply.header('hx-redirect', target).status(204).send();
  return redirect(reply, target, 303);
}
