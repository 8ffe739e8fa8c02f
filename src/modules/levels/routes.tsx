import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { requirePermission } from '../../platform/staff.ts';
import { mayChooseLevels } from './policy.ts';
import { AdminLevelPage, LevelPage } from './views.tsx';

/** The user's /account/level, and staff's page of a user's levels with Expert and VIP (admins give and take them). */
export function levelsPages(app: FastifyInstance, services: Services): void {
  const { levels, accounts } = services;

  page(app, 'GET', '/account/level', async (req, reply) => {
    const u = requireUser(req);
    return sendHtml(reply, <LevelPage c={viewCtx(req)} p={await levels.progressOf(u.id)} />);
  });

  const userIdOf = (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('account.not_found');
    return id;
  };
  const adminView = async (req: FastifyRequest, state: FormState) => {
    const actor = requireUser(req);
    requirePermission(actor, 'staff_area');
    const id = userIdOf(req);
    const user = (await accounts.publicByIds([id])).get(id);
    if (!user) throw new AppError('account.not_found');
    return (
      <AdminLevelPage
        c={viewCtx(req)}
        user={{ id, username: user.username, displayName: user.displayName }}
        p={await levels.progressOf(id)}
        state={state}
        canChoose={mayChooseLevels(actor)}
      />
    );
  };
  page(app, 'GET', '/admin/users/:id/level', async (req, reply) => sendHtml(reply, await adminView(req, emptyForm)));
  form(app, '/admin/users/:id/level', {
    auth: true,
    render: adminView,
    handle: async (req, v, reply) => {
      const id = userIdOf(req);
      const r = await levels.setStaffLevel(
        requireUser(req),
        id,
        { level: v.level ?? '', on: v.on === '1', reason: v.reason ?? '' },
        req.ip,
      );
      return redirectTo(reply, `/admin/users/${id}/level`, r.level === v.level ? 'levels.given' : 'levels.taken_back');
    },
  });
}
