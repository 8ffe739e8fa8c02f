import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, formValues, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { sameSitePath } from '../../platform/http/redirect.ts';
import { cursorOf, parseId } from '../../platform/http/request.ts';
import { rememberHearts } from './hearts.ts';
import { KIND_NAME } from './kinds.ts';
import { FavoritesPage } from './views.tsx';

/**
 * Favourites' pages: /favorites (a tab per kind), the heart's form (POST /favorites/{kind}/{id}: save or take out,
 * then back to the page), and the hook that tells an item's page which of its hearts are filled.
 */
export function favoritesPages(app: FastifyInstance, services: Services): void {
  const { favorites } = services;

  // The hearts of an item's page (FavoriteButton): on a signed-in person's full page whose path a kind names,
  // their saved items of those kinds are read once (one indexed query) and kept with the request.
  app.addHook('preHandler', async (req) => {
    if (!req.user || req.method !== 'GET' || req.url.startsWith('/api/') || req.headers['hx-request']) return;
    const path = req.barePath.split('?')[0];
    const names = favorites
      .kinds()
      .filter(([, k]) => k.page?.test(path))
      .map(([name]) => name);
    if (names.length) rememberHearts(req.user, await favorites.keysOf(req.user.id, names));
  });

  page(app, 'GET', '/favorites', async (req, reply) => {
    const user = requireUser(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const all = favorites.kinds();
    if (all.length === 0) throw new AppError('http.not_found');
    const asked = typeof q.kind === 'string' ? q.kind : '';
    const current = all.some(([name]) => name === asked) ? asked : all[0][0];
    const cursor = cursorOf(typeof q.cursor === 'string' ? q.cursor : undefined);
    const [counts, list] = await Promise.all([favorites.counts(user.id), favorites.list(user, current, { cursor })]);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return sendHtml(
      reply,
      FavoritesPage({
        c: viewCtx(req),
        kinds: all.map(([name, k]) => ({ name, label: k.label, count: counts.get(name) ?? 0 })),
        current,
        entries: list.items,
        next: list.nextCursor ? `/favorites?kind=${current}&cursor=${list.nextCursor}` : null,
        total,
      }),
    );
  });

  // The heart: `on=1` saves, `on=0` takes out; then back to `next` (a path of this site) with a notice.
  page(app, 'POST', '/favorites/:kind/:id', async (req, reply) => {
    const user = requireUser(req);
    const p = req.params as { kind: string; id: string };
    const id = parseId(p.id);
    if (!KIND_NAME.test(p.kind) || !favorites.hasKind(p.kind) || id === null) throw new AppError('favorite.not_found');
    const v = formValues(req.body);
    if (!csrfValid(req, v._csrf)) throw new AppError('http.csrf');
    const on = v.on !== '0';
    if (on) await favorites.add(user, p.kind, id);
    else await favorites.remove(user, p.kind, id);
    return redirectTo(reply, sameSitePath(v.next) ?? `/favorites?kind=${p.kind}`, on ? 'favorites.added' : 'favorites.removed');
  });
}
