import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { MessageSchema } from '../messaging/index.ts';
import { ACTIONS, ORDER_STATES, type OrderAction } from './rules.ts';

const errors = errorResponses;
const idem = idempotencyOf;

const Event = Type.Object({
  kind: Type.String(),
  actor: Type.Union([Type.Literal('buyer'), Type.Literal('seller'), Type.Literal('staff'), Type.Literal('platform')]),
  message: Type.String(),
  fileIds: Type.Array(Type.Integer()),
  createdAt: Type.String(),
});

/** The orders part of the public API (API.md "Orders"). */
export function ordersApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { orders, messaging } = services;

  api.post(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Order a service, paid from your balance into escrow (Idempotency-Key required)',
        description:
          "Total = (price, or the chosen package's, + chosen add-ons) × quantity (1–10). Refusals: `order.package_unavailable` (422), `wallet.insufficient_funds` (422: deposit the difference first), `order.service_unavailable`, `order.own_service`, `idempotency.*`; `errors[]` for `quantity`, `addonIds`. An account whose e-mail address is not verified is refused (`account.email_unverified`, 403).",
        security: bearer,
        body: Type.Object({
          serviceId: Id(),
          quantity: Type.Optional(Type.Integer()),
          addonIds: Type.Optional(Type.Array(Id(), { maxItems: 10 })),
          package: Type.Optional(
            Type.String({
              maxLength: 20,
              description:
                "One of the service's packages by tier (`basic`, `standard`, `premium`; see `packages[]` of GET /api/v1/services/{id}): its current price, days and revisions are ordered. A tier the service does not offer: `order.package_unavailable` (422).",
            }),
          ),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), status: Type.String(), totalCents: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await orders.place(
        user,
        {
          serviceId: req.body.serviceId,
          quantity: req.body.quantity ?? 1,
          addonIds: req.body.addonIds ?? [],
          packageTier: req.body.package ?? null,
        },
        idem(req, user, 'orders.place', req.body, true),
      );
      return reply.status(r.status).send(r.body);
    },
  );

  api.get(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Your purchases (`as=buyer`, the default) or sales (`as=seller`), newest first, with counts per status',
        security: bearer,
        querystring: Type.Object({
          as: Type.Optional(Type.Union([Type.Literal('buyer'), Type.Literal('seller')])),
          status: Type.Optional(Type.Union(ORDER_STATES.map((s) => Type.Literal(s)))),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                status: Type.String(),
                title: Type.String(),
                totalCents: Type.Integer(),
                createdAt: Type.String(),
              }),
            ),
            counts: Type.Record(Type.String(), Type.Integer()),
            nextCursor: Type.Null(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await orders.list(requireUser(req).id, req.query.as ?? 'buyer', req.query.status);
      return {
        items: r.items.map((o) => ({
          id: o.id,
          status: o.status,
          title: o.title,
          totalCents: o.totalCents,
          createdAt: o.createdAt.toISOString(),
        })),
        counts: r.counts,
        nextCursor: null,
      };
    },
  );

  api.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'An order (its buyer, its seller, or staff — staff reads are audited)',
        security: bearer,
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            status: Type.String(),
            totalCents: Type.Integer(),
            deadlineAt: Type.Union([Type.String(), Type.Null()]),
            acceptBy: Type.Union([Type.String(), Type.Null()]),
            autoCompleteAt: Type.Union([Type.String(), Type.Null()]),
            kind: Type.String({ description: '`service` (bought from a service) or `project` (a hired bid)' }),
            serviceId: Type.Union([Type.Integer(), Type.Null()]),
            projectId: Type.Union([Type.Integer(), Type.Null()]),
            title: Type.String(),
            quantity: Type.Integer(),
            unitPriceCents: Type.Integer(),
            addons: Type.Array(
              Type.Object({ id: Type.Integer(), title: Type.String(), priceCents: Type.Integer(), extraDays: Type.Integer() }),
            ),
            deliveryDays: Type.Integer(),
            commissionBp: Type.Integer(),
            instructions: Type.String(),
            cancelRequestedBy: Type.Union([Type.String(), Type.Null()]),
            revisions: Type.Union([Type.Integer(), Type.Null()], {
              description: 'revisions included (a package’s, an offer’s); null: not counted',
            }),
            extension: Type.Union([Type.Object({ requestedBy: Type.String(), days: Type.Integer(), reason: Type.String() }), Type.Null()]),
            conversationId: Type.Union([Type.Integer(), Type.Null()]),
            role: Type.String(),
            events: Type.Array(Event),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const v = await orders.get(user, req.params.id, req.ip);
      const o = v.order;
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      const actor = (id: number | null) => (id === null ? 'platform' : id === o.buyerId ? 'buyer' : id === o.sellerId ? 'seller' : 'staff');
      return {
        id: o.id,
        status: o.status,
        totalCents: o.totalCents,
        deadlineAt: iso(o.deadlineAt),
        acceptBy: iso(o.acceptBy),
        autoCompleteAt: iso(o.autoCompleteAt),
        kind: o.kind,
        serviceId: o.serviceId,
        projectId: o.projectId,
        title: o.title,
        quantity: o.quantity,
        unitPriceCents: o.unitPriceCents,
        addons: o.addons,
        deliveryDays: o.deliveryDays,
        commissionBp: o.commissionBp,
        // The instructions are for the buyer after purchase (and the seller who wrote them).
        instructions: o.instructions,
        cancelRequestedBy: o.cancelRequestedBy,
        revisions: o.revisions,
        extension: o.extensionRequestedBy
          ? { requestedBy: o.extensionRequestedBy, days: o.extensionDays ?? 0, reason: o.extensionReason ?? '' }
          : null,
        conversationId: o.conversationId,
        role: v.role,
        events: v.events.map((e) => ({
          kind: e.kind,
          actor: actor(e.actorId) as 'buyer',
          message: e.message,
          fileIds: e.fileIds,
          createdAt: e.createdAt.toISOString(),
        })),
      };
    },
  );

  api.post(
    '/api/v1/orders/:id/:action',
    {
      schema: {
        tags: ['orders'],
        summary: `An action on the order: ${ACTIONS.join(', ')}`,
        description:
          '`deliver {message, fileIds[]}` (files: POST /api/v1/files), `request-changes {message}`, `cancel {reason?}` (the buyer alone: before the seller accepts, or once the delivery deadline passed), `request-cancel {reason}` / `accept-cancel` / `reject-cancel` (a cancellation both sides agree to), `request-extension {days, reason}` / `accept-extension` / `reject-extension` (either side asks to move the delivery deadline by 1–30 days while the work is in progress; the other answers; while one waits the buyer cannot cancel for lateness: `order.extension_waiting`), `dispute {reason}`. The wrong person or state: `order.forbidden` (403), `order.wrong_state` (409), `order.not_late` / `order.own_request` / `order.cancel_already_requested` (422), `order.conflict` (409: another action moved the order first). An optional Idempotency-Key makes a replay answer as the first time.',
        security: bearer,
        params: Type.Object({ id: Id(), action: Type.String({ maxLength: 30 }) }),
        body: Type.Object({
          message: Type.Optional(Type.String({ maxLength: 20_000 })),
          reason: Type.Optional(Type.String({ maxLength: 20_000 })),
          fileIds: Type.Optional(Type.Array(Id(), { maxItems: 50 })),
          days: Type.Optional(Type.Integer({ description: 'request-extension: 1–30 days' })),
        }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
      // `accept`, `complete`… need no body: a POST without one is an empty one.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
    },
    async (req) => {
      const user = requireUser(req);
      const action = req.params.action;
      if (action === 'review' || action === 'messages') throw new AppError('http.not_found');
      if (!(ACTIONS as readonly string[]).includes(action)) throw invalid({ action: 'validation.field_invalid' });
      return orders.act(
        user,
        req.params.id,
        action as OrderAction,
        req.body ?? {},
        idem(req, user, `orders.${action}:${req.params.id}`, req.body ?? {}, false),
      );
    },
  );

  api.get(
    '/api/v1/orders/:id/messages',
    {
      schema: {
        tags: ['orders'],
        summary: 'The order’s conversation (buyer and seller)',
        security: bearer,
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(MessageSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const v = await orders.access(user, req.params.id);
      if (!v.order.conversationId || v.role === 'staff') throw new AppError('order.not_found');
      const t = await messaging.thread(user, v.order.conversationId, { limit: 100 });
      return { items: t.items, nextCursor: t.olderCursor };
    },
  );

  api.post(
    '/api/v1/orders/:id/messages',
    {
      schema: {
        tags: ['orders'],
        summary: 'Write in the order’s conversation',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          body: Type.String({ maxLength: 20_000 }),
          fileIds: Type.Optional(Type.Array(Id(), { maxItems: 50 })),
        }),
        response: { 201: Type.Object({ message: MessageSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const v = await orders.access(user, req.params.id);
      if (!v.order.conversationId || v.role === 'staff') throw new AppError('order.not_found');
      const message = await messaging.send(user, v.order.conversationId, req.body.body, req.body.fileIds ?? []);
      return reply.status(201).send({ message });
    },
  );

  api.post(
    '/api/v1/orders/:id/review',
    {
      schema: {
        tags: ['orders'],
        summary: 'Review the other side of a completed order (1–5 each; double-blind until both are in or 10 days pass)',
        description:
          'The scores mean what the reviewer’s side can judge: a buyer rates the seller’s quality of work, communication and ' +
          'delivery on time; a seller rates the buyer’s clarity of the brief, communication and timely answers.',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          quality: Type.Integer({ description: 'A buyer: quality of the work. A seller: clarity of the brief.' }),
          communication: Type.Integer({ description: 'Communication (both sides).' }),
          onTime: Type.Integer({ description: 'A buyer: delivered on time. A seller: the buyer answered in good time.' }),
          comment: Type.Optional(Type.String({ maxLength: 5000 })),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const r = await orders.review(requireUser(req), req.params.id, { ...req.body, comment: req.body.comment ?? '' });
      return reply.status(201).send({ id: r.id });
    },
  );

  api.post(
    '/api/v1/orders/:id/tip',
    {
      schema: {
        tags: ['orders'],
        summary: 'Tip the seller of your completed order (no commission; once; Idempotency-Key required)',
        description:
          'From your available balance to the seller’s pending, cleared after the seller’s clearance days like earnings; the platform keeps nothing. Refusals: `order.forbidden` (403: not the buyer), `order.wrong_state` (409: not completed), `order.tip_exists` (422: tipped already), `wallet.insufficient_funds` (422), `idempotency.*`; `errors[]` for `amountCents` (`order.tip_range`: $1–$1,000, `order.tip_invalid`).',
        security: bearer,
        params: IdParams,
        body: Type.Object({ amountCents: Type.Integer() }),
        response: {
          201: Type.Object({ orderId: Type.Integer(), amountCents: Type.Integer(), availableAt: Type.String({ format: 'date-time' }) }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await orders.tip(
        user,
        req.params.id,
        req.body.amountCents,
        idem(req, user, 'orders.tip', { id: req.params.id, ...req.body }, true),
      );
      return reply.status(201).send(r);
    },
  );

  api.post(
    '/api/v1/reviews/:id/reply',
    {
      schema: {
        tags: ['orders'],
        summary: 'Answer a published review of you, once',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reply: Type.String({ maxLength: 20_000 }) }),
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (req) => orders.reply(requireUser(req), req.params.id, req.body.reply),
  );

  api.post(
    '/api/v1/admin/orders/:id/resolve',
    {
      schema: {
        tags: ['orders'],
        summary: 'Staff: end a dispute — release to the seller, refund the buyer, or split (`buyerCents` back to the buyer)',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          decision: Type.String({ maxLength: 20 }),
          buyerCents: Type.Optional(Type.Integer()),
          reason: Type.String({ maxLength: 5000 }),
        }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => orders.resolve(requireUser(req), req.params.id, req.body, req.ip),
  );
}
