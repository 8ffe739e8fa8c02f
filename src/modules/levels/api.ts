import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { REASON_MAX, REASON_MIN } from './rules.ts';
import type { LevelProgress } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const SellerProgress = Type.Object({
  level: Type.String({ description: 'new | level1 | level2 | level3 | expert' }),
  staffChosen: Type.Boolean({ description: 'Expert: given by staff, kept until staff take it back' }),
  done: Type.Object({
    salesCents: Type.Integer({ description: 'completed sales (orders and hired projects)' }),
    jobs: Type.Integer({ description: 'completed orders' }),
    rating: Nullable(Type.Number({ description: 'published average rating, 1–5' })),
  }),
  next: Nullable(
    Type.Object(
      { level: Type.String(), salesCents: Type.Integer(), jobs: Type.Integer(), rating: Type.Number() },
      { description: 'the next level and what it asks' },
    ),
  ),
  missing: Nullable(
    Type.Object(
      { salesCents: Type.Integer(), jobs: Type.Integer(), rating: Type.Number() },
      { description: 'still missing for `next` (0 = met)' },
    ),
  ),
  gives: Type.Object({
    servicesAllowed: Nullable(Type.Integer({ description: 'null = no limit' })),
    activeBids: Nullable(Type.Integer({ description: 'null = no limit' })),
    clearanceDays: Type.Integer(),
  }),
});

const BuyerProgress = Type.Object({
  level: Type.String({ description: 'new | level1 | level2 | level3 | vip' }),
  staffChosen: Type.Boolean({ description: 'VIP: given by staff, kept until staff take it back' }),
  done: Type.Object({
    spentCents: Type.Integer({
      description: 'released to sellers: completed orders and projects, contest prizes paid, the seller’s part of a split',
    }),
  }),
  next: Nullable(Type.Object({ level: Type.String(), spentCents: Type.Integer() })),
  missing: Nullable(Type.Object({ spentCents: Type.Integer() })),
});

const Progress = Type.Object({
  seller: SellerProgress,
  buyer: BuyerProgress,
  nextRecomputationAt: Type.String({
    format: 'date-time',
    description: 'the next daily recomputation (levels are also recomputed after every completed order)',
  }),
});

const progressView = (p: LevelProgress) => ({ ...p, nextRecomputationAt: p.nextRecomputationAt.toISOString() });

/** Level progress over the API, and staff's Expert and VIP. */
export function levelsApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { levels } = services;

  api.get(
    '/api/v1/me/level',
    {
      schema: {
        tags: ['levels'],
        summary: 'Your seller and buyer levels, what the next level asks and what is missing, and the next recomputation',
        security: bearer,
        response: { 200: Progress, ...errors },
      },
    },
    async (req) => progressView(await levels.progressOf(requireUser(req).id)),
  );

  api.put(
    '/api/v1/admin/users/:id/level',
    {
      schema: {
        tags: ['admin'],
        summary: 'Give or take back Expert (seller) or VIP (buyer), with a reason (admin); audited as `level.give` / `level.take_back`',
        description: `Given, the level stays through every recomputation until staff take it back; taken back, the user has the level their record earns now. \`reason\`: ${REASON_MIN}–${REASON_MAX} characters. 409 \`level.unchanged\` when the user already has (or has not) that level.`,
        security: bearer,
        params: IdParams,
        body: Type.Object({
          level: Type.String({ description: 'expert | vip' }),
          on: Type.Boolean({ description: 'true: give; false: take back' }),
          reason: Type.String({ maxLength: 10_000 }),
        }),
        response: { 200: Type.Object({ side: Type.String({ description: 'seller | buyer' }), level: Type.String() }), ...errors },
      },
    },
    async (req) => levels.setStaffLevel(requireUser(req), req.params.id, req.body, req.ip),
  );
}
