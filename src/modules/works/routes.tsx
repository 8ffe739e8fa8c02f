import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { isHtmxRequest, queryOne as one, sendFragment, untidyQuery } from '../../platform/http/listing.ts';
import {
  csrfValid,
  emptyForm,
  type FormState,
  form,
  formValues,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { CURSOR_PATTERN } from '../../platform/search/index.ts';
import { flushViewsWhileRunning } from '../../platform/views.ts';
import { categoryIdsOf, categoryIndexOf } from '../../web/categories.tsx';
import { workFormPages } from './form-routes.tsx';
import { MINE_TABS, type MineTab, MyWorksPage } from './mine-views.tsx';
import { MORE_BY_OWNER, SKILL_MAX_CHARS } from './rules.ts';
import { WORK_SORTS, type WorkSort } from './search.ts';
import { WORK_FILTER_KEYS, type WorkFilters, WorkItems, WorkResults, WorksPage, worksHref } from './views.tsx';
import { LikeButton, WorkPage } from './work-page.tsx';

const PAGE_SIZE = 24;

/** The list's filters from a URL: anything malformed is dropped (never an error page). */
export function readWorkFilters(query: Record<string, unknown>): WorkFilters {
  const pick = (k: string, re: RegExp) => {
    const v = one(query[k]).trim();
    return re.test(v) ? v : '';
  };
  const sort = one(query.sort);
  return {
    q: one(query.q).replace(/\s+/g, ' ').trim().slice(0, 200),
    category: pick('category', /^[a-z0-9-]{1,60}$/),
    skill: one(query.skill).replace(/\s+/g, ' ').trim().slice(0, SKILL_MAX_CHARS),
    owner: pick('owner', /^[a-z0-9_]{3,30}$/),
    sort: (WORK_SORTS as readonly string[]).includes(sort) ? (sort as WorkSort) : 'best',
    cursor: pick('cursor', CURSOR_PATTERN),
  };
}

const idOf = (req: FastifyRequest) => {
  const id = parseId((req.params as { id: string }).id);
  if (id === null) throw new AppError('work.not_found');
  return id;
};

/**
 * The works' pages: the list (search, filters, sorts; htmx replaces the results in place, without it a GET form), a
 * work's page (its view recorded for the next flush), the like button, the owner's publish/hide/delete, "my works";
 * the forms are form-routes.tsx's. Each instance flushes its views every few seconds (platform/views.ts) and when it closes.
 */
export function worksPages(app: FastifyInstance, services: Services): void {
  const { works, workEngagement, accounts } = services;
  flushViewsWhileRunning(app, { flush: () => workEngagement.flushViews(), close: () => workEngagement.close() }, 'work');

  page(app, 'GET', '/works', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const f = readWorkFilters(query);
    const hx = isHtmxRequest(req);
    const c = viewCtx(req);
    if (!hx && untidyQuery(query, f, WORK_FILTER_KEYS, 'best')) return redirect(reply, worksHref(c, f), 302);
    reply.header('vary', 'HX-Request');
    const index = await categoryIndexOf(services.catalog);
    const owner = f.owner ? await accounts.byUsername(f.owner) : null;
    const search = () =>
      works.search({
        q: f.q || undefined,
        categoryIds: f.category ? (categoryIdsOf(index, f.category) ?? []) : undefined,
        skill: f.skill || undefined,
        ownerId: f.owner ? (owner && !owner.deactivatedAt ? owner.id : Number.NaN) : undefined,
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: f.cursor || undefined,
      });
    let result: Awaited<ReturnType<typeof search>>;
    try {
      result = await search();
    } catch (err) {
      // A tampered cursor starts from the first page.
      if (!(err instanceof AppError) || !f.cursor) throw err;
      f.cursor = '';
      result = await search();
    }
    const props = {
      c,
      filters: f,
      categories: index,
      items: await works.cards(result.items),
      nextCursor: result.nextCursor,
      total: result.total,
      ownerName: owner?.displayName,
    };
    if (!hx) return sendHtml(reply, <WorksPage {...props} />);
    const next = result.nextCursor ? worksHref(c, { ...f, cursor: result.nextCursor }) : null;
    if (req.headers['hx-target'] === 'more') return sendFragment(reply, <WorkItems c={c} items={props.items} next={next} />);
    reply.header('hx-push-url', worksHref(c, { ...f, cursor: '' }));
    return sendFragment(reply, <WorkResults {...props} withTitle />);
  });

  /** A work's page as `req`'s viewer may see it; `actionState`: a refused owner action. */
  async function workPage(req: FastifyRequest, id: number, actionState: FormState = emptyForm) {
    const w = await works.get(id, req.user);
    const [people, images, delivered, liked, more, index] = await Promise.all([
      works.people([w.ownerId]),
      works.imagesOf(w),
      w.orderId ? works.deliveredOrders([w.orderId]) : Promise.resolve(new Map()),
      workEngagement.likedBy(req.user?.id ?? null, [w.id]),
      works.publishedBy(w.ownerId, MORE_BY_OWNER, w.id).then((rows) => works.cards(rows)),
      categoryIndexOf(services.catalog),
    ]);
    const o = people.get(w.ownerId);
    const state =
      actionState.formError === null && Object.keys(actionState.errors).length
        ? { ...actionState, formError: 'works.publish_incomplete' }
        : actionState;
    return {
      w,
      node: (
        <WorkPage
          c={viewCtx(req)}
          w={w}
          owner={o ? { username: o.username, displayName: o.displayName, level: o.sellerLevel, avatarUrl: o.avatarUrl } : null}
          category={w.categoryId ? (index.byId.get(w.categoryId) ?? null) : null}
          images={images}
          delivered={w.orderId ? (delivered.get(w.orderId) ?? null) : null}
          liked={liked.has(w.id)}
          more={more.map((m) => ({ ...m, owner: null }))}
          isOwner={req.user?.id === w.ownerId}
          actionState={state}
        />
      ),
    };
  }

  page(app, 'GET', '/works/:id', async (req, reply) => {
    const { w, node } = await workPage(req, idOf(req));
    // Counted later, in a batch (never a write on this request's path): once per viewer and day.
    workEngagement.recordView(w, req.user?.id ?? null, workEngagement.viewerKey(req.user, req.ip, req.headers['user-agent']));
    return sendHtml(reply, node);
  });

  // The like button: toggles the viewer's like; htmx swaps the button, without it the page comes back.
  page(app, 'POST', '/works/:id/like', async (req, reply) => {
    const values = formValues(req.body);
    if (!csrfValid(req, values._csrf)) throw new AppError('http.csrf');
    const user = requireUser(req);
    const id = idOf(req);
    try {
      const r = values.do === 'unlike' ? await workEngagement.unlike(user, id) : await workEngagement.like(user, id);
      if (isHtmxRequest(req))
        return sendFragment(reply, <LikeButton c={viewCtx(req)} workId={id} liked={r.liked} count={r.likesCount} mode="like" />);
      return redirectTo(reply, `/works/${id}#like`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404) throw err;
      return sendHtml(reply, (await workPage(req, id, { ...emptyForm, formError: err.code })).node, err.status);
    }
  });

  // The owner's buttons; a refusal comes back on the work's page.
  for (const action of ['publish', 'hide', 'delete'] as const) {
    form(app, `/works/:id/${action}`, {
      auth: true,
      render: async (req, state) => (await workPage(req, idOf(req), state)).node,
      handle: async (req, _values, reply) => {
        const w = await works.act(requireUser(req), idOf(req), action);
        return action === 'delete'
          ? redirectTo(reply, '/my/works', 'works.deleted_flash')
          : redirectTo(reply, `/works/${w.id}`, `works.${action}_flash`);
      },
    });
  }

  page(app, 'GET', '/my/works', async (req, reply) => {
    const user = requireUser(req);
    const raw = one((req.query as Record<string, unknown>).status);
    const tab: MineTab = (MINE_TABS as readonly string[]).includes(raw) ? (raw as MineTab) : 'all';
    const { items, counts } = await works.mine(user.id, tab === 'all' ? undefined : tab);
    const covers = await works.coversOf(items);
    return sendHtml(reply, <MyWorksPage c={viewCtx(req)} tab={tab} items={items} covers={covers} counts={counts} />);
  });

  workFormPages(app, services);
}
