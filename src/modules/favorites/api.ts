import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { bearer, errorResponses as errors, Id } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { cursorOf } from '../../platform/http/request.ts';
import { FAVORITES_MAX } from './rules.ts';

const Params = Type.Object({
  kind: Type.String({ pattern: '^[a-z_]{1,20}$', description: 'service | user (a freelancer) | project | work (once works are on)' }),
  id: Id({ description: 'the item’s id (a user’s id for `user`)' }),
});
const Answer = Type.Object({ favorite: Type.Boolean() });

const Item = Type.Object({
  kind: Type.String(),
  id: Type.Integer({ description: 'the item’s id' }),
  savedAt: Type.String({ format: 'date-time' }),
  available: Type.Boolean({ description: 'false: the item went offline (unpublished, hidden, removed, deactivated)' }),
  title: Type.String({ description: 'its title now, or as it was saved when it is gone' }),
  url: Type.Union([Type.String(), Type.Null()], { description: 'its page; null when it is gone' }),
  priceCents: Type.Union([Type.Integer(), Type.Null()], { description: 'a service’s price now' }),
  savedPriceCents: Type.Union([Type.Integer(), Type.Null()], { description: 'a service’s price when it was saved' }),
  change: Type.Union([Type.Literal('price'), Type.Literal('gone'), Type.Null()], {
    description: '`price`: the price changed since it was saved; `gone`: no longer available',
  }),
});

/** Favourites over the API (API.md "Works, favourites, people"): save, take out, list by kind. */
export function favoritesApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { favorites } = services;
  const description =
    `Idempotent. 404 \`favorite.kind_not_found\` for a kind that is not registered, \`favorite.not_found\` for an item that is not there for you (a service not published, a project not visible, a deactivated account). ` +
    `Saving: 422 \`favorite.own\` for your own item; 422 \`favorite.limit\` past ${FAVORITES_MAX} favourites. Taking out works on a saved item that went offline.`;

  api.put(
    '/api/v1/favorites/:kind/:id',
    {
      schema: {
        tags: ['favorites'],
        summary: 'Save an item to your favourites',
        description,
        security: bearer,
        params: Params,
        response: { 200: Answer, ...errors },
      },
    },
    async (req) => ({ favorite: await favorites.add(requireUser(req), req.params.kind, req.params.id) }),
  );

  api.delete(
    '/api/v1/favorites/:kind/:id',
    {
      schema: {
        tags: ['favorites'],
        summary: 'Take an item out of your favourites',
        description,
        security: bearer,
        params: Params,
        response: { 200: Answer, ...errors },
      },
    },
    async (req) => ({ favorite: await favorites.remove(requireUser(req), req.params.kind, req.params.id) }),
  );

  api.get(
    '/api/v1/favorites',
    {
      schema: {
        tags: ['favorites'],
        summary: 'Your favourites of one kind, newest first, each saying what changed since it was saved',
        security: bearer,
        querystring: Type.Object(
          {
            kind: Type.String({ pattern: '^[a-z_]{1,20}$', description: 'service | user | project (| work)' }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, 'x-finite': true })),
            cursor: Type.Optional(Type.String({ maxLength: 20, description: 'the `nextCursor` of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Item), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!favorites.hasKind(req.query.kind)) throw new AppError('favorite.kind_not_found');
      const r = await favorites.list(user, req.query.kind, { limit: req.query.limit, cursor: cursorOf(req.query.cursor) });
      return {
        items: r.items.map(({ row, item, change }) => ({
          kind: row.kind,
          id: row.targetId,
          savedAt: row.createdAt.toISOString(),
          available: item !== null,
          title: item?.title ?? row.snapshot.title,
          url: item?.url ?? null,
          priceCents: item?.priceCents ?? null,
          savedPriceCents: row.snapshot.priceCents ?? null,
          change: change?.kind ?? null,
        })),
        nextCursor: r.nextCursor === null ? null : String(r.nextCursor),
      };
    },
  );
}
