import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { bearer, errorResponses as errors, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { CURSOR_MAX } from '../../platform/search/index.ts';
import { MY_STATUSES } from './form-views.tsx';
import { maySeeProjectPrivate } from './policy.ts';
import { categoryIdsOf, categoryIndex } from './routes.tsx';
import { averageBidCents, BUDGET_RANGES } from './rules.ts';
import { PROJECT_SORTS } from './search.ts';
import type { ProjectRow } from './service.ts';

const Decision = Type.Object({ id: Type.Integer(), status: Type.String() });
const ranges = BUDGET_RANGES.map(([a, b]) => `${a}–${b}`).join(', ');

/** Generous outer bounds only: the rules give each field its own code (project.title_length, …) inside them. */
const ProjectBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000, description: '10–100 characters' })),
  description: Type.Optional(Type.String({ maxLength: 50_000, description: 'at least 100 characters' })),
  // Checked by the service, which answers with its own code (project.category_invalid) for any id that is no subcategory.
  categoryId: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'a subcategory of GET /api/v1/categories' })),
  skills: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'up to 10' })),
  budgetMinCents: Type.Optional(Type.Integer({ description: `with budgetMaxCents, one of the ranges (cents): ${ranges}` })),
  budgetMaxCents: Type.Optional(Type.Integer()),
  expectedDays: Type.Optional(Type.Integer({ description: '1 to 365' })),
  fileIds: Type.Optional(
    Type.Array(Id(), { maxItems: 100, description: 'attachments from POST /api/v1/files (purpose attachment); up to 5' }),
  ),
});

const Owner = Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]);
const ListItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  budgetMinCents: Type.Integer(),
  budgetMaxCents: Type.Integer(),
  expectedDays: Type.Integer(),
  skills: Type.Array(Type.String()),
  bidsCount: Type.Integer(),
  averageBidCents: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  owner: Owner,
  url: Type.String(),
});

const Project = Type.Object({
  id: Type.Integer(),
  status: Type.String({ description: 'draft | pending | open | rejected | hired | closed | expired | hidden | removed' }),
  title: Type.String(),
  description: Type.String(),
  categoryId: Type.Union([Type.Integer(), Type.Null()]),
  skills: Type.Array(Type.String()),
  budgetMinCents: Type.Integer(),
  budgetMaxCents: Type.Integer(),
  expectedDays: Type.Integer(),
  files: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), size: Type.Integer(), url: Type.String() })),
  bidsCount: Type.Integer(),
  averageBidCents: Type.Union([Type.Integer(), Type.Null()], { description: 'null before the first bid' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  closesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when bidding ends' }),
  rejectReason: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'owner and staff only' })),
  orderId: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'the order once hired; owner and staff only' })),
  owner: Owner,
  url: Type.String(),
});

