import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { bearer, errorResponses as errors, Id, IdParams } from '../../platform/http/api-schemas.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { CURSOR_MAX } from '../../platform/search/index.ts';
import { can } from '../../platform/staff.ts';
import {
  Award,
  awardView,
  DateOrNull,
  Decision,
  Entry,
  entryView,
  idemHeader,
  iso,
  once,
  Person,
  person,
  previewsOf,
  Summary,
  summary,
  visibleEntries,
} from './api-shared.ts';
import { contestDisputesApi } from './disputes-api.ts';
import { contestEntriesApi } from './entries-api.ts';
import {
  DELIVERY_DAYS_MAX,
  DELIVERY_DAYS_MIN,
  ENTRY_DAYS_MAX,
  ENTRY_DAYS_MIN,
  PLACES_MAX,
  PRIZE_TOTAL_MIN_CENTS,
  prizeTotal,
} from './rules.ts';
import { CONTEST_SORTS, CONTEST_STATUSES } from './search.ts';

/** Generous outer bounds only: the rules answer each field with its own code (contest.title_length, …) inside them. */
const ContestBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000, description: '10–100 characters' })),
  description: Type.Optional(Type.String({ maxLength: 50_000, description: '100–5000 characters: the brief' })),
  conditions: Type.Optional(Type.String({ maxLength: 50_000, description: 'up to 3000 characters' })),
  categoryId: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'a subcategory of GET /api/v1/categories' })),
  skills: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'up to 10' })),
  prizesCents: Type.Optional(
    Type.Array(Type.Integer(), {
      maxItems: 20,
      description: `the prize of each place, first place first: 1–${PLACES_MAX} places, none above the one before, together at least ${PRIZE_TOTAL_MIN_CENTS} cents`,
    }),
  ),
  entryDays: Type.Optional(Type.Integer({ description: `days entries are taken once approved: ${ENTRY_DAYS_MIN}–${ENTRY_DAYS_MAX}` })),
  endsAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: `instead of entryDays (API.md): when entries should close, ${ENTRY_DAYS_MIN}–${ENTRY_DAYS_MAX} days from now; the entry period is the whole days until then, counted from the moderator's approval`,
    }),
  ),
  deliveryDays: Type.Optional(
    Type.Integer({ description: `days a winner has to hand over the final files: ${DELIVERY_DAYS_MIN}–${DELIVERY_DAYS_MAX}` }),
  ),
  blind: Type.Optional(Type.Boolean({ description: 'contestants see only their own entries until the deadline' })),
  fileIds: Type.Optional(Type.Array(Id(), { maxItems: 100, description: 'reference files from POST /api/v1/files; up to 5' })),
});
const EDITABLE_FIELDS = [
  'title',
  'description',
  'conditions',
  'categoryId',
  'skills',
  'prizesCents',
  'entryDays',
  'deliveryDays',
  'blind',
  'fileIds',
] as const;

const ListItem = Type.Object({ ...Summary, owner: Person });

const Contest = Type.Object({
  ...Summary,
  description: Type.String(),
  conditions: Type.String(),
  skills: Type.Array(Type.String()),
  entryDays: Type.Integer(),
  deliveryDays: Type.Integer(),
  fileIds: Type.Array(Type.Integer(), { description: 'the brief’s reference files (each at `/contests/{id}/files/{fileId}`)' }),
  views: Type.Integer({
    description: 'viewers counted once a day each (the owner’s own views do not count); counted in batches, a few seconds late',
  }),
  startsAt: DateOrNull,
  extended: Type.Boolean(),
  endedEarly: Type.Boolean(),
  closedAt: DateOrNull,
  rejectReason: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'owner and moderators only' })),
  owner: Person,
  entries: Type.Array(Entry, { description: 'the entries this viewer may see (a blind contest, while open: only one’s own)' }),
  hiddenEntries: Type.Integer({ description: 'entries not shown to this viewer' }),
  awards: Type.Array(Award),
});

