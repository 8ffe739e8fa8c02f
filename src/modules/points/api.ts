import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors, Id } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { cursorOf } from '../../platform/http/request.ts';
import { GRANT_MAX, NOTE_MAX, NOTE_MIN, REASONS, sourceLink } from './rules.ts';
import type { PointsEntry } from './service.ts';

const Entry = Type.Object({
  id: Type.Integer(),
  delta: Type.Integer({ description: 'points added (positive) or taken (negative)' }),
  reason: Type.String({ description: `why: an earning, its reversal, a confirmed violation, or staff’s hand — ${REASONS.join(', ')}` }),
  source: Type.String({ description: 'what it came from: `order:42`, `review:7`, `vote:…`, `answer:…`, `violation:…`, `grant:…`' }),
  url: Type.Union([Type.String(), Type.Null()], { description: 'the source’s page on the site, when it has one' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'staff’s reason for a grant or a removal (plain text)' }),
  createdAt: Type.String({ format: 'date-time' }),
});

const entryView = (e: PointsEntry) => ({
  id: e.id,
  delta: e.delta,
  reason: e.reason,
  source: e.source,
  url: sourceLink(e.source),
  note: e.note,
  createdAt: e.createdAt.toISOString(),
});

/** Points over the API (API.md): your balance and statement; staff grant or remove points. */
export function pointsApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { points } = services;

  api.get(
    '/api/v1/points',
    {
      schema: {
        tags: ['points'],
        summary: 'Your points balance (the sum of your entries) and statement, newest first',
        security: bearer,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, 'x-finite': true })),
            cursor: Type.Optional(Type.String({ maxLength: 20, description: 'the `nextCursor` of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ balance: Type.Integer(), items: Type.Array(Entry), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const r = await points.statement(user.id, { limit: req.query.limit, cursor: cursorOf(req.query.cursor) });
      return { balance: r.balance, items: r.items.map(entryView), nextCursor: r.nextCursor === null ? null : String(r.nextCursor) };
    },
  );

  api.post(
    '/api/v1/admin/users/:id/points',
    {
      schema: {
        tags: ['points', 'admin'],
        summary: 'Grant (positive) or remove (negative) a user’s points with a reason (the `finance` permission), audited',
        description:
          `403 \`auth.forbidden\` without the finance permission; 404 \`account.not_found\`; 422 \`points.delta_invalid\` (zero, not whole, beyond ±${GRANT_MAX}), ` +
          `\`points.note_required\` (${NOTE_MIN}–${NOTE_MAX} characters), \`points.removal_exceeds\` (a removal past the balance). ` +
          'An `Idempotency-Key` header makes a repeated request one entry (`created: false` the second time).',
        security: bearer,
        params: Type.Object({ id: Id({ description: 'the user’s id' }) }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: true }),
        body: Type.Object(
          { delta: Type.Integer({ description: 'points to add (positive) or take (negative)' }), note: Type.String({ maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ balance: Type.Integer(), created: Type.Boolean() }), ...errors },
      },
    },
    async (req) =>
      points.grant(
        requireUser(req),
        { userId: req.params.id, delta: req.body.delta, note: req.body.note, key: req.headers['idempotency-key'] ?? null },
        req.ip,
      ),
  );
}
