import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { parseMoney } from '../money.ts';
import type { ViewCtx } from './pages.ts';

/**
 * A list page's filters travel in its URL (a GET form that works without JavaScript; htmx swaps the results in
 * place). These helpers read them, write the tidy address back, and answer htmx's fragment requests.
 */

/** One value of a query parameter (the last one when repeated), as a string. */
export function queryOne(v: unknown): string {
  const x = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '';
}

/** The filters as the URL carries them: `keys` in order when set and not the default sort, then the cursor. */
/** A price filter as typed (any digits, `$`, grouping) → whole dollars as the tidy address keeps them, or ''. */
export function dollarsFilter(raw: string): string {
  const cents = parseMoney(raw, { whole: true });
  return cents !== null && cents <= 999_999_900 ? String(cents / 100) : '';
}

/** A price filter (whole dollars, from `dollarsFilter`) → cents, or undefined when it is not set. */
export function filterCents(dollars: string): number | undefined {
  return parseMoney(dollars, { whole: true }) ?? undefined;
}

export function listingHref<F extends { sort: string; cursor: string }>(
  c: ViewCtx,
  path: string,
  keys: readonly (keyof F & string)[],
  defaultSort: F['sort'],
  f: Partial<F>,
): string {
  const p = new URLSearchParams();
  for (const k of keys) {
    const v = f[k] as string | undefined;
    if (v && !(k === 'sort' && v === defaultSort)) p.set(k, v);
  }
  if (f.cursor) p.set('cursor', f.cursor);
  const qs = p.toString();
  return c.href(qs ? `${path}?${qs}` : path);
}

/** True when the URL carries empty, default or dropped parameters: the tidy address says the same with less. */
export function untidyQuery<F extends { sort: string; cursor: string }>(
  query: Record<string, unknown>,
  f: F,
  keys: readonly (keyof F & string)[],
  defaultSort: F['sort'],
): boolean {
  for (const [k, v] of Object.entries(query)) {
    if (k === 'cursor') {
      if (queryOne(v) !== f.cursor) return true;
      continue;
    }
    if (!(keys as readonly string[]).includes(k)) continue;
    const kept = k === 'sort' ? (f.sort === defaultSort ? '' : f.sort) : f[k as keyof F];
    if (Array.isArray(v) || queryOne(v) !== kept) return true;
  }
  return false;
}

/** An htmx request for a part of the page (not htmx restoring a whole page from history). */
export function isHtmxRequest(req: FastifyRequest): boolean {
  return req.headers['hx-request'] === 'true' && req.headers['hx-history-restore-request'] !== 'true';
}

/** A part of a page (no doctype), as htmx asks for it. */
export function sendFragment(reply: FastifyReply, node: VNode): FastifyReply {
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderToString(node));
}
