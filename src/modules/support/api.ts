import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { sendPrivateFile as sendTicketFile } from '../../platform/http/uploads.ts';
import {
  BODY_MAX,
  BODY_MIN,
  FILES_PER_TICKET_MESSAGE,
  SUBJECT_MAX,
  SUBJECT_MIN,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  TICKETS_PER_DAY,
} from './service.ts';

const errors = errorResponses;
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Person = Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() });

export const TicketSchema = Type.Object({
  id: Type.Integer(),
  category: Type.String({ description: `One of: ${TICKET_CATEGORIES.join(', ')}` }),
  subject: Type.String(),
  status: Type.String({ description: '`open` (waiting for support), `answered` (support replied) or `closed`' }),
  priority: Type.Integer({ description: '1 for level 3 and expert sellers (answered first), else 0' }),
  orderId: Type.Union([Type.Integer(), Type.Null()]),
  sanctionId: Type.Union([Type.Integer(), Type.Null()], { description: 'The sanction or warning appealed (category `appeal`).' }),
  user: Person,
  createdAt: Type.String(),
  updatedAt: Type.String({ description: 'Last activity' }),
  closedAt: Type.Union([Type.String(), Type.Null()]),
});

export const TicketMessageSchema = Type.Object({
  id: Type.Integer(),
  staff: Type.Boolean({ description: 'Written by support' }),
  author: Type.Union([Person, Type.Null()], { description: 'Null for support’s answers when the ticket’s owner reads them.' }),
  body: Type.String(),
  files: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), size: Type.Integer(), type: Type.String() })),
  createdAt: Type.String(),
});

const FileIds = Type.Optional(
  Type.Array(Id(), {
    maxItems: 50,
    description: `Up to ${FILES_PER_TICKET_MESSAGE} of your own uploads (POST /api/v1/files with purpose=attachment).`,
  }),
);

const Page = Type.Object({ items: Type.Array(TicketSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) });
const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 60 })),
});
const StatusOut = Type.Object({ id: Type.Integer(), status: Type.String() });

/** The complaints part of the public API: users' tickets, and support's queue. */
export function supportApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { support } = services;

  api.post(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['support'],
        summary: 'File a complaint (a support ticket)',
        description: `Refusals: field problems in \`errors[]\` (\`category\`: \`support.category_invalid\`; \`subject\`: \`support.subject_length\` (${SUBJECT_MIN}–${SUBJECT_MAX}); \`body\`: \`support.body_length\` (${BODY_MIN}–${BODY_MAX}); \`subject\`/\`body\`: \`trust.contact_info\` (contact details, recorded); \`orderId\`: \`support.order_invalid\` (not an order of yours as buyer or seller); \`sanctionId\`: \`support.sanction_required\`, \`support.sanction_invalid\` (an appeal names one of your own sanctions or warnings); \`files\`: \`support.too_many_files\`, \`support.file_invalid\`), and \`support.daily_limit\` (429: at most ${TICKETS_PER_DAY} new complaints in 24 hours).`,
        security: bearer,
        body: Type.Object({
          category: literals(TICKET_CATEGORIES),
          subject: Type.String({ maxLength: 1000 }),
          body: Type.String({ maxLength: 20_000 }),
          orderId: Type.Optional(Id()),
          sanctionId: Type.Optional(Id({ description: 'Required for category `appeal`.' })),
          fileIds: FileIds,
        }),
        response: { 201: StatusOut, ...errors },
      },
    },
    async (req, reply) => {
      const t = await support.file(requireUser(req), req.body);
      return reply.status(201).send({ id: t.id, status: t.status });
    },
  );

  api.get(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['support'],
        summary: 'Your complaints, latest activity first',
        security: bearer,
        querystring: ListQuery,
        response: { 200: Page, ...errors },
      },
    },
    async (req) => support.list(requireUser(req).id, req.query),
  );

  api.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags: ['support'],
        summary: 'A complaint with its messages, oldest first',
        description: 'For its owner, and for support staff (every reading is written to the audit log). Anyone else: `support.not_found`.',
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ ...TicketSchema.properties, messages: Type.Array(TicketMessageSchema) }), ...errors },
      },
    },
    async (req) => {
      const r = await support.get(requireUser(req), req.params.id, req.ip);
      return { ...r.ticket, messages: r.messages };
    },
  );

  api.post(
    '/api/v1/tickets/:id/messages',
    {
      schema: {
        tags: ['support'],
        summary: 'Reply in a complaint',
        description:
          'The owner’s reply re-opens the ticket (status `open`, also when it was closed); support’s reply sets it `answered` and notifies the owner (audited; refused with `support.ticket_closed` (409) on a closed ticket). Field problems: `body`: `support.reply_required`, `support.body_too_long`, `trust.contact_info`; `files`: `support.too_many_files`, `support.file_invalid`.',
        security: bearer,
        params: IdParams,
        body: Type.Object({ body: Type.String({ maxLength: 20_000 }), fileIds: FileIds }),
        response: { 201: Type.Object({ id: Type.Integer(), status: Type.String(), message: TicketMessageSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const r = await support.reply(requireUser(req), req.params.id, req.body.body, req.body.fileIds ?? [], req.ip);
      return reply.status(201).send({ id: r.ticket.id, status: r.ticket.status, message: r.message });
    },
  );

  api.post(
    '/api/v1/tickets/:id/close',
    {
      schema: {
        tags: ['support'],
        summary: 'Close a complaint (its owner or support; closing a closed one changes nothing)',
        security: bearer,
        params: IdParams,
        response: { 200: StatusOut, ...errors },
      },
    },
    async (req) => support.close(requireUser(req), req.params.id, req.ip),
  );

  api.get(
    '/api/v1/tickets/files/:id',
    {
      schema: {
        tags: ['support'],
        summary: 'Download a file sent in a complaint (its owner, or support: audited)',
        security: bearer,
        params: IdParams,
        response: { ...errors },
      },
    },
    async (req, reply) => sendTicketFile(reply, await support.attachment(requireUser(req), req.params.id, req.ip)),
  );

  api.get(
    '/api/v1/admin/tickets',
    {
      schema: {
        tags: ['support'],
        summary: 'Support’s queue: tickets of a status (default open), priority users first, then the longest waiting',
        description: 'Support and admin roles only (others: `auth.forbidden`).',
        security: bearer,
        querystring: Type.Object({ ...ListQuery.properties, status: Type.Optional(literals(TICKET_STATUSES)) }),
        response: { 200: Page, ...errors },
      },
    },
    async (req) => support.queue(requireUser(req), req.query),
  );
}
