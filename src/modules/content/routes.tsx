import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, form, page, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { isPolicyKind, POLICY_KINDS } from './service.ts';
import { STATIC_PAGES } from './static-pages.ts';
import { ContactPage, PolicyHistoryPage, PolicyPage, StaticPageView } from './views.tsx';

export function contentPages(app: FastifyInstance, services: Services, _deps: Deps): void {
  const { content } = services;

  for (const policy of POLICY_KINDS) {
    page(app, 'GET', `/${policy}`, async (req, reply) => {
      const doc = await content.current(policy);
      return sendHtml(reply, PolicyPage({ c: viewCtx(req), policy, doc, isCurrent: true }));
    });
    page(app, 'GET', `/${policy}/history`, async (req, reply) =>
      sendHtml(reply, PolicyHistoryPage({ c: viewCtx(req), policy, versions: await content.history(policy) })),
    );
    page(app, 'GET', `/${policy}/v/:version`, async (req, reply) => {
      const n = parseId((req.params as { version: string }).version);
      if (n === null) throw new AppError('policy.not_found');
      const [doc, cur] = [await content.version(policy, n), await content.current(policy)];
      return sendHtml(reply, PolicyPage({ c: viewCtx(req), policy, doc, isCurrent: doc.version === cur.version }));
    });
  }

  for (const p of STATIC_PAGES) {
    page(app, 'GET', `/${p.slug}`, async (req, reply) => sendHtml(reply, StaticPageView({ c: viewCtx(req), page: p })));
  }

  page(app, 'GET', '/contact', async (req, reply) => sendHtml(reply, ContactPage({ c: viewCtx(req), state: emptyForm, sent: false })));
  form(app, '/contact', {
    render: (req, state) => ContactPage({ c: viewCtx(req), state, sent: false }),
    handle: async (req, v, reply) => {
      await content.contact({
        userId: req.user?.id ?? null,
        name: v.name ?? '',
        email: v.email ?? '',
        subject: v.subject ?? '',
        body: v.body ?? '',
        ip: req.ip ?? null,
      });
      return sendHtml(reply, ContactPage({ c: viewCtx(req), state: emptyForm, sent: true }));
    },
  });
}

export { isPolicyKind };
