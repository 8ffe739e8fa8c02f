import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { imageUrl } from '../../platform/files.ts';
import { bearer, errorResponses as errors, Id, IdParams } from '../../platform/http/api-schemas.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { CURSOR_MAX } from '../../platform/search/index.ts';
import { categoryIdsOf, categoryIndexOf } from '../../web/categories.tsx';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, IMAGES_MAX, LINK_MAX, SKILLS_MAX, TITLE_MAX, TITLE_MIN, WORK_STATUSES } from './rules.ts';
import { WORK_SORTS } from './search.ts';
import type { WorkRow } from './service.ts';

/** Generous outer bounds only: the rules answer each field with its own code (work.title_length, …) inside them. */
const WorkBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000, description: `${TITLE_MIN}–${TITLE_MAX} characters` })),
  description: Type.Optional(Type.String({ maxLength: 50_000, description: `${DESCRIPTION_MIN}–${DESCRIPTION_MAX} characters` })),
  categoryId: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'a subcategory of GET /api/v1/categories' })),
  skills: Type.Optional(
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: `up to ${SKILLS_MAX}, 30 characters each` }),
  ),
  imageIds: Type.Optional(
    Type.Array(Id(), {
      maxItems: 100,
      description: `your images from POST /api/v1/files (\`purpose=work_image\`), the cover first: 1 to ${IMAGES_MAX} to publish`,
    }),
  ),
  link: Type.Optional(
    Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
      description: `an http(s) address up to ${LINK_MAX} characters; not a messaging app, a social account, another marketplace or a shop`,
    }),
  ),
  orderId: Type.Optional(
    Type.Union([Id(), Type.Null()], { description: 'a completed order in which you were the seller: the “delivered on Kafiil” badge' }),
  ),
});
const FIELDS = ['title', 'description', 'categoryId', 'skills', 'imageIds', 'link', 'orderId'] as const;

const Decision = Type.Object({ id: Type.Integer(), status: Type.String() });
const Owner = Type.Union([Type.Object({ username: Type.String(), displayName: Type.String(), level: Type.String() }), Type.Null()]);
const Image = Type.Object({ url: Type.String(), thumbUrl: Type.String() });
const Likes = Type.Object({ likesCount: Type.Integer(), liked: Type.Boolean() });

