import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { OFFER } from './rules.ts';
import { type OfferRow, offerState } from './service/offers.ts';

const Offer = Type.Object({
  id: Type.Integer(),
  conversationId: Type.Integer(),
  sellerId: Type.Integer(),
  buyerId: Type.Integer(),
  serviceId: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  description: Type.String(),
  priceCents: Type.Integer(),
  deliveryDays: Type.Integer(),
  revisions: Type.Integer(),
  status: Type.String({ description: 'open | accepted | declined | withdrawn | expired' }),
  orderId: Type.Union([Type.Integer(), Type.Null()]),
  expiresAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
});
const view = (o: OfferRow, now: Date) => ({
  id: o.id,
  conversationId: o.conversationId,
  sellerId: o.sellerId,
  buyerId: o.buyerId,
  serviceId: o.serviceId,
  title: o.title,
  description: o.description,
  priceCents: o.priceCents,
  deliveryDays: o.deliveryDays,
  revisions: o.revisions,
  status: offerState(o, now),
  orderId: o.orderId,
  expiresAt: o.expiresAt.toISOString(),
  createdAt: o.createdAt.toISOString(),
});

/** Custom offers in a direct conversation (issue 20): send, list, accept (paid into escrow: an order), decline, withdraw. */
export function offersApi(app: FastifyInstance, services: Services, deps: Pick<Deps, 'clock'>): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { offers } = services.orders;
  const now = () => deps.clock();

  api.post(
    '/api/v1/conversations/:id/offers',
    {
      schema: {
        tags: ['orders'],
        summary: 'Send a custom offer to the other member of a direct conversation',
        description: `Title ${OFFER.titleMin}–${OFFER.titleMax}, description ${OFFER.descriptionMin}–${OFFER.descriptionMax}, price $5–$10,000, 1–${OFFER.daysMax} days, 0–${OFFER.revisionsMax} revisions, optionally built on one of your published services; valid ${OFFER.validDays} days. Refusals: \`offer.not_direct\`, \`trust.contact_info\`, \`trust.sanctioned_selling\`; \`errors[]\` per field.`,
        security: bearer,
        params: IdParams,
        body: Type.Object({
          title: Type.String({ maxLength: 200 }),
          description: Type.String({ maxLength: 5000 }),
          priceCents: Type.Integer(),
          deliveryDays: Type.Integer(),
          revisions: Type.Optional(Type.Integer()),
          serviceId: Type.Optional(Type.Union([Id(), Type.Null()])),
        }),
        response: { 201: Offer, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(view(await offers.send(requireUser(req), req.params.id, req.body), now())),
  );

  api.get(
    '/api/v1/conversations/:id/offers',
    {
      schema: {
        tags: ['orders'],
        summary: 'The custom offers of a conversation you are in, newest first',
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Offer) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await offers.ofConversation(requireUser(req), req.params.id)).map((o) => view(o, now())) }),
  );

  api.post(
    '/api/v1/offers/:id/accept',
    {
      schema: {
        tags: ['orders'],
        summary: 'Accept a custom offer made to you: its price moves to escrow and the order starts (Idempotency-Key required)',
        description:
          'Refusals: `offer.forbidden` (not the buyer), `offer.expired` / `offer.accepted` / `offer.declined` / `offer.withdrawn` (422), `wallet.insufficient_funds` (422), `offer.seller_unavailable`, `account.email_unverified` (403), `idempotency.*`.',
        security: bearer,
        params: IdParams,
        response: { 201: Type.Object({ offerId: Type.Integer(), orderId: Type.Integer(), status: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      return reply
        .status(201)
        .send(await offers.accept(user, req.params.id, idempotencyOf(req, user, 'offers.accept', { id: req.params.id }, true)));
    },
  );

  for (const [action, how] of [
    ['decline', 'declined'],
    ['withdraw', 'withdrawn'],
  ] as const)
    api.post(
      `/api/v1/offers/:id/${action}`,
      {
        schema: {
          tags: ['orders'],
          summary: action === 'decline' ? 'Decline a custom offer made to you' : 'Withdraw a custom offer you made',
          security: bearer,
          params: IdParams,
          response: { 200: Offer, ...errorResponses },
        },
      },
      async (req) => view(await offers.close(requireUser(req), req.params.id, how), now()),
    );
}
