import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { newToken } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { requirePermission } from '../../platform/staff.ts';
import { slugOf } from '../catalog/index.ts';
import { promoteOnce } from './api.ts';
import { mayChangePromotionSettings, promoteRefusal } from './policy.ts';
import type { Promotion } from './service.ts';
import { AdminPromotionsPage, NewPromotionPage, type PromotionLine, PromotionsPage } from './views/pages.tsx';

/** A service's readable address (as the catalog writes it). */
const slugPath = (s: { id: number; title: string }) => `/services/${s.id}-${encodeURIComponent(slugOf(s.title))}`;

/** The promotions' pages: the seller's list and form, the sponsored cards' click-through, staff's list. */
export function promotionsPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { promotions, catalog } = services;

  /** Each promotion with its service's title and page (a live service's), as the lists show it. */
  async function lines(rows: Promotion[], sellers = false): Promise<PromotionLine[]> {
    const svc = await catalog.promotableByIds([...new Set(rows.map((p) => p.serviceId))]);
    const people = sellers ? await services.accounts.publicByIds([...new Set(rows.map((p) => p.sellerId))]) : null;
    return rows.map((p) => {
      const s = svc.get(p.serviceId);
      return {
        p,
        title: s?.title ?? '',
        path: s && s.status === 'published' ? slugPath(s) : null,
        seller: people?.get(p.sellerId)?.username,
      };
    });
  }

  page(app, 'GET', '/promotions', async (req, reply) => {
    const user = requireUser(req);
    return sendHtml(reply, PromotionsPage({ c: viewCtx(req), lines: await lines(await promotions.mine(user.id)), now: deps.clock() }));
  });

  /** The form for one of the seller's live services (the same refusals as the promotion itself, before it). */
  async function newPage(req: FastifyRequest, state: FormState, serviceRef: unknown) {
    const user = requireUser(req);
    const id = parseId(typeof serviceRef === 'string' ? serviceRef : '');
    if (id === null) throw new AppError('service.not_found');
    const s = (await catalog.promotableByIds([id])).get(id) ?? null;
    const refusal = promoteRefusal(user, s);
    if (refusal || !s) throw new AppError(refusal ?? 'service.not_found');
    return NewPromotionPage({
      c: viewCtx(req),
      state,
      service: { id: s.id, title: s.title, path: slugPath(s) },
      quote: await promotions.quote(user),
      idem: newToken(),
    });
  }

  page(app, 'GET', '/promotions/new', async (req, reply) =>
    sendHtml(reply, await newPage(req, emptyForm, ((req.query ?? {}) as Record<string, unknown>).service)),
  );

  form(app, '/promotions', {
    auth: true,
    render: (req, state) => newPage(req, state, state.values.serviceId),
    async handle(req, v, reply) {
      const user = requireUser(req);
      const serviceId = parseId(v.serviceId ?? '');
      if (serviceId === null) throw new AppError('service.not_found');
      const request = { serviceId, payWith: v.payWith ?? '' };
      await promoteOnce(deps, { userId: user.id, key: v.idem || newToken(), scope: 'POST /promotions', request }, async () => {
        const p = await promotions.create(user, request);
        return { status: 201, body: { id: p.id } };
      });
      return redirectTo(reply, '/promotions', 'promotion.created');
    },
  });

  // A sponsored card's link: the click counted (in memory, saved in batches), then the service's page.
  page(app, 'GET', '/sponsored/:id', async (req, reply) => {
    const id = parseId((req.params as { id: string }).id);
    const serviceId = id === null ? null : await promotions.click(id);
    if (serviceId === null) throw new AppError('promotion.not_found');
    return redirect(reply, viewCtx(req).href(`/services/${serviceId}`), 302);
  });

  // ——— staff ———
  async function adminPage(req: FastifyRequest, state: FormState, settingsState: FormState = emptyForm) {
    const user = requireUser(req);
    requirePermission(user, 'moderate');
    const [rows, settings] = await Promise.all([promotions.all(user), promotions.settings()]);
    return AdminPromotionsPage({
      c: viewCtx(req),
      lines: await lines(rows, true),
      now: deps.clock(),
      state,
      settings,
      settingsState,
      mayEditSettings: mayChangePromotionSettings(user),
    });
  }

  page(app, 'GET', '/admin/promotions', async (req, reply) => sendHtml(reply, await adminPage(req, emptyForm)));

  form(app, '/admin/promotions/:id/end', {
    auth: true,
    render: (req, state) => adminPage(req, state),
    async handle(req, v, reply) {
      const id = parseId((req.params as { id: string }).id);
      if (id === null) throw new AppError('promotion.not_found');
      await promotions.endEarly(req.user, id, v.reason, req.ip);
      return redirectTo(reply, '/admin/promotions', 'promotion.admin.ended');
    },
  });

  form(app, '/admin/promotions/settings', {
    auth: true,
    render: (req, state) => adminPage(req, emptyForm, state),
    async handle(req, v, reply) {
      await promotions.updateSettings(req.user, v);
      return redirectTo(reply, '/admin/promotions', 'promotion.admin.settings_saved');
    },
  });
}
