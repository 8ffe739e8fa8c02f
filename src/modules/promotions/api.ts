import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { bearer, errorResponses as errors, Id } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { claimKey, completeKey, type IdempotencyKey, keyProblem, releaseKey } from '../../platform/idempotency.ts';
import { daysLeft } from './rules.ts';
import type { Promotion } from './service.ts';

const PromotionView = Type.Object({
  id: Type.Integer(),
  serviceId: Type.Integer(),
  state: Type.Union([Type.Literal('active'), Type.Literal('stopped'), Type.Literal('ended')], {
    description: 'active: shown now; stopped: its service is not live (paused, suspended…), the time left kept; ended',
  }),
  paidWith: Type.Union([Type.Literal('points'), Type.Literal('money'), Type.Literal('free')]),
  pointsSpent: Type.Integer(),
  centsPaid: Type.Integer(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time', description: 'when it ends while it runs (a stopped one keeps `remainingMs` instead)' }),
  remainingMs: Type.Union([Type.Integer(), Type.Null()]),
  daysLeft: Type.Integer(),
  impressions: Type.Integer(),
  clicks: Type.Integer(),
});

export const promotionView = (p: Promotion, now: Date) => ({
  id: p.id,
  serviceId: p.serviceId,
  state: p.state as 'active' | 'stopped' | 'ended',
  paidWith: p.paidWith as 'points' | 'money' | 'free',
  pointsSpent: p.pointsSpent,
  centsPaid: p.centsPaid,
  startsAt: p.startsAt.toISOString(),
  endsAt: p.endsAt.toISOString(),
  remainingMs: p.remainingMs,
  daysLeft: daysLeft({ state: p.state as 'active', endsAt: p.endsAt, remainingMs: p.remainingMs }, now),
  impressions: p.impressions,
  clicks: p.clicks,
});

/**
 * A promotion under an idempotency key (the API's header, a form's hidden field): a replay answers as the first time,
 * the same key with another request is 409. The service runs its own transaction, so the key is claimed before it
 * and its answer stored after; a refusal frees the key for a retry.
 */
export async function promoteOnce<T>(
  deps: Pick<Deps, 'db' | 'clock'>,
  idem: IdempotencyKey,
  fn: () => Promise<{ status: number; body: T }>,
) {
  const problem = keyProblem(idem.key);
  if (problem) throw new AppError(problem);
  const claim = await deps.db.transaction((tx) => claimKey<T>(tx, idem, deps.clock()));
  if ('replay' in claim) return claim.replay;
  let result: { status: number; body: T };
  try {
    result = await fn();
  } catch (err) {
    await releaseKey(deps.db, idem, claim.lease);
    throw err;
  }
  await completeKey(deps.db, idem, result, claim.lease);
  return result;
}

/** Promotions over the API (API.md "Points, levels, promotion, referrals"). */
export function promotionsApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { promotions } = services;

  api.post(
    '/api/v1/promotions',
    {
      schema: {
        tags: ['promotions'],
        summary: 'Promote one of your live services (sponsored in matching search results)',
        description:
          'Paid with points or from the available balance (platform revenue); an Expert seller’s free promotion of the month is used first (`paidWith: "free"`). ' +
          'Needs an `Idempotency-Key` header: a replay answers as the first time. 403 `promotion.forbidden` (not your service), 404 `service.not_found`, ' +
          '422 `promotion.not_live` (paused, draft, rejected, suspended), 409 `promotion.already_promoted`, 422 `points.insufficient` or `wallet.insufficient_funds`.',
        security: bearer,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: true }),
        body: Type.Object(
          {
            serviceId: Id(),
            // API.md: `pay` is "points" or "balance" (the available balance; the pages call it money).
            pay: Type.Union([Type.Literal('points'), Type.Literal('balance')], { description: 'points | balance (the available balance)' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: PromotionView, ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key) throw new AppError('idempotency.key_required');
      const r = await promoteOnce(deps, { userId: user.id, key, scope: 'POST /api/v1/promotions', request: req.body }, async () => ({
        status: 201,
        body: promotionView(
          await promotions.create(user, { serviceId: req.body.serviceId, payWith: req.body.pay === 'balance' ? 'money' : 'points' }),
          deps.clock(),
        ),
      }));
      return reply.status(r.status).send(r.body);
    },
  );

  api.get(
    '/api/v1/promotions',
    {
      schema: {
        tags: ['promotions'],
        summary: 'Your promotions, newest first, with their impressions and clicks',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(PromotionView) }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const now = deps.clock();
      return { items: (await promotions.mine(user.id)).map((p) => promotionView(p, now)) };
    },
  );
}
