import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { cursorOf, MAX_ID } from '../../platform/http/request.ts';
import { sendPrivateFile as sendAttachment } from '../../platform/http/uploads.ts';
import { FILES_PER_MESSAGE, MESSAGE_MAX } from './service.ts';

const errors = errorResponses;

export const MessageSchema = Type.Object({
  id: Type.Integer(),
  conversationId: Type.Integer(),
  sender: Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() }),
  body: Type.String(),
  files: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), size: Type.Integer(), type: Type.String() })),
  createdAt: Type.String(),
  removed: Type.Boolean({ description: 'Removed by staff for a violation (the text and files are gone).' }),
});

const SendBody = Type.Object({
  body: Type.String({ maxLength: 20_000, description: `Up to ${MESSAGE_MAX} characters; may be empty when files are attached.` }),
  fileIds: Type.Optional(
    Type.Array(Id(), {
      maxItems: 50,
      description: `Up to ${FILES_PER_MESSAGE} of your own uploads (POST /api/v1/files with purpose=attachment).`,
    }),
  ),
});

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 60 })),
});

/** The conversations part of the public API (API.md "Conversations and notifications"). */
export function messagingApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { messaging } = services;

  api.post(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Write to a user: opens (or reuses) the direct conversation with them',
        description:
          'Refusals: `messaging.user_not_found` (404), `messaging.self`, `messaging.blocked` (403: they blocked you), `messaging.you_blocked` (you blocked them: unblock first), `http.rate_limited` (429); field problems in `errors[]` (`body`: `messaging.body_required`, `messaging.body_too_long`; `files`: `messaging.file_invalid`).',
        security: bearer,
        body: Type.Object({ withUsername: Type.String({ minLength: 1, maxLength: 60 }), ...SendBody.properties }),
        response: { 201: Type.Object({ conversationId: Type.Integer(), message: MessageSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const r = await messaging.start(requireUser(req), req.body.withUsername, req.body.body, req.body.fileIds ?? []);
      return reply.status(201).send(r);
    },
  );

  api.get(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Your conversations, most recent activity first',
        security: bearer,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                kind: Type.String({ description: '`direct`, or what the conversation belongs to (`order`, …)' }),
                with: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]),
                lastMessage: Type.Union([MessageSchema, Type.Null()]),
                unreadCount: Type.Integer(),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await messaging.inbox(requireUser(req).id, req.query);
      return {
        items: r.items.map((i) => ({ ...i, with: i.with ? { username: i.with.username, displayName: i.with.displayName } : null })),
        nextCursor: r.nextCursor,
      };
    },
  );

  api.get(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'The thread, oldest first: the newest page, or older ones with `cursor`',
        description:
          'Only the people in the conversation can read it (anyone else: `messaging.not_found`). Each participant’s last read message id is given for read receipts. `after=<id>` gives the messages after that one (catching up after a live `message` event).',
        security: bearer,
        params: IdParams,
        querystring: Type.Object({ ...ListQuery.properties, after: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID })) }),
        response: {
          200: Type.Object({
            items: Type.Array(MessageSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Older messages: pass as `cursor`.' }),
            readers: Type.Array(Type.Object({ username: Type.String(), lastReadMessageId: Type.Integer() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const before = cursorOf(req.query.cursor);
      const t = await messaging.thread(user, req.params.id, { limit: req.query.limit, before, after: req.query.after });
      const people = await services.accounts.publicByIds(t.members.map((m) => m.userId));
      return {
        items: t.items,
        nextCursor: t.olderCursor,
        readers: t.members.map((m) => ({ username: people.get(m.userId)?.username ?? '', lastReadMessageId: m.lastReadMessageId })),
      };
    },
  );

  api.post(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Send a message in a conversation you take part in',
        security: bearer,
        params: IdParams,
        body: SendBody,
        response: { 201: Type.Object({ message: MessageSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const message = await messaging.send(requireUser(req), req.params.id, req.body.body, req.body.fileIds ?? []);
      return reply.status(201).send({ message });
    },
  );

  api.post(
    '/api/v1/conversations/:id/read',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Mark the conversation read up to its last message (the others see the read receipt)',
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ lastReadMessageId: Type.Integer() }), ...errors },
      },
    },
    async (req) => messaging.markRead(requireUser(req).id, req.params.id),
  );

  api.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Download an attachment (its uploader and the people of a conversation it was sent in)',
        security: bearer,
        params: IdParams,
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const f = await messaging.attachment(requireUser(req), req.params.id, req.ip);
      return sendAttachment(reply, f);
    },
  );

  for (const [method, summary] of [
    ['PUT', 'Block a user: they can no longer write to you'],
    ['DELETE', 'Unblock a user'],
  ] as const) {
    api.route({
      method,
      url: '/api/v1/blocks/:username',
      schema: {
        tags: ['conversations'],
        summary,
        security: bearer,
        params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: { 204: Type.Null(), ...errors },
      },
      handler: async (req, reply) => {
        const user = requireUser(req);
        const { username } = req.params as { username: string };
        if (method === 'PUT') await messaging.block(user, username);
        else await messaging.unblock(user, username);
        return reply.status(204).send(null);
      },
    });
  }
}
