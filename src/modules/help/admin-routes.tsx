import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import {
  emptyForm,
  type FormState,
  type FormValues,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { originOf, parseId } from '../../platform/http/request.ts';
import { requirePermission } from '../../platform/staff.ts';
import { asciiDigits } from '../../platform/text.ts';
import { HelpAdminList, HelpArticleForm } from './admin-views.tsx';
import { type ArticleInput, articleState, type PublishChoice } from './rules.ts';
import type { HelpArticle } from './service.ts';

/** The form's text as the service takes it: the number and the time read as typed (the time in UTC). */
export function articleInputOf(v: FormValues): ArticleInput {
  const position = asciiDigits(v.position ?? '').trim();
  const at = (v.publishAt ?? '').trim();
  return {
    slug: (v.slug ?? '').trim(),
    topic: v.topic ?? '',
    position: position === '' ? 0 : /^\d{1,6}$/.test(position) ? Number(position) : -1,
    titleAr: v.titleAr ?? '',
    titleEn: v.titleEn ?? '',
    bodyAr: v.bodyAr ?? '',
    bodyEn: v.bodyEn ?? '',
    publish: (v.publish ?? '') as PublishChoice,
    publishAt: at ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(at) ? at : `${at}Z`) : null,
  };
}

/** An article's fields as the edit form shows them. */
function valuesOf(a: HelpArticle, now: Date): FormValues {
  const state = articleState(a, now);
  return {
    topic: a.topic,
    position: String(a.position),
    titleAr: a.titleAr,
    titleEn: a.titleEn,
    bodyAr: a.bodyAr,
    bodyEn: a.bodyEn,
    publish: state === 'draft' ? 'draft' : state === 'scheduled' ? 'scheduled' : 'now',
    publishAt: state === 'scheduled' && a.publishAt ? a.publishAt.toISOString().slice(0, 16) : '',
  };
}

/** The staff's help pages: the list, a new article, an edit (`content` permission: admins). */
export function helpAdminPages(app: FastifyInstance, services: Services): void {
  const { help } = services;
  const editor = (req: FastifyRequest) => {
    const u = requireUser(req);
    requirePermission(u, 'content');
    return u;
  };
  const idOf = (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('help.not_found');
    return id;
  };
  const editView = async (req: FastifyRequest, state: FormState | null) => {
    const a = await help.adminGet(editor(req), idOf(req));
    const live = articleState(a, help.now()) === 'published';
    return (
      <HelpArticleForm
        c={viewCtx(req)}
        state={state ?? { ...emptyForm, values: valuesOf(a, help.now()) }}
        existing={{ id: a.id, slug: a.slug, helpful: a.helpful, notHelpful: a.notHelpful, live }}
      />
    );
  };

  page(app, 'GET', '/admin/help', async (req, reply) =>
    sendHtml(reply, <HelpAdminList c={viewCtx(req)} items={await help.adminList(editor(req))} />),
  );

  page(app, 'GET', '/admin/help/new', async (req, reply) => {
    editor(req);
    return sendHtml(
      reply,
      <HelpArticleForm c={viewCtx(req)} state={{ ...emptyForm, values: { publish: 'draft', position: '0' } }} existing={null} />,
    );
  });
  form(app, '/admin/help/new', {
    auth: true,
    render: (req, state) => {
      editor(req);
      return <HelpArticleForm c={viewCtx(req)} state={state} existing={null} />;
    },
    handle: async (req, v, reply) => {
      const a = await help.create(editor(req), articleInputOf(v), originOf(req));
      return redirectTo(reply, `/admin/help/${a.id}`, 'help.created');
    },
  });

  page(app, 'GET', '/admin/help/:id', async (req, reply) => sendHtml(reply, await editView(req, null)));
  form(app, '/admin/help/:id', {
    auth: true,
    render: (req, state) => editView(req, state),
    handle: async (req, v, reply) => {
      const id = idOf(req);
      await help.update(editor(req), id, articleInputOf(v), originOf(req));
      return redirectTo(reply, `/admin/help/${id}`, 'help.saved');
    },
  });
}
