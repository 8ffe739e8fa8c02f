import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId, pathId } from '../../platform/http/request.ts';
import { contactAppealPages } from './appeal-routes.tsx';
import { AppealsSection } from './appeal-views.tsx';
import { type CaseItem, CasesPage } from './case-views.tsx';
import { REPORT_REASONS } from './moderation.ts';
import { mayModerate } from './policy.ts';
import { SANCTION_SCOPES } from './service.ts';
import { AdminSanctionsPage, MySanctionsPage, ReportPage, ReportsQueuePage, type TakenDownItem } from './views.tsx';

/** A take-down record as the sanctions pages show it (the text only reaches staff's page). */
const takenDownItem = (x: {
  id: number;
  targetType: string;
  targetId: number;
  action: string;
  reason: string;
  createdAt: Date;
  snapshot: Record<string, unknown>;
}): TakenDownItem => ({
  id: x.id,
  targetType: x.targetType,
  targetId: x.targetId,
  action: x.action,
  reason: x.reason,
  createdAt: x.createdAt,
  title: String(x.snapshot.title ?? ''),
  text: String(x.snapshot.text ?? ''),
});
/** An id from a query or form, or 0 (no row has it: not found) for anything else. */
const idOf = (raw: unknown) => parseId(raw) ?? 0;
/** An id from the path, or 404. */
const idIn = (req: FastifyRequest) => pathId((req.params as { id: string }).id);

/**
 * Reports (إبلاغ) for everyone signed in; the user's own sanctions page; for moderators: cases (repeated
 * contact-details attempts), the reports queue with its decisions, and each user's sanctions.
 */