const MyItem = Type.Object({
  ...Summary,
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** The contests part of the public API (API.md "Contests", issue 16; entries, picks and handovers: entries-api.ts). */
export function contestsApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { contests, contestEntries, accounts, catalog } = services;

  /** A category slug or id → its id and its subcategories' (a top category includes them); null when unknown. */
  async function categoryIdsOf(ref: string): Promise<number[] | null> {
    const byId = /^\d{1,10}$/.test(ref) ? Number(ref) : null;
    for (const top of await catalog.categoryTree()) {
      if (top.id === byId || top.slug === ref) return [top.id, ...top.children.map((ch) => ch.id)];
      const sub = top.children.find((ch) => ch.id === byId || ch.slug === ref);
      if (sub) return [sub.id];
    }
    return null;
  }

  /**
   * Publishing with too little in the balance (API.md: 409 with a top-up link): the difference to deposit and where
   * (`POST /api/v1/wallet/deposits`; the page's wallet at `/wallet`).
   */
  const publishing = async <T>(user: AuthUser, prizesCents: unknown, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'wallet.insufficient_funds') throw err;
      const total = Array.isArray(prizesCents) ? prizeTotal(prizesCents.filter((p): p is number => Number.isSafeInteger(p))) : 0;
      const { availableCents } = await services.wallet.balances(user.id);
      throw new AppError(err.code, err.params, err.fields, {
        status: 409,
        extra: { shortfallCents: Math.max(0, total - availableCents), topUpUrl: '/api/v1/wallet/deposits', topUpPage: '/wallet' },
      });
    }
  };

  /** `endsAt` → the entry period in whole days from now (rounded up), as the service keeps it. */
  const withEndsAt = <T extends { endsAt?: string; entryDays?: number }>(input: T): Omit<T, 'endsAt'> => {
    const { endsAt, ...rest } = input;
    if (endsAt === undefined) return rest;
    const ms = Date.parse(endsAt) - deps.clock().getTime();
    return { ...rest, entryDays: Number.isFinite(ms) ? Math.ceil(ms / 86_400_000) : Number.NaN };
  };

  const withCurrent = async (user: AuthUser, id: number, patch: Record<string, unknown>) => {
    try {
      const c = await contests.get(id, user);
      if (c.ownerId !== user.id) return patch;
      return { ...Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, c[f]])), ...patch };
    } catch (err) {
      // Someone else's or a missing contest: the update says which.
      if (!(err instanceof AppError)) throw err;
      return patch;
    }
  };

  api.post(
    '/api/v1/contests',
    {
      schema: {
        tags: ['contests'],
        summary:
          'Start a contest: a draft, or published at once with `publish: true` (the prize total into escrow; Idempotency-Key required)',
        description:
          'A draft is checked only for what could never be saved; publishing must meet every rule (RULES.md "Contests") and moves the whole prize from your available balance to escrow, then a moderator reviews it (`pending`). Refusals: `wallet.insufficient_funds` (409, with `shortfallCents` and `topUpUrl`: deposit the difference first), `trust.sanctioned_buying` (403), `idempotency.*`; `errors[]` for `title`, `description`, `conditions`, `categoryId`, `skills`, `prizesCents` (`contest.prize_total_min`, `contest.prize_order`, `contest.places_count`…), `entryDays`, `deliveryDays`, `fileIds`; contact details in any text are `trust.contact_info`.',
        security: bearer,
        headers: idemHeader,
        body: Type.Object({ ...ContestBody.properties, publish: Type.Optional(Type.Boolean()) }),
        response: { 201: Decision, ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { publish, ...input } = req.body;
      const create = async () => {
        const row = await publishing(user, input.prizesCents, () =>
          contests.create(user, withEndsAt(input), { publish: publish === true }),
        );
        return { status: 201, body: { id: row.id, status: row.status } };
      };
      const r = publish === true ? await once(deps, req, user, 'POST /api/v1/contests', req.body, create) : await create();
      return reply.status(r.status).send(r.body);
    },
  );

  api.patch(
    '/api/v1/contests/:id',
    {
      schema: {
        tags: ['contests'],
        summary:
          'Edit your draft or rejected contest (fields left out keep their value); `publish: true` publishes it (Idempotency-Key required)',
        description:
          'Someone else’s contest is `contest.forbidden` (403) or `contest.not_found` (404) when they may not see it; one past review is `contest.wrong_state` (409). Field problems and publishing’s refusals as for POST /api/v1/contests.',
        security: bearer,
        headers: idemHeader,
        params: IdParams,
        body: Type.Object({ ...ContestBody.properties, publish: Type.Optional(Type.Boolean()) }),
        response: { 200: Decision, ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { publish, ...patch } = req.body;
      const id = req.params.id;
      const update = async () => {
        const current = await withCurrent(user, id, withEndsAt(patch));
        const row = await publishing(user, current.prizesCents, () => contests.update(user, id, current, { publish: publish === true }));
        return { status: 200, body: { id: row.id, status: row.status } };
      };
      const r = publish === true ? await once(deps, req, user, `PATCH /api/v1/contests/${id}`, req.body, update) : await update();
      return reply.status(r.status).send(r.body);
    },
  );

  api.post(
    '/api/v1/contests/:id/publish',
    {
      schema: {
        tags: ['contests'],
        summary: 'Publish your draft (or rejected) contest as saved: the prize total into escrow, then review (Idempotency-Key required)',
        description:
          'The draft must meet every rule (`errors[]` as for POST /api/v1/contests). `wallet.insufficient_funds` (409, with `shortfallCents` and `topUpUrl`) when the balance is short.',
        security: bearer,
        headers: idemHeader,
        params: IdParams,
        response: { 200: Decision, ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const id = req.params.id;
      const r = await once(deps, req, user, `POST /api/v1/contests/${id}/publish`, {}, async () => {
        const current = await withCurrent(user, id, {});
        const row = await publishing(user, current.prizesCents, () => contests.update(user, id, current, { publish: true }));
        return { status: 200, body: { id: row.id, status: row.status } };
      });
      return reply.status(r.status).send(r.body);
    },
  );

  api.get(
    '/api/v1/contests',
    {
      schema: {
        tags: ['contests'],
        summary: 'Search and list published contests',
        description:
          'Full-text search as for projects (Arabic forms, synonyms, typos). `status`: `open` (the default), `judging` (the deadline passed, prizes not all paid) or `finished`. `sort`: `newest` (the default), `ending` (the nearest deadline first), `prize` (the largest total first), `entries` (the fewest first). The prize filters apply to the total. `total` counts the matches: exact, or `estimated`, or at least `n` when `capped`. Pages: pass `nextCursor` back as `cursor` (a tampered one is `search.cursor_invalid` on `cursor`).',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 2000 })),
          category: Type.Optional(
            Type.String({ maxLength: 60, description: 'a category id or slug; a top category includes its subcategories' }),
          ),
          minPrizeCents: Type.Optional(Type.Integer({ minimum: 0 })),
          maxPrizeCents: Type.Optional(Type.Integer({ minimum: 0 })),
          status: Type.Optional(Type.Union(CONTEST_STATUSES.map((s) => Type.Literal(s)))),
          sort: Type.Optional(Type.Union(CONTEST_SORTS.map((s) => Type.Literal(s)))),
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
      let categoryIds: number[] | undefined;
      if (q.category) {
        const ids = await categoryIdsOf(q.category);
        if (!ids) return { items: [], nextCursor: null, total: { n: 0, capped: false, estimated: false } };
        categoryIds = ids;
      }
      const r = await contests.search({
        q: q.q,
        categoryIds,
        minPrizeCents: q.minPrizeCents,
        maxPrizeCents: q.maxPrizeCents,
        status: q.status,
        sort: q.sort ?? 'newest',
        limit: q.limit ?? 20,
        cursor: q.cursor,
      });
      const owners = await accounts.publicByIds(r.items.map((h) => h.ownerId));
      return {
        items: r.items.map((h) => ({ ...summary(h), owner: person(owners.get(h.ownerId)) })),
        nextCursor: r.nextCursor,
        total: r.total,
      };
    },
  );

  api.get(
    '/api/v1/contests/:id',
    {
      schema: {
        tags: ['contests'],
        summary: 'One contest with its prizes, dates, counts, the entries you may see and the awards',
        description:
          'Published contests are public; drafts, contests in review and rejected ones are `contest.not_found` (404) except for their owner and moderators. In a blind contest, while it is open, a contestant sees only their own entries (the owner and staff see all); after the deadline everyone sees every entry. An entry’s original files (`fileIds`) are for its author, the owner and staff only.',
        params: IdParams,
        response: { 200: Contest, ...errors },
      },
    },
    async (req) => {
      const viewer = req.user ?? null;
      const c = await contests.get(req.params.id, viewer);
      const [{ shown, hidden }, awards] = await Promise.all([visibleEntries(services, viewer, c), contestEntries.awardsOf(c.id)]);
      const people = await accounts.publicByIds([c.ownerId, ...shown.map((e) => e.userId), ...awards.map((a) => a.winnerId)]);
      const privileged = viewer !== null && (viewer.id === c.ownerId || can(viewer, 'moderate'));
      const previews = await previewsOf(services, c, shown);
      // Counted later, in a batch (never a write on this request's path): once per viewer and day.
      services.contestViews.record(c, viewer, req.ip, req.headers['user-agent']);
      return {
        ...summary(c),
        description: c.description,
        conditions: c.conditions,
        skills: c.skills,
        entryDays: c.entryDays,
        deliveryDays: c.deliveryDays,
        fileIds: c.fileIds,
        views: c.views,
        startsAt: iso(c.startsAt),
        extended: c.extended,
        endedEarly: c.endedEarly,
        closedAt: iso(c.closedAt),
        ...(privileged ? { rejectReason: c.rejectReason } : {}),
        owner: person(people.get(c.ownerId)),
        entries: shown.map((e) => entryView(viewer, c, e, people, previews.get(e.id) ?? null)),
        hiddenEntries: hidden,
        awards: awards.map((a) => awardView(viewer, c, a, people)),
      };
    },
  );

  api.get(
    '/api/v1/admin/contests',
    {
      schema: {
        tags: ['admin'],
        summary: 'Contests waiting for review, oldest first (moderator)',
        security: bearer,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ ...MyItem.properties, ownerId: Type.Integer() })), nextCursor: Type.Null() }),
          ...errors,
        },
      },
    },
    async (req) => ({
      items: (await contests.moderationQueue(requireUser(req))).map((c) => ({
        ...summary(c),
        rejectReason: c.rejectReason,
        updatedAt: c.updatedAt.toISOString(),
        ownerId: c.ownerId,
      })),
      nextCursor: null,
    }),
  );

  api.post(
    '/api/v1/admin/contests/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve a contest in review: it opens for entries for its entry days; the owner is told (moderator)',
        security: bearer,
        params: IdParams,
        response: { 200: Decision, ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => {
      const row = await contests.approve(requireUser(req), req.params.id);
      return { id: row.id, status: row.status };
    },
  );

  api.post(
    '/api/v1/admin/contests/:id/reject',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reject a contest in review with a reason the owner is told: the prize goes back to their balance (moderator)',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 2000, description: '5–500 characters' }) }),
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const row = await contests.reject(requireUser(req), req.params.id, req.body.reason);
      return { id: row.id, status: row.status };
    },
  );

  contestEntriesApi(app, services, deps);
  contestDisputesApi(app, services);
}
