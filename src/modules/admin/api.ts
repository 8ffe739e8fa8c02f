import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { cursorOf, originOf } from '../../platform/http/request.ts';

const errors = errorResponses;

const AuditItem = Type.Object({
  id: Type.Integer(),
  actor: Type.Union([Type.Object({ id: Type.Integer(), username: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  why: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** The admin part of the public API (admins only): the audit log search and legal disclosure exports. */
export function adminApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { admin } = services;

  api.get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Search the audit log (admin), newest first',
        description:
          "`actor`: a username or user id; `action`: exact (`user.view`), a family (`wallet` = `wallet.…`) or a prefix (`wallet.`, `wallet*`); `targetType` + `targetId`; `from`/`to`: YYYY-MM-DD (UTC, inclusive); `q`: text inside the row's data. Pages by `cursor` (the `nextCursor` of the previous page). Bad filters: `errors[]` for the field.",
        security: bearer,
        querystring: Type.Object({
          actor: Type.Optional(Type.String({ maxLength: 100 })),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          targetType: Type.Optional(Type.String({ maxLength: 100 })),
          targetId: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ maxLength: 20 })),
          to: Type.Optional(Type.String({ maxLength: 20 })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AuditItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (req) => {
      const r = await admin.auditTrail(requireUser(req), { ...req.query, cursor: cursorOf(req.query.cursor) });
      return {
        items: r.items.map((a) => ({
          id: a.id,
          actor: a.actorId === null ? null : { id: a.actorId, username: a.actorUsername },
          action: a.action,
          targetType: a.targetType,
          targetId: a.targetId,
          why: a.why,
          data: (a.data ?? {}) as Record<string, unknown>,
          ip: a.ip,
          createdAt: a.createdAt.toISOString(),
        })),
        nextCursor: r.nextCursor === null ? null : String(r.nextCursor),
      };
    },
  );

  api.post(
    '/api/v1/admin/users/:id/export',
    {
      schema: {
        tags: ['admin'],
        summary: "Export a user's data for a recorded legal request (admin); audited as `user.legal_export`",
        description:
          '`reference`: the legal request (e.g. court order number), 3–200 characters; `reason`: the requesting authority and purpose, 10–2000. The answer holds the account, profile, sessions, sign-ins, services, orders, reviews, conversations and sent messages, wallet (balances, ledger, deposits, withdrawals, freezes), projects (posted, bids), contests (held, entries, comments, private notes, handovers), works (items, likes given), verification (identity requests: metadata and file ids, never the files), favorites, help (votes), blog (articles written), contact attempts, moderation cases, sanctions, moderated content, reports and tickets; never password hashes, two-factor secrets, recovery codes or tokens.',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reference: Type.String({ maxLength: 1000 }), reason: Type.String({ maxLength: 10_000 }) }),
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errors },
      },
    },
    async (req, reply) => {
      const data = await admin.legalExport(requireUser(req), req.params.id, req.body, originOf(req));
      return reply.header('cache-control', 'no-store').send(data);
    },
  );
}