export function trustPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { trust, accounts, moderation, wallet } = services;

  const moderator = (req: FastifyRequest) => {
    const u = requireUser(req);
    if (!mayModerate(u)) throw new AppError('auth.forbidden');
    return u;
  };

  // ——— the report form ———
  async function reportView(req: FastifyRequest, state: FormState) {
    const u = requireUser(req);
    const q = { ...(req.query as Record<string, string>), ...state.values };
    const type = String(q.type ?? '');
    const id = idOf(q.id);
    const t = await moderation.target(type, id);
    if (!t || !(await t.visibleTo(u.id))) throw new AppError('report.target_not_found');
    const already = await moderation.reported(u.id, type, id);
    return <ReportPage c={viewCtx(req)} type={type} id={id} title={t.title} reasons={REPORT_REASONS} already={already} state={state} />;
  }
  page(app, 'GET', '/report', async (req, reply) => sendHtml(reply, await reportView(req, emptyForm)));
  form(app, '/report', {
    auth: true,
    render: reportView,
    handle: async (req, v, reply) => {
      const u = requireUser(req);
      const id = idOf(v.id);
      await moderation.report(u, { targetType: v.type, targetId: id, reason: v.reason, details: v.details });
      const t = await moderation.target(v.type ?? '', id);
      const back = t?.url && !t.url.startsWith('/admin/') ? t.url : v.type === 'message' ? '/messages' : '/';
      return redirectTo(reply, back, 'report.thanks');
    },
  });

  // ——— the user's own sanctions ———
  page(app, 'GET', '/account/sanctions', async (req, reply) => {
    const u = requireUser(req);
    const [items, content, freeze] = await Promise.all([moderation.sanctionsOf(u.id), moderation.takeDownsOf(u.id), wallet.freezeOf(u.id)]);
    return sendHtml(
      reply,
      <MySanctionsPage
        c={viewCtx(req)}
        now={deps.clock()}
        items={items}
        content={content.map(takenDownItem)}
        frozen={freeze ? { releaseAfter: freeze.releaseAfter } : null}
      />,
    );
  });

  // ——— moderators: the reports queue ———
  async function queueView(req: FastifyRequest, state: FormState, failed: string | null = null) {
    const u = moderator(req);
    const items = await moderation.queue(u);
    const people = await accounts.publicByIds(items.map((i) => i.authorId));
    return (
      <ReportsQueuePage
        c={viewCtx(req)}
        items={items.map((i) => ({ ...i, author: people.get(i.authorId) ?? null }))}
        state={state}
        failed={failed}
      />
    );
  }
  page(app, 'GET', '/admin/reports', async (req, reply) => sendHtml(reply, await queueView(req, emptyForm)));
  form(app, '/admin/reports/:type/:id', {
    auth: true,
    render: (req, state) => {
      const p = req.params as { type: string; id: string };
      return queueView(req, state, `${p.type}-${pathId(p.id)}`);
    },
    handle: async (req, v, reply) => {
      const p = req.params as { type: string; id: string };
      await moderation.decide(
        moderator(req),
        { targetType: p.type, targetId: pathId(p.id), decision: v.decision, reason: v.reason },
        req.ip,
      );
      return redirectTo(reply, '/admin/reports', 'reports.decided');
    },
  });

  // ——— moderators: a user's sanctions ———
  async function sanctionsView(req: FastifyRequest, state: FormState, failedLift: number | null = null, userId?: number) {
    moderator(req);
    const id = userId ?? idIn(req);
    const user = (await accounts.publicByIds([id])).get(id);
    if (!user) throw new AppError('account.not_found');
    const [items, reports, content] = await Promise.all([
      moderation.sanctionsOf(id),
      moderation.reportsAgainst(id),
      moderation.takeDownsOf(id),
    ]);
    const source = String((req.query as Record<string, string>).source ?? state.values.source ?? '');
    return (
      <AdminSanctionsPage
        c={viewCtx(req)}
        now={deps.clock()}
        user={{ id, username: user.username, displayName: user.displayName }}
        items={items}
        reports={reports}
        content={content.map(takenDownItem)}
        scopes={SANCTION_SCOPES}
        source={/^[a-z_]+:\d{1,15}$/.test(source) ? source : ''}
        state={state}
        failedLift={failedLift}
      />
    );
  }
  page(app, 'GET', '/admin/users/:id/sanctions', async (req, reply) => sendHtml(reply, await sanctionsView(req, emptyForm)));
  form(app, '/admin/users/:id/sanctions', {
    auth: true,
    multi: ['scopes'],
    render: (req, state) => sanctionsView(req, state),
    handle: async (req, v, reply) => {
      const id = idIn(req);
      await moderation.sanction(
        moderator(req),
        id,
        { scopes: v.scopes ?? '', reason: v.reason, endsAt: v.endsAt, source: v.source },
        req.ip,
      );
      return redirectTo(reply, `/admin/users/${id}/sanctions`, 'admin_sanctions.created');
    },
  });
  form(app, '/admin/sanctions/:id/lift', {
    auth: true,
    render: async (req, state) => {
      const sid = idIn(req);
      const s = await trust.sanctionById(sid);
      if (!s) throw new AppError('sanction.not_active');
      return sanctionsView(req, state, sid, s.userId);
    },
    handle: async (req, v, reply) => {
      const s = await moderation.lift(moderator(req), idIn(req), v.reason, req.ip);
      return redirectTo(reply, `/admin/users/${s.userId}/sanctions`, 'admin_sanctions.lifted');
    },
  });

  // ——— moderators: cases (repeated contact-details attempts) ———
  async function casesView(req: FastifyRequest, state: FormState, failedId: number | null = null, failedAppealId: number | null = null) {
    moderator(req);
    const [cases, appeals] = await Promise.all([trust.openCases(), services.contactAppeals.pending()]);
    const people = await accounts.publicByIds([...cases.map((c) => c.userId), ...appeals.map((a) => a.userId)]);
    const items = await Promise.all(
      cases.map(async (c) => ({
        id: c.id,
        kind: c.kind,
        createdAt: c.createdAt,
        user: people.get(c.userId) ?? null,
        userId: c.userId,
        attempts: (await trust.attemptsOf(c.userId)).slice(-10),
        flagged: ((c.data as { messages?: CaseItem['flagged'] }).messages ?? []).slice(-20),
      })),
    );
    // The requests to review a refusal come first: someone is waiting for their message.
    const first = (
      <AppealsSection
        c={viewCtx(req)}
        items={appeals.map((row) => ({ row, user: people.get(row.userId) ?? null }))}
        state={state}
        failedId={failedAppealId}
      />
    );
    return <CasesPage c={viewCtx(req)} items={items} state={state} failedId={failedId} before={first} />;
  }
  contactAppealPages(app, services, (req, state, id) => casesView(req, state, null, id));

  page(app, 'GET', '/admin/cases', async (req, reply) => sendHtml(reply, await casesView(req, emptyForm)));

  // A review proven coerced, removed on the case of the user who wrote it (issue 20).
  form(app, '/admin/cases/:id/remove-review', {
    auth: true,
    render: (req, state) => casesView(req, state, idIn(req)),
    handle: async (req, values, reply) => {
      const reviewId = parseId(values.reviewId ?? '');
      if (reviewId === null) throw new AppError('report.target_not_found');
      await moderation.removeOnCase(
        moderator(req),
        { caseId: idIn(req), targetType: 'review', targetId: reviewId, reason: values.reason },
        req.ip,
      );
      return redirectTo(reply, '/admin/cases', 'trust.coercion_removed');
    },
  });

  form(app, '/admin/cases/:id/close', {
    auth: true,
    render: (req, state) => casesView(req, state, idIn(req)),
    handle: async (req, values, reply) => {
      await trust.closeCase(moderator(req), idIn(req), values.note ?? '', req.ip);
      return redirectTo(reply, '/admin/cases', 'trust.case_closed');
    },
  });
}
