import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { originOf, parseId } from '../../platform/http/request.ts';
import { requirePermission, STAFF_ROLES } from '../../platform/staff.ts';
import { mayChangeRoles } from '../accounts/index.ts';
import { isPolicyKind } from '../content/index.ts';
import { AuditPage } from './audit-page.tsx';
import { DashboardPage, queueCounts } from './dashboard.tsx';
import { mayExportUserData } from './policy.ts';
import { AUDIT_FILTERS, requireAdmin } from './service.ts';
import { ContactAdminPage, PoliciesAdminPage, UserPage, UsersPage } from './views.tsx';

type Q = Record<string, string | undefined>;

/** A list's `?cursor=`: an id, or the first page for anything else. */
function cursor(raw: string | undefined): number | undefined {
  return parseId(raw) ?? undefined;
}

/** The admin area: closed to everyone without a staff role. Each view of private data is audited. */
export function adminPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { accounts, content, admin } = services;
  const staff = (req: FastifyRequest) => {
    const u = requireUser(req);
    requirePermission(u, 'staff_area');
    return u;
  };

  // The dashboard: each queue this staff member works, counted by the module that owns it.
  page(app, 'GET', '/admin', async (req, reply) => {
    const actor = staff(req);
    const queues = await queueCounts(actor, (tab) => tab.queue?.count(deps.db) ?? Promise.resolve(0));
    return sendHtml(reply, <DashboardPage c={viewCtx(req)} queues={queues} />);
  });

  page(app, 'GET', '/admin/users', async (req, reply) => {
    const actor = staff(req);
    const q = req.query as Q;
    const r = await accounts.adminList(actor, { q: q.q?.slice(0, 100), cursor: cursor(q.cursor) });
    return sendHtml(reply, UsersPage({ c: viewCtx(req), items: r.items, q: q.q ?? '', nextCursor: r.nextCursor }));
  });

  const userIdOf = (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('account.not_found');
    return id;
  };
  const userView = async (req: FastifyRequest, state: FormState, exportState: FormState = emptyForm) => {
    const actor = staff(req);
    const r = await accounts.adminView(actor, userIdOf(req), originOf(req));
    return UserPage({
      c: viewCtx(req),
      ...r,
      state,
      exportState,
      canEditRoles: mayChangeRoles(actor),
      canExport: mayExportUserData(actor),
      roles: STAFF_ROLES,
    });
  };
  page(app, 'GET', '/admin/users/:id', async (req, reply) => sendHtml(reply, await userView(req, emptyForm)));
  // A legal disclosure (privacy policy 2): the export is a download, never a page; the request is audited.
  form(app, '/admin/users/:id/export', {
    auth: true,
    render: (req, state) => userView(req, emptyForm, state),
    handle: async (req, v, reply) => {
      const id = userIdOf(req);
      const data = await admin.legalExport(requireUser(req), id, { reference: v.reference, reason: v.reason }, originOf(req));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename=kafiil-user-${id}-${data.exportedAt.slice(0, 10)}.json`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(data, null, 2));
    },
  });
  form(app, '/admin/users/:id/roles', {
    auth: true,
    multi: ['roles'],
    render: userView,
    handle: async (req, v, reply) => {
      const id = userIdOf(req);
      const roles = (v.roles ?? '').split(',').filter(Boolean);
      await accounts.setRoles(requireUser(req), id, roles, originOf(req));
      return redirectTo(reply, `/admin/users/${id}`, 'admin.roles_saved');
    },
  });

  const policiesView = async (req: FastifyRequest, state: FormState) => {
    staff(req);
    const current = await Promise.all([content.current('privacy'), content.current('terms')]);
    return PoliciesAdminPage({ c: viewCtx(req), current, state });
  };
  page(app, 'GET', '/admin/policies', async (req, reply) => sendHtml(reply, await policiesView(req, emptyForm)));
  form(app, '/admin/policies', {
    auth: true,
    render: policiesView,
    handle: async (req, v, reply) => {
      const policy = v.policy ?? '';
      if (!isPolicyKind(policy)) throw new AppError('validation.failed', {}, { policy: 'validation.field_invalid' });
      const doc = await content.publish(requireUser(req), {
        policy,
        lastUpdated: v.lastUpdated ?? '',
        bodyAr: v.bodyAr ?? '',
        bodyEn: v.bodyEn ?? '',
        changeNoteAr: v.changeNoteAr ?? '',
        changeNoteEn: v.changeNoteEn ?? '',
      });
      return redirectTo(reply, `/${doc.policy}`, 'admin.policy_published');
    },
  });

  // The audit log search: admins only (the log shows every staff action and read across the platform).
  page(app, 'GET', '/admin/audit', async (req, reply) => {
    const actor = requireUser(req);
    requireAdmin(actor);
    const q = req.query as Q;
    const values: Record<string, string> = {};
    for (const k of AUDIT_FILTERS) {
      const v = q[k];
      if (typeof v === 'string' && v) values[k] = v.slice(0, 100);
    }
    const state: FormState = { ...emptyForm, values };
    try {
      const r = await admin.auditTrail(actor, { ...values, cursor: cursor(q.cursor) });
      return sendHtml(reply, AuditPage({ c: viewCtx(req), ...r, state }));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation.failed') throw err;
      return sendHtml(reply, AuditPage({ c: viewCtx(req), items: [], nextCursor: null, state: { ...state, errors: err.fields } }), 400);
    }
  });

  page(app, 'GET', '/admin/contact', async (req, reply) => {
    const actor = staff(req);
    return sendHtml(reply, ContactAdminPage({ c: viewCtx(req), items: await content.contactMessages(actor) }));
  });
}
