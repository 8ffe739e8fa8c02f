import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId, pathId } from '../../platform/http/request.ts';
import { MyAppealsPage } from './appeal-views.tsx';
import { mayModerate } from './policy.ts';

/**
 * Appeals of contact-details refusals: the author's request from under the refused text, their own list
 * (`/account/appeals`), and the moderators' decision (listed first on `/admin/cases`, trust's routes).
 */
export function contactAppealPages(
  app: FastifyInstance,
  services: Services,
  appealsView: (req: FastifyRequest, state: FormState, failedAppealId: number) => Promise<VNode>,
): void {
  const { contactAppeals } = services;

  const mine = async (req: FastifyRequest, state: FormState) => (
    <MyAppealsPage c={viewCtx(req)} rows={await contactAppeals.of(requireUser(req).id)} state={state} />
  );

  page(app, 'GET', '/account/appeals', async (req, reply) => sendHtml(reply, await mine(req, emptyForm)));

  form(app, '/appeals/contact', {
    auth: true,
    render: mine,
    handle: async (req, v, reply) => {
      const user = requireUser(req);
      const attemptId = parseId(v.attemptId ?? '');
      if (attemptId === null) throw new AppError('trust.appeal_not_found');
      const raw = v.conversationId ? { conversationId: parseId(v.conversationId) } : { to: v.to ?? '' };
      await contactAppeals.appeal(user, attemptId, v.body ?? '', raw);
      return redirectTo(reply, '/account/appeals', 'trust.appeal_sent');
    },
  });

  form(app, '/admin/appeals/:id', {
    auth: true,
    render: (req, state) => appealsView(req, state, pathId((req.params as { id: string }).id)),
    handle: async (req, v, reply) => {
      const staff = requireUser(req);
      if (!mayModerate(staff)) throw new AppError('auth.forbidden');
      const decision = v.decision as 'overturn' | 'uphold';
      await contactAppeals.decide(staff, pathId((req.params as { id: string }).id), decision, v.note ?? '', req.ip);
      return redirectTo(reply, '/admin/cases', decision === 'overturn' ? 'trust.appeal_overturned_flash' : 'trust.appeal_upheld_flash');
    },
  });
}
