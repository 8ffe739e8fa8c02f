import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../app.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { CasesPage } from './views.tsx';

const isModerator = (u: { roles: string[] }) => u.roles.some((r) => r === 'admin' || r === 'moderator');

/** Moderators: open cases (repeated contact-details attempts) with what was found, and closing them. */
export function trustPages(app: FastifyInstance, services: Services): void {
  const { trust, accounts } = services;

  async function casesView(req: FastifyRequest, state: FormState, failedId: number | null = null) {
    const u = requireUser(req);
    if (!isModerator(u)) throw new AppError('auth.forbidden');
    const cases = await trust.openCases();
    const people = await accounts.publicByIds(cases.map((c) => c.userId));
    const items = await Promise.all(
      cases.map(async (c) => ({
        id: c.id,
        kind: c.kind,
        createdAt: c.createdAt,
        user: people.get(c.userId) ?? null,
        userId: c.userId,
        attempts: (await trust.attemptsOf(c.userId)).slice(-10),
      })),
    );
    return <CasesPage c={viewCtx(req)} items={items} state={state} failedId={failedId} />;
  }

  page(app, 'GET', '/admin/cases', async (req, reply) => sendHtml(reply, await casesView(req, emptyForm)));

  form(app, '/admin/cases/:id/close', {
    auth: true,
    render: (req, state) => casesView(req, state, Number((req.params as { id: string }).id)),
    handle: async (req, values, reply) => {
      const u = requireUser(req);
      if (!isModerator(u)) throw new AppError('auth.forbidden');
      const raw = (req.params as { id: string }).id;
      await trust.closeCase(u, /^\d{1,15}$/.test(raw) ? Number(raw) : 0, values.note ?? '', req.ip);
      return redirectTo(reply, '/admin/cases', 'trust.case_closed');
    },
  });
}