const MyItem = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  title: Type.String(),
  budgetMinCents: Type.Integer(),
  budgetMaxCents: Type.Integer(),
  expectedDays: Type.Integer(),
  bidsCount: Type.Integer(),
  averageBidCents: Type.Union([Type.Integer(), Type.Null()]),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  orderId: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  closesAt: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function myItem(p: ProjectRow) {
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    budgetMinCents: p.budgetMinCents,
    budgetMaxCents: p.budgetMaxCents,
    expectedDays: p.expectedDays,
    bidsCount: p.bidsCount,
    averageBidCents: averageBidCents(p),
    rejectReason: p.rejectReason,
    orderId: p.orderId,
    publishedAt: iso(p.publishedAt),
    closesAt: iso(p.closesAt),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The projects part of the public API (API.md "Projects"; bids and hiring are in bids-api.ts). */
export function projectsApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { projects, accounts } = services;

  api.post(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Post a project: submitted for review (pending), or kept as a draft with `draft: true`',
        description:
          'A submission must meet every rule (RULES.md "Projects"); a draft only what could never be saved. Field problems come back in `errors[]` (`title`, `description`, `categoryId`, `skills`, `budgetMinCents`, `expectedDays`, `files`); contact details in any text are `trust.contact_info`. A `buying` sanction refuses it (`trust.sanctioned_buying`, 403).',
        security: bearer,
        body: Type.Object({ ...ProjectBody.properties, draft: Type.Optional(Type.Boolean()) }),
        response: { 201: Decision, ...errors },
      },
    },
    async (req, reply) => {
      const { draft, ...input } = req.body;
      const row = await projects.create(requireUser(req), input, { submit: draft !== true });
      return reply.status(201).send({ id: row.id, status: row.status });
    },
  );

  api.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Edit a draft or rejected project (fields left out keep their value); `submit: true` sends it for review',
        security: bearer,
        params: IdParams,
        body: Type.Object({ ...ProjectBody.properties, submit: Type.Optional(Type.Boolean()) }),
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { submit, ...patch } = req.body;
      let input: Record<string, unknown> = patch;
      try {
        const p = await projects.get(req.params.id, user);
        if (p.ownerId === user.id) {
          const { title, description, categoryId, skills, budgetMinCents, budgetMaxCents, expectedDays, fileIds } = p;
          input = { title, description, categoryId, skills, budgetMinCents, budgetMaxCents, expectedDays, fileIds, ...patch };
        }
      } catch (err) {
        // Someone else's or a missing project: the update below says which.
        if (!(err instanceof AppError)) throw err;
      }
      const row = await projects.update(user, req.params.id, input, { submit: submit === true });
      return { id: row.id, status: row.status };
    },
  );

  api.get(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Search and list open projects',
        description:
          'Full-text search that understands Arabic (with or without «ال», hamza, ta marbuta, diacritics) and English, with typo tolerance. `sort=newest` (the default), `bids` (fewest bids first) or `budget` (highest first). A budget filter keeps projects whose range reaches it. Pages: pass `nextCursor` back as `cursor`.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 2000 })),
          category: Type.Optional(
            Type.String({ maxLength: 60, description: 'a category id or slug; a top category includes its subcategories' }),
          ),
          minBudgetCents: Type.Optional(Type.Integer({ minimum: 0 })),
          maxBudgetCents: Type.Optional(Type.Integer({ minimum: 0 })),
          skill: Type.Optional(Type.String({ maxLength: 60 })),
          postedWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
          sort: Type.Optional(Type.Union(PROJECT_SORTS.map((s) => Type.Literal(s)))),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          cursor: Type.Optional(Type.String({ maxLength: CURSOR_MAX })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(ListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          400: errors[400],
        },
      },
    },
    async (req) => {
      const q = req.query;
      let categoryIds: number[] | undefined;
      if (q.category) {
        const ids = categoryIdsOf(await categoryIndex(services), q.category);
        if (!ids) return { items: [], nextCursor: null };
        categoryIds = ids;
      }
      const r = await projects.search({
        q: q.q,
        categoryIds,
        minBudgetCents: q.minBudgetCents,
        maxBudgetCents: q.maxBudgetCents,
        skill: q.skill,
        postedWithinDays: q.postedWithinDays,
        sort: q.sort ?? 'newest',
        limit: q.limit ?? 20,
        cursor: q.cursor,
      });
      const owners = await accounts.publicByIds(r.items.map((h) => h.ownerId));
      return {
        items: r.items.map((h) => {
          const u = owners.get(h.ownerId);
          return {
            id: h.id,
            title: h.title,
            budgetMinCents: h.budgetMinCents,
            budgetMaxCents: h.budgetMaxCents,
            expectedDays: h.expectedDays,
            skills: h.skills,
            bidsCount: h.bidsCount,
            averageBidCents: averageBidCents(h),
            publishedAt: iso(h.publishedAt),
            owner: u ? { username: u.username, displayName: u.displayName } : null,
            url: `/projects/${h.id}`,
          };
        }),
        nextCursor: r.nextCursor,
      };
    },
  );

  api.get(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'One project with its bids count and average bid',
        description:
          'Open, hired, closed and expired projects are public. Drafts, projects in review and rejected ones are `project.not_found` (404) except for their owner and moderators; hidden and removed ones except for their owner and staff. `orderId` and `rejectReason` are given to the owner and staff only.',
        params: IdParams,
        response: { 200: Project, ...errors },
      },
    },
    async (req) => {
      const p = await projects.get(req.params.id, req.user);
      const [files, people] = await Promise.all([projects.files(p), accounts.publicByIds([p.ownerId])]);
      const u = people.get(p.ownerId);
      const privileged = maySeeProjectPrivate(req.user, p);
      return {
        id: p.id,
        status: p.status,
        title: p.title,
        description: p.description,
        categoryId: p.categoryId,
        skills: p.skills,
        budgetMinCents: p.budgetMinCents,
        budgetMaxCents: p.budgetMaxCents,
        expectedDays: p.expectedDays,
        files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, url: `/projects/${p.id}/files/${f.id}` })),
        bidsCount: p.bidsCount,
        averageBidCents: averageBidCents(p),
        publishedAt: iso(p.publishedAt),
        closesAt: iso(p.closesAt),
        ...(privileged ? { rejectReason: p.rejectReason, orderId: p.orderId } : {}),
        owner: u ? { username: u.username, displayName: u.displayName } : null,
        url: `/projects/${p.id}`,
      };
    },
  );

  api.get(
    '/api/v1/my/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'The owner’s projects in every state (optionally one `status`), newest first',
        security: bearer,
        querystring: Type.Object({ status: Type.Optional(Type.Union(MY_STATUSES.map((s) => Type.Literal(s)))) }),
        response: { 200: Type.Object({ items: Type.Array(MyItem), nextCursor: Type.Null() }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { items: (await projects.byOwner(user.id, req.query.status)).map(myItem), nextCursor: null };
    },
  );

  api.get(
    '/api/v1/admin/projects',
    {
      schema: {
        tags: ['admin'],
        summary: 'Projects waiting for review, oldest first (moderator)',
        security: bearer,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ ...MyItem.properties, ownerId: Type.Integer() })), nextCursor: Type.Null() }),
          ...errors,
        },
      },
    },
    async (req) => ({
      items: (await projects.moderationQueue(requireUser(req))).map((p) => ({ ...myItem(p), ownerId: p.ownerId })),
      nextCursor: null,
    }),
  );

  api.post(
    '/api/v1/admin/projects/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve a project in review: it opens for bids for 30 days; the owner is told (moderator)',
        security: bearer,
        params: IdParams,
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const row = await projects.approve(requireUser(req), req.params.id);
      return { id: row.id, status: row.status };
    },
  );

  api.post(
    '/api/v1/admin/projects/:id/reject',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reject a project in review with a reason the owner is told; they may edit and resubmit it (moderator)',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }),
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const row = await projects.reject(requireUser(req), req.params.id, req.body.reason);
      return { id: row.id, status: row.status };
    },
  );
}
