import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { APPEAL_DAYS } from './appeals.ts';

const Appeal = Type.Object({
  id: Type.Integer({ description: 'the refusal’s `attemptId`' }),
  context: Type.String(),
  status: Type.String({ description: '`pending` | `overturned` (the text was delivered) | `upheld`' }),
  body: Type.String(),
  appealedAt: Type.String({ format: 'date-time' }),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});

type Row = Awaited<ReturnType<Services['contactAppeals']['of']>>[number];
const view = (r: Row) => ({
  id: r.id,
  context: r.context,
  status: r.appeal ?? 'pending',
  body: r.appealBody ?? '',
  appealedAt: (r.appealedAt ?? r.createdAt).toISOString(),
  decisionNote: r.decisionNote,
});

/** Asking a moderator to review a contact-details refusal, and the moderators' decision (issue 20). */
export function contactAppealsApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { contactAppeals } = services;

  api.post(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['trust'],
        summary: 'Ask a moderator to review a message refused for contact details',
        description: `A message refused with \`trust.contact_info\` carries \`attemptId\` in its problem document. Send it with the same text and where it was going (\`conversationId\`, or \`to\` for a first message), within ${APPEAL_DAYS} days. A moderator who overturns it sends the message as written (without attachments) and the refusal stops counting toward a moderation case. Refusals: \`trust.appeal_not_found\` (404), \`trust.appeal_exists\`, \`trust.appeal_too_late\` (422), field \`body\` \`trust.appeal_text_changed\`.`,
        security: bearer,
        body: Type.Object({
          attemptId: Id(),
          body: Type.String({ maxLength: 5000 }),
          conversationId: Type.Optional(Id()),
          to: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: { 201: Appeal, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const raw = b.conversationId !== undefined ? { conversationId: b.conversationId } : { to: b.to ?? '' };
      const row = await contactAppeals.appeal(requireUser(req), b.attemptId, b.body, raw);
      return reply.status(201).send(view(row));
    },
  );

  api.get(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['trust'],
        summary: 'Your review requests, the newest first',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(Appeal) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await contactAppeals.of(requireUser(req).id)).map(view) }),
  );

  api.post(
    '/api/v1/admin/appeals/:id',
    {
      schema: {
        tags: ['trust'],
        summary: 'Decide a review request (moderators)',
        description:
          '`overturn` delivers the text and the refusal no longer counts toward a case (an open contact-details case under the threshold closes); `uphold` keeps the refusal. `note` (3–500) is read by the author. Refusals: `auth.forbidden` (403), `trust.appeal_decided` (another moderator decided), `trust.appeal_not_found`; a delivery that cannot happen now says why (`messaging.blocked`, `trust.sanctioned_messaging`).',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          decision: Type.Union([Type.Literal('overturn'), Type.Literal('uphold')]),
          note: Type.String({ maxLength: 500 }),
        }),
        response: { 200: Appeal, ...errorResponses },
      },
    },
    async (req) => view(await contactAppeals.decide(requireUser(req), req.params.id, req.body.decision, req.body.note, req.ip)),
  );
}