const Review = Type.Object({
  quality: Type.Integer(),
  communication: Type.Integer(),
  onTime: Type.Integer(),
  comment: Type.String(),
  author: Type.Object({ username: Type.String(), displayName: Type.String() }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const VerifiedOrder = Type.Union(
  [
    Type.Object({
      id: Type.Integer(),
      kind: Type.String({ description: '`service` or `project`' }),
      completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      review: Type.Union([Review, Type.Null()], { description: 'the buyer’s review, once published' }),
    }),
    Type.Null(),
  ],
  { description: 'the completed order the work came from (“delivered on Kafiil”), or null' },
);

const Summary = {
  id: Type.Integer(),
  title: Type.String(),
  categoryId: Type.Union([Type.Integer(), Type.Null()]),
  skills: Type.Array(Type.String()),
  likesCount: Type.Integer(),
  viewsCount: Type.Integer(),
  cover: Type.Union([Image, Type.Null()]),
  delivered: Type.Boolean({ description: 'linked to a completed order (see verifiedOrder on the work)' }),
  owner: Owner,
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};
const ListItem = Type.Object(Summary);
const Work = Type.Object({
  ...Summary,
  status: Type.String({ description: `${WORK_STATUSES.join(' | ')} (only its owner sees a draft or a hidden work)` }),
  description: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  images: Type.Array(Image),
  imageIds: Type.Optional(Type.Array(Type.Integer(), { description: 'the owner only' })),
  verifiedOrder: VerifiedOrder,
  liked: Type.Boolean({ description: 'whether you like it (false without a token)' }),
  hiddenReason: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the owner only: why staff hid it' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const images = (publicIds: string[]) => publicIds.map((p) => ({ url: imageUrl(p), thumbUrl: imageUrl(p, 'thumb') }));

/** The works part of the public API (API.md "Works, favourites, people"; issue 17). */
export function worksApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { works, workEngagement, accounts } = services;

  const owners = async (ids: number[]) => {
    const people = await works.people(ids);
    return (id: number) => {
      const o = people.get(id);
      return o ? { username: o.username, displayName: o.displayName, level: o.sellerLevel } : null;
    };
  };

  /** The current fields of the caller's own work under `patch` (fields left out keep their value). */
  const withCurrent = async (user: AuthUser, id: number, patch: Record<string, unknown>) => {
    try {
      const w = await works.get(id, user);
      if (w.ownerId !== user.id) return patch;
      return { ...Object.fromEntries(FIELDS.map((f) => [f, w[f]])), ...patch };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return patch;
    }
  };

  const summaryOf = async (
    rows: Pick<
      WorkRow,
      'id' | 'ownerId' | 'title' | 'categoryId' | 'skills' | 'imageIds' | 'orderId' | 'likesCount' | 'viewsCount' | 'publishedAt'
    >[],
  ) => {
    const [covers, who] = await Promise.all([works.coversOf(rows), owners(rows.map((r) => r.ownerId))]);
    return rows.map((w) => {
      const cover = covers.get(w.id);
      return {
        id: w.id,
        title: w.title,
        categoryId: w.categoryId,
        skills: w.skills,
        likesCount: w.likesCount,
        viewsCount: w.viewsCount,
        cover: cover ? images([cover])[0] : null,
        delivered: w.orderId !== null,
        owner: who(w.ownerId),
        publishedAt: iso(w.publishedAt),
      };
    });
  };

  api.post(
    '/api/v1/works',
    {
      schema: {
        tags: ['works'],
        summary: 'Add a work to your portfolio: published at once, or kept as a draft with `draft: true`',
        description:
          'Publishing needs every rule (RULES.md "Portfolio"): a title, a description, a subcategory and a cover image; a draft only what could never be saved. Upload each image first with `POST /api/v1/files` (multipart `file`, `purpose=work_image`) and send the ids in `imageIds`, the cover first (`images`: `work.image_required`, `work.too_many_images`, `work.image_invalid`).\n\n' +
          'Refusals: `errors[]` for `title`, `description`, `categoryId`, `skills`, `images`, `link` (`work.link_invalid`, `work.link_scheme`, `work.link_messaging`, `work.link_marketplace`), 400; contact details in any text or in the link are `trust.contact_info` (400, recorded). A linked order that is not a completed sale of yours is 422: `work.order_not_yours` (someone else’s, or no such order) or `work.order_not_completed`; one already linked to another of your works is `work.order_used`. `trust.sanctioned_posting` (403).',
        security: bearer,
        body: Type.Object({ ...WorkBody.properties, draft: Type.Optional(Type.Boolean()) }),
        response: { 201: Decision, ...errors },
      },
    },
    async (req, reply) => {
      const { draft, ...input } = req.body;
      const row = await works.create(requireUser(req), input, { publish: draft !== true });
      return reply.status(201).send({ id: row.id, status: row.status });
    },
  );

  api.put(
    '/api/v1/works/:id',
    {
      schema: {
        tags: ['works'],
        summary: 'Edit your work (fields left out keep their value); `publish: true` publishes a draft or a hidden work',
        description:
          'A published work stays published, so the edit must meet every rule. Someone else’s work is `work.forbidden` (403), or `work.not_found` (404) when you may not see it. Refusals as for POST /api/v1/works.',
        security: bearer,
        params: IdParams,
        body: Type.Object({ ...WorkBody.properties, publish: Type.Optional(Type.Boolean()) }),
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { publish, ...patch } = req.body;
      const row = await works.update(user, req.params.id, await withCurrent(user, req.params.id, patch), { publish: publish === true });
      return { id: row.id, status: row.status };
    },
  );

  for (const action of ['publish', 'hide'] as const) {
    api.post(
      `/api/v1/works/:id/${action}`,
      {
        schema: {
          tags: ['works'],
          summary:
            action === 'publish'
              ? 'Publish your draft or hidden work as saved (every rule again)'
              : 'Hide your published work (only you see it until you publish it again)',
          description: 'From any other state: `work.wrong_state` (409).',
          security: bearer,
          params: IdParams,
          response: { 200: Decision, ...errors },
        },
        preValidation: async (req) => {
          req.body ??= {};
        },
      },
      async (req) => {
        const row = await works.act(requireUser(req), req.params.id, action);
        return { id: row.id, status: row.status };
      },
    );
  }

  api.delete(
    '/api/v1/works/:id',
    {
      schema: {
        tags: ['works'],
        summary: 'Delete your work (soft: it leaves the site; Kafiil staff keep it)',
        security: bearer,
        params: IdParams,
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const row = await works.act(requireUser(req), req.params.id, 'delete');
      return { id: row.id, status: row.status };
    },
  );

  api.get(
    '/api/v1/works',
    {
      schema: {
        tags: ['works'],
        summary: 'Search and list published works',
        description:
          'Full-text search as for services and projects (Arabic forms, synonyms, typos). `category`: an id or slug (a top category includes its subcategories); `skill`: one skill, compared as search text is; `owner`: a username. `sort`: `best` (the default: likes and views together), `newest`, `views`, `likes`. Pages: pass `nextCursor` back as `cursor`.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 2000 })),
          category: Type.Optional(Type.String({ maxLength: 60 })),
          skill: Type.Optional(Type.String({ maxLength: 200 })),
          owner: Type.Optional(Type.String({ maxLength: 60 })),
          sort: Type.Optional(Type.Union(WORK_SORTS.map((s) => Type.Literal(s)))),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          cursor: Type.Optional(Type.String({ maxLength: CURSOR_MAX })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(ListItem),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Object({ n: Type.Integer(), capped: Type.Boolean(), estimated: Type.Boolean() }),
          }),
          400: errors[400],
          422: errors[422],
        },
      },
    },
    async (req) => {
      const q = req.query;
      const none = { items: [], nextCursor: null, total: { n: 0, capped: false, estimated: false } };
      let categoryIds: number[] | undefined;
      if (q.category) {
        const ids = categoryIdsOf(await categoryIndexOf(services.catalog), q.category);
        if (!ids) return none;
        categoryIds = ids;
      }
      let ownerId: number | undefined;
      if (q.owner) {
        const u = await accounts.byUsername(q.owner.replace(/^@/, ''));
        if (!u || u.deactivatedAt) return none;
        ownerId = u.id;
      }
      const r = await works.search({
        q: q.q,
        categoryIds,
        skill: q.skill,
        ownerId,
        sort: q.sort ?? 'best',
        limit: q.limit ?? 20,
        cursor: q.cursor,
      });
      return { items: await summaryOf(r.items), nextCursor: r.nextCursor, total: r.total };
    },
  );

  api.get(
    '/api/v1/works/:id',
    {
      schema: {
        tags: ['works'],
        summary: 'One work with its images, counts, owner and the completed order it came from',
        description:
          'Published works are public; a draft or a hidden work is `work.not_found` (404) except for its owner (and moderators). Reading a work counts a view (once per viewer a day, counted in a batch: `viewsCount` follows within seconds).',
        params: IdParams,
        response: { 200: Work, ...errors },
      },
    },
    async (req) => {
      const viewer = req.user ?? null;
      const w = await works.get(req.params.id, viewer);
      const [[summary], publicIds, delivered, liked] = await Promise.all([
        summaryOf([w]),
        works.imagesOf(w),
        w.orderId ? works.deliveredOrders([w.orderId]) : Promise.resolve(new Map()),
        workEngagement.likedBy(viewer?.id ?? null, [w.id]),
      ]);
      workEngagement.recordView(w, viewer?.id ?? null, workEngagement.viewerKey(viewer, req.ip, req.headers['user-agent']));
      const d = w.orderId ? delivered.get(w.orderId) : undefined;
      const own = viewer?.id === w.ownerId;
      return {
        ...summary,
        status: w.status,
        description: w.description,
        link: w.link,
        images: images(publicIds),
        ...(own ? { imageIds: w.imageIds, hiddenReason: w.hiddenReason } : {}),
        verifiedOrder: d
          ? {
              id: d.id,
              kind: d.kind,
              completedAt: iso(d.completedAt),
              review: d.review
                ? {
                    quality: d.review.quality,
                    communication: d.review.communication,
                    onTime: d.review.onTime,
                    comment: d.review.comment,
                    author: d.review.author,
                    publishedAt: iso(d.review.publishedAt),
                  }
                : null,
            }
          : null,
        liked: liked.has(w.id),
        createdAt: w.createdAt.toISOString(),
        updatedAt: w.updatedAt.toISOString(),
      };
    },
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    api.route({
      method,
      url: '/api/v1/works/:id/like',
      schema: {
        tags: ['works'],
        summary: method === 'PUT' ? 'Like a work (again: no change)' : 'Take your like back (none: no change)',
        description:
          method === 'PUT'
            ? 'One like per person and work, however many requests arrive at once. Your own work: `work.like_own` (422). A work that is not published: `work.not_found` (404).'
            : 'Answers the count after the change.',
        security: bearer,
        params: IdParams,
        response: { 200: Likes, ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
      handler: async (req) => {
        const user = requireUser(req);
        const id = (req.params as { id: number }).id;
        return method === 'PUT' ? workEngagement.like(user, id) : workEngagement.unlike(user, id);
      },
    });
  }

  api.get(
    '/api/v1/my/works',
    {
      schema: {
        tags: ['works'],
        summary: 'Your works (drafts, published, hidden), the newest first',
        security: bearer,
        querystring: Type.Object({
          status: Type.Optional(Type.Union((['draft', 'published', 'hidden'] as const).map((s) => Type.Literal(s)))),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...Summary, status: Type.String(), updatedAt: Type.String({ format: 'date-time' }) })),
            counts: Type.Record(Type.String(), Type.Integer()),
            nextCursor: Type.Null(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { items, counts } = await works.mine(user.id, req.query.status);
      const summaries = await summaryOf(items);
      return {
        items: items.map((w, i) => ({ ...summaries[i], status: w.status, updatedAt: w.updatedAt.toISOString() })),
        counts,
        nextCursor: null,
      };
    },
  );
}
