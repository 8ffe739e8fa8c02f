import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { invalid } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { cursorOf, parseId } from '../../platform/http/request.ts';
import { can, requirePermission } from '../../platform/staff.ts';
import { PointsAdminPage, PointsHowPage, PointsPage } from './views.tsx';

/** The points' pages: /points (signed in), /points/how (public), /admin/points (finance; its numbers: admin). */
export function pointsPages(app: FastifyInstance, services: Services): void {
  const { points } = services;

  page(app, 'GET', '/points', async (req, reply) => {
    const user = requireUser(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const r = await points.statement(user.id, { cursor: cursorOf(typeof q.cursor === 'string' ? q.cursor : undefined) });
    return sendHtml(
      reply,
      PointsPage({ c: viewCtx(req), balance: r.balance, entries: r.items, next: r.nextCursor ? `/points?cursor=${r.nextCursor}` : null }),
    );
  });

  // What points buy: a promotion of a service (the promotions module's settings).
  page(app, 'GET', '/points/how', async (req, reply) => {
    const [s, promotion] = await Promise.all([points.settings(), services.promotions.settings()]);
    return sendHtml(reply, PointsHowPage({ c: viewCtx(req), s, promotion }));
  });

  async function adminPage(req: FastifyRequest, state: FormState, settingsState: FormState = emptyForm) {
    const user = requireUser(req);
    requirePermission(user, 'finance');
    const [totals, settings] = await Promise.all([points.totals(user), points.settings()]);
    return PointsAdminPage({ c: viewCtx(req), state, settingsState, totals, settings, mayEditSettings: can(user, 'admin') });
  }

  page(app, 'GET', '/admin/points', async (req, reply) => sendHtml(reply, await adminPage(req, emptyForm)));

  form(app, '/admin/points/grant', {
    auth: true,
    render: (req, state) => adminPage(req, state),
    async handle(req, v, reply) {
      const userId = parseId(v.userId);
      if (userId === null) {
        requirePermission(req.user, 'finance');
        throw invalid({ userId: 'validation.field_invalid' });
      }
      await points.grant(req.user, { userId, delta: v.delta, note: v.note }, req.ip);
      return redirectTo(reply, '/admin/points', 'points.admin.done');
    },
  });

  form(app, '/admin/points/settings', {
    auth: true,
    render: (req, state) => adminPage(req, emptyForm, state),
    async handle(req, v, reply) {
      await points.updateSettings(req.user, v);
      return redirectTo(reply, '/admin/points', 'points.admin.settings_saved');
    },
  });
}
