import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import type { BidRow } from './bids.ts';
import { BID_FILES_MAX, BID_MAX_CENTS, BID_MIN_CENTS, PROPOSAL_MIN } from './rules.ts';

const errors = errorResponses;

const BidSchema = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  status: Type.String({ description: 'active | hired | not_chosen | closed | withdrawn' }),
  amountCents: Type.Integer(),
  days: Type.Integer(),
  proposal: Type.String(),
  fileIds: Type.Array(Type.Integer()),
  shortlisted: Type.Boolean(),
  createdAt: Type.String(),
});
const view = (b: BidRow) => ({
  id: b.id,
  projectId: b.projectId,
  status: b.status,
  amountCents: b.amountCents,
  days: b.days,
  proposal: b.proposal,
  fileIds: b.fileIds,
  shortlisted: b.shortlisted === 1,
  createdAt: b.createdAt.toISOString(),
});

const BidBody = Type.Object({
  amountCents: Type.Integer({ description: `${BID_MIN_CENTS} to ${BID_MAX_CENTS}` }),
  days: Type.Integer({ description: '1 to 365' }),
  proposal: Type.String({ maxLength: 20_000, description: `At least ${PROPOSAL_MIN} characters; no contact details` }),
  fileIds: Type.Optional(Type.Array(Id(), { maxItems: 20, description: `Up to ${BID_FILES_MAX} of your uploads (POST /api/v1/files)` })),
});

/** Bids and hiring (API.md "Projects"): from the hire on, the work is an order and the Orders operations apply. */
export function bidsApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { bids } = services;

  api.post(
    '/api/v1/projects/:id/bids',
    {
      schema: {
        tags: ['projects'],
        summary: 'Bid on an open project (one bid per project; active bids limited by your level)',
        description:
          'Refusals: `bid.project_not_open`, `bid.own_project`, `bid.already` (you bid already: PATCH it), `bid.limit_reached` (your level’s active bids), `trust.sanctioned_selling` (403), `project.not_found` (404); `errors[]` for `amountCents` (`bid.amount_invalid`), `days`, `proposal` (`bid.proposal_length`, `trust.contact_info`), `files`.',
        security: bearer,
        params: IdParams,
        body: BidBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const row = await bids.place(requireUser(req), req.params.id, req.body);
      return reply.status(201).send({ id: row.id });
    },
  );

  api.get(
    '/api/v1/projects/:id/bids',
    {
      schema: {
        tags: ['projects'],
        summary:
          'A project’s bids: everyone sees the bidders; amounts, days and proposals only the owner, staff and each bidder for their own',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                freelancer: Type.Object({ username: Type.String(), displayName: Type.String(), sellerLevel: Type.String() }),
                status: Type.String(),
                shortlisted: Type.Union([Type.Boolean(), Type.Null()], { description: 'for the owner only' }),
                createdAt: Type.String(),
                amountCents: Type.Union([Type.Integer(), Type.Null()]),
                days: Type.Union([Type.Integer(), Type.Null()]),
                proposal: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const p = await services.projects.get(req.params.id, req.user ?? null);
      const d = await bids.pageData(req.user ?? null, p);
      return {
        items: d.items.map((b) => ({
          id: b.id,
          freelancer: { username: b.freelancer.username, displayName: b.freelancer.displayName, sellerLevel: b.freelancer.sellerLevel },
          status: b.status,
          shortlisted: d.viewer?.isOwner ? b.shortlisted : null,
          createdAt: b.createdAt.toISOString(),
          amountCents: b.full?.amountCents ?? null,
          days: b.full?.days ?? null,
          proposal: b.full?.proposal ?? null,
        })),
      };
    },
  );

  api.patch(
    '/api/v1/bids/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Edit your active bid while the project is open',
        security: bearer,
        params: IdParams,
        body: BidBody,
        response: { 200: BidSchema, ...errors },
      },
    },
    async (req) => view(await bids.edit(requireUser(req), req.params.id, req.body)),
  );

  api.post(
    '/api/v1/bids/:id/withdraw',
    {
      schema: {
        tags: ['projects'],
        summary: 'Withdraw your active bid (its slot frees at once)',
        security: bearer,
        params: IdParams,
        response: { 200: BidSchema, ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => view(await bids.withdraw(requireUser(req), req.params.id)),
  );

  api.post(
    '/api/v1/bids/:id/shortlist',
    {
      schema: {
        tags: ['projects'],
        summary: 'The project’s owner shortlists a bid (or takes it off the shortlist with `on: false`)',
        security: bearer,
        params: IdParams,
        body: Type.Object({ on: Type.Boolean() }),
        response: { 200: BidSchema, ...errors },
      },
    },
    async (req) => view(await bids.shortlist(requireUser(req), req.params.id, req.body.on)),
  );

  api.post(
    '/api/v1/projects/:id/hire',
    {
      schema: {
        tags: ['projects'],
        summary: 'Hire a bid: its amount moves from your balance to escrow and the work starts as an order (Idempotency-Key required)',
        description:
          'Answers `{orderId}`: from here the Orders operations apply (deliver, request-changes, complete — or it completes 7 days after delivery —, cancel, dispute, review). Refusals: `wallet.insufficient_funds` (422: deposit the difference first), `project.not_open` (another hire or a close won), `bid.not_found`, `trust.sanctioned_buying` (403), `project.freelancer_unavailable`, `idempotency.*`. An account whose e-mail address is not verified is refused (`account.email_unverified`, 403).',
        security: bearer,
        params: IdParams,
        body: Type.Object({ bidId: Id() }),
        response: { 201: Type.Object({ orderId: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await bids.hire(user, req.params.id, req.body.bidId, idempotencyOf(req, user, `projects.hire:${req.params.id}`, req.body));
      return reply.status(r.status).send(r.body);
    },
  );

  api.post(
    '/api/v1/projects/:id/close',
    {
      schema: {
        tags: ['projects'],
        summary: 'Close your open project without hiring (the bids end; their slots free at once)',
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => {
      const p = await bids.close(requireUser(req), req.params.id);
      return { id: p.id, status: p.status };
    },
  );

  api.get(
    '/api/v1/my/bids',
    {
      schema: {
        tags: ['projects'],
        summary: 'Your bids, newest first, with your active bids and your level’s limit',
        security: bearer,
        querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                bid: BidSchema,
                project: Type.Object({
                  id: Type.Integer(),
                  title: Type.String(),
                  status: Type.String(),
                  orderId: Type.Union([Type.Integer(), Type.Null()]),
                }),
              }),
            ),
            active: Type.Integer(),
            limit: Type.Union([Type.Integer(), Type.Null()], { description: 'null: no limit (expert)' }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await bids.mine(requireUser(req).id, req.query.status);
      if (req.query.status && !['active', 'hired', 'not_chosen', 'closed', 'withdrawn'].includes(req.query.status))
        throw new AppError('validation.failed', {}, { status: 'validation.field_invalid' });
      return {
        items: r.items.map((i) => ({ bid: view(i.bid), project: i.project })),
        active: r.active,
        limit: Number.isFinite(r.limit) ? r.limit : null,
      };
    },
  );
}
