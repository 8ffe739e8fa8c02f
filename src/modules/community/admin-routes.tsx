import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { originOf, parseId } from '../../platform/http/request.ts';
import { mayModerateCommunity } from './policy.ts';
import { SectionsAdminPage } from './views/admin.tsx';

/** Staff's page of the community's sections (/admin/community): rename, staff only, reorder, hide/show, add (audited). */
export function communityAdminPages(app: FastifyInstance, services: Services): void {
  const { sections } = services.community;

  async function render(req: FastifyRequest, state: FormState = emptyForm) {
    const user = requireUser(req);
    if (!mayModerateCommunity(user)) throw new AppError('auth.forbidden');
    return <SectionsAdminPage c={viewCtx(req)} sections={await sections.all()} state={state} failed={state.values.form ?? null} />;
  }
  const sectionId = (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('community.section_not_found');
    return id;
  };

  page(app, 'GET', '/admin/community', async (req, reply) => sendHtml(reply, await render(req)));

  form(app, '/admin/community/sections', {
    auth: true,
    render,
    handle: async (req, v, reply) => {
      await sections.create(requireUser(req), v, originOf(req).ip);
      return redirectTo(reply, '/admin/community', 'community.section_saved_flash');
    },
  });

  form(app, '/admin/community/sections/:id', {
    auth: true,
    render,
    handle: async (req, v, reply) => {
      await sections.update(requireUser(req), sectionId(req), { ...v, staffOnly: v.staffOnly === '1' }, originOf(req).ip);
      return redirectTo(reply, '/admin/community', 'community.section_saved_flash');
    },
  });

  for (const action of ['up', 'down', 'hide', 'show'] as const) {
    form(app, `/admin/community/sections/:id/${action}`, {
      auth: true,
      render,
      handle: async (req, _v, reply) => {
        await sections.act(requireUser(req), sectionId(req), action, originOf(req).ip);
        return redirectTo(reply, '/admin/community', 'community.section_saved_flash');
      },
    });
  }
}
