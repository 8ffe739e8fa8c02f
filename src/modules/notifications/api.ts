import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { bearer, errorResponses, Id } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { stripIsolates, translate } from '../../platform/i18n/index.ts';
import { liveStream } from '../../platform/live.ts';
import { TOPICS } from './service.ts';

const errors = errorResponses;
const Settings = Type.Object(Object.fromEntries(TOPICS.map((t) => [t, Type.Boolean()])), {
  description: 'Mail on (true) or off per topic; in-app notifications are always on.',
});

/** The notifications part of the public API, and the live event stream (API.md "Conversations and notifications"). */
export function notificationsApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { notifications, messaging } = services;

  api.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first (`title` in the request’s language; `url` is a path on the site)',
        security: bearer,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 30 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                type: Type.String(),
                title: Type.String(),
                url: Type.String(),
                readAt: Type.Union([Type.String(), Type.Null()]),
                createdAt: Type.String(),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            unreadCount: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const [r, unreadCount] = await Promise.all([notifications.list(user.id, req.query), notifications.unreadCount(user.id)]);
      return {
        items: r.items.map((n) => ({
          id: n.id,
          type: n.type,
          title: stripIsolates(translate(req.locale, `notification.${n.type}`, n.params)),
          url: n.url,
          readAt: n.readAt ? n.readAt.toISOString() : null,
          createdAt: n.createdAt.toISOString(),
        })),
        nextCursor: r.nextCursor,
        unreadCount,
      };
    },
  );

  api.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: the given `ids`, or all of them without `ids`',
        security: bearer,
        body: Type.Object({ ids: Type.Optional(Type.Array(Id(), { maxItems: 100 })) }),
        response: { 200: Type.Object({ unreadCount: Type.Integer() }), ...errors },
      },
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
    },
    async (req) => ({ unreadCount: await notifications.markRead(requireUser(req).id, req.body.ids) }),
  );

  api.get(
    '/api/v1/notification-settings',
    { schema: { tags: ['notifications'], summary: 'Mail per topic', security: bearer, response: { 200: Settings, ...errors } } },
    async (req) => notifications.settings(requireUser(req).id),
  );

  api.put(
    '/api/v1/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Switch mail on or off per topic (topics left out keep their setting)',
        security: bearer,
        body: Type.Partial(Settings, { additionalProperties: false }),
        response: { 200: Settings, ...errors },
      },
    },
    async (req) => notifications.saveSettings(requireUser(req).id, req.body as Record<string, boolean>),
  );

  api.get(
    '/api/v1/events',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your live events as a `text/event-stream` (server-sent events)',
        description:
          'First `hello` `{unreadNotifications, unreadConversations}`, then as they happen: `message` `{conversationId, messageId, senderId, unreadConversations}` (read the text with GET …/messages?after=), `read` `{conversationId, userId, lastReadMessageId}` (a read receipt), `notification` `{id, type, url, unread}` or `{unread}` after a mark-read. A comment line every 25 s keeps the connection open; reconnect after a drop (`retry: 3000`). Events reach every server instance (PostgreSQL LISTEN/NOTIFY).',
        security: bearer,
        produces: ['text/event-stream'],
        response: { 401: errors[401] },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const [unreadNotifications, unreadConversations] = await Promise.all([
        notifications.unreadCount(user.id),
        messaging.unreadConversations(user.id),
      ]);
      liveStream(deps.live, req, reply, user.id, { unreadNotifications, unreadConversations });
    },
  );
}
