import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { AppError } from '../errors.ts';
import { type Locale, localePath, translate } from '../i18n/index.ts';
import type { AuthUser } from './auth.ts';
import { cookieOptions } from './cookies.ts';
import { csrfMatches } from './csrf.ts';
import { redirect } from './redirect.ts';

declare module 'fastify' {
  interface FastifyInstance {
    testMode: boolean;
  }
  interface FastifyRequest {
    locale: Locale;
    /** The path without its `/en` prefix, with its query string. */
    barePath: string;
    user: AuthUser | null;
    csrfToken: string;
    /** Unread counts for the header of a signed-in person's page. */
    badges: { messages: number; notifications: number } | null;
  }
}

/** What every view needs about the request it answers. */
export interface ViewCtx {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: (key: string, params?: Record<string, string | number>) => string;
  /** A locale-free path made into a link in the request's language. */
  href: (path: string) => string;
  user: AuthUser | null;
  csrf: string;
  path: string;
  flash: string | null;
  testMode: boolean;
  badges: { messages: number; notifications: number } | null;
}

export function viewCtx(req: FastifyRequest): ViewCtx {
  const locale = req.locale;
  const flash = req.cookies[req.server.siteCookies.flash] ?? null;
  return {
    locale,
    dir: locale === 'ar' ? 'rtl' : 'ltr',
    t: (key, params) => translate(locale, key, params),
    href: (p) => localePath(locale, p),
    user: req.user,
    csrf: req.csrfToken,
    path: req.barePath,
    flash: flash && /^[a-z_.]+$/.test(flash) ? flash : null,
    testMode: req.server.testMode === true,
    badges: req.badges ?? null,
  };
}

export function sendHtml(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return sendHtmlText(reply, `<!doctype html>${renderToString(node)}`, status);
}

/** A whole page already rendered (and completed: the sponsored slots of a results page), sent as `sendHtml` sends one. */
export function sendHtmlText(reply: FastifyReply, html: string | Buffer, status = 200): FastifyReply {
  const cookies = reply.server.siteCookies;
  if (reply.request.cookies[cookies.flash]) reply.clearCookie(cookies.flash, cookieOptions(cookies));
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Redirects to a locale-free path in the request's language (percent-encoded), optionally with a one-time notice. */
export function redirectTo(reply: FastifyReply, path: string, flash?: string): FastifyReply {
  if (flash) reply.setCookie(reply.server.siteCookies.flash, flash, cookieOptions(reply.server.siteCookies, 60));
  return redirect(reply, localePath(reply.request.locale, path), 303);
}

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** A page answers at its Arabic path and at the same path under /en. */
export function page(app: FastifyInstance, method: 'GET' | 'POST', path: string, handler: Handler): void {
  app.route({ method, url: path, handler });
  app.route({ method, url: path === '/' ? '/en' : `/en${path}`, handler });
}

export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('auth.required');
  return req.user;
}

export type FormValues = Record<string, string>;
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  /** A message for the whole form (not one field). */
  formError: string | null;
  /** Values for the messages' placeholders (e.g. minutes left on a lock). */
  params: Record<string, string | number>;
}

export const emptyForm: FormState = { values: {}, errors: {}, formError: null, params: {} };

/** Flattens a urlencoded body to strings (repeated keys keep their last value, except `multi` ones joined by commas). */
export function formValues(body: unknown, multi: string[] = []): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (Array.isArray(v)) out[k] = multi.includes(k) ? v.map(String).join(',') : String(v[v.length - 1] ?? '');
      else if (v !== undefined && v !== null) out[k] = String(v);
    }
  }
  return out;
}

/** Whether a form's `_csrf` is the token made for this session or visitor (platform/http/csrf.ts). */
export function csrfValid(req: FastifyRequest, submitted: string | undefined): boolean {
  return csrfMatches(req, submitted);
}

/**
 * A form's POST: checks the CSRF token, runs the action, and on any refusal renders the same form again
 * with the typed values (secrets dropped), a translated message per field, and the right status.
 */
export function form(
  app: FastifyInstance,
  path: string,
  opts: {
    auth?: boolean;
    /** Fields never echoed back (passwords). */
    secret?: string[];
    multi?: string[];
    render: (req: FastifyRequest, state: FormState) => Promise<VNode> | VNode;
    handle: (req: FastifyRequest, values: FormValues, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  },
): void {
  page(app, 'POST', path, async (req, reply) => {
    const values = formValues(req.body, opts.multi);
    const kept: FormValues = { ...values };
    for (const s of opts.secret ?? []) delete kept[s];
    delete kept._csrf;
    const again = async (status: number, errors: Record<string, string>, formError: string | null, params = {}) =>
      sendHtml(reply, await opts.render(req, { values: kept, errors, formError, params }), status);
    if (!csrfValid(req, values._csrf)) return again(403, {}, 'http.csrf');
    if (opts.auth && !req.user) throw new AppError('auth.required');
    try {
      const done = await opts.handle(req, values, reply);
      if (done) return done;
      return redirectTo(reply, req.barePath);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fieldKeys = Object.keys(err.fields);
      return again(err.status, err.fields, fieldKeys.length && err.code === 'validation.failed' ? null : err.code, err.params);
    }
  });
}
