import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { DECISIONS, REPORT_REASONS, REPORT_TARGETS } from './moderation.ts';
import { SANCTION_SCOPES } from './service.ts';

const errors = errorResponses;

const SanctionSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: '`warning` or `sanction`' }),
  scopes: Type.Array(Type.String(), { description: `\`full\` or some of ${SANCTION_SCOPES.map((s) => `\`${s}\``).join(', ')}` }),
  reason: Type.String(),
  endsAt: Type.Union([Type.String(), Type.Null()], { description: 'null: permanent' }),
  createdAt: Type.String(),
  liftedAt: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});

type Row = {
  id: number;
  kind: string;
  scopes: string[];
  reason: string;
  endsAt: Date | null;
  createdAt: Date;
  liftedAt: Date | null;
};
const view = (s: Row, now: Date) => ({
  id: s.id,
  kind: s.kind,
  scopes: s.scopes,
  reason: s.reason,
  endsAt: s.endsAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
  liftedAt: s.liftedAt?.toISOString() ?? null,
  active: s.kind === 'sanction' && !s.liftedAt && (!s.endsAt || s.endsAt > now),
});

/** Reports (API.md "Trust and safety"), the user's sanctions, and the moderators' operations. */
export function trustApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { moderation } = services;
  const now = () => deps.clock();

  api.post(
    '/api/v1/reports',
    {
      schema: {
        tags: ['trust'],
        summary: 'Report a piece of content or a profile (إبلاغ)',
        description: `\`targetType\` ∈ ${REPORT_TARGETS.join(', ')}; \`reason\` ∈ ${REPORT_REASONS.join(', ')} (\`other\` needs \`details\`). Refusals: \`report.target_not_found\` (404: missing, or not visible to you), \`report.own\` (422), \`report.duplicate\` (409: you reported it already), \`http.rate_limited\` (429); field problems \`report.reason_required\`, \`report.details_required\`, \`report.target_type_invalid\`.`,
        security: bearer,
        body: Type.Object({
          targetType: Type.String({ maxLength: 30 }),
          targetId: Id(),
          reason: Type.String({ maxLength: 40 }),
          details: Type.Optional(Type.String({ maxLength: 5000 })),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await moderation.report(requireUser(req), req.body)),
  );

  api.get(
    '/api/v1/me/sanctions',
    {
      schema: {
        tags: ['trust'],
        summary: 'Your warnings and sanctions (in force and past), newest first',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(SanctionSchema) }), ...errors },
      },
    },
    async (req) => ({ items: (await moderation.sanctionsOf(requireUser(req).id)).map((s) => view(s, now())) }),
  );

  api.get(
    '/api/v1/admin/reports',
    {
      schema: {
        tags: ['trust'],
        summary: 'The moderators’ queue: open reports grouped by target, most reported first (moderator)',
        security: bearer,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                targetType: Type.String(),
                targetId: Type.Integer(),
                authorId: Type.Integer(),
                count: Type.Integer(),
                reasons: Type.Record(Type.String(), Type.Integer()),
                title: Type.Union([Type.String(), Type.Null()]),
                text: Type.Union([Type.String(), Type.Null()]),
                decisions: Type.Array(Type.String()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const items = await moderation.queue(requireUser(req));
      return {
        items: items.map((i) => ({
          targetType: i.targetType,
          targetId: i.targetId,
          authorId: i.authorId,
          count: i.count,
          reasons: i.reasons,
          title: i.content?.title ?? null,
          text: i.content?.text ?? null,
          decisions: ['dismiss', ...i.takeDowns, 'warn'],
        })),
      };
    },
  );

  api.post(
    '/api/v1/admin/reports/decide',
    {
      schema: {
        tags: ['trust'],
        summary: 'Decide every open report of a target (moderator): dismiss, hide, delete or warn, with a reason the author reads',
        description: `\`decision\` ∈ ${DECISIONS.join(', ')} (hide/delete only where the kind allows). Refusals: \`report.already_decided\` (422), \`trust.reason_required\` (field).`,
        security: bearer,
        body: Type.Object({
          targetType: Type.String({ maxLength: 30 }),
          targetId: Id(),
          decision: Type.String({ maxLength: 20 }),
          reason: Type.String({ maxLength: 5000 }),
        }),
        response: { 200: Type.Object({ decision: Type.String() }), ...errors },
      },
    },
    async (req) => moderation.decide(requireUser(req), req.body, req.ip),
  );

  api.post(
    '/api/v1/admin/users/:id/sanctions',
    {
      schema: {
        tags: ['trust'],
        summary: 'Sanction a user (moderator): full or partial, until a date or permanent, with a reason',
        description:
          '`scopes`: `["full"]` or some of selling, buying, messaging, withdrawing, posting. `endsAt` (ISO date or time, in the future) or omitted for a permanent sanction; a permanent full ban freezes the whole balance. Refusals: `sanction.scopes_required`, `trust.reason_required`, `sanction.end_past`, `sanction.end_invalid` (fields), `sanction.self`, `auth.forbidden` (403).',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          scopes: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }),
          reason: Type.String({ maxLength: 5000 }),
          endsAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
        }),
        response: { 201: SanctionSchema, ...errors },
      },
    },
    async (req, reply) => {
      const s = await moderation.sanction(requireUser(req), req.params.id, req.body, req.ip);
      return reply.status(201).send(view(s, now()));
    },
  );

  api.post(
    '/api/v1/admin/sanctions/:id/lift',
    {
      schema: {
        tags: ['trust'],
        summary: 'Lift a sanction early (moderator), with a reason',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 5000 }) }),
        response: { 200: SanctionSchema, ...errors },
      },
    },
    async (req) => view(await moderation.lift(requireUser(req), req.params.id, req.body.reason, req.ip), now()),
  );
}
