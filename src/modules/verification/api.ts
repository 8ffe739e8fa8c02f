import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { originOf } from '../../platform/http/request.ts';
import { DOCUMENT_KINDS, FULL_NAME_MAX, REASON_MAX } from './rules.ts';
import type { VerificationRequestRow } from './service.ts';

const DateOrNull = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const Request = Type.Object({
  id: Type.Integer(),
  status: Type.String({ description: 'pending | approved | rejected' }),
  documentKind: Type.String({ description: DOCUMENT_KINDS.join(' | ') }),
  fullName: Type.String(),
  replacing: Type.Boolean({ description: 'sent by a verified account to replace its document (the badge stays until staff decide)' }),
  createdAt: Type.String({ format: 'date-time' }),
  dueAt: Type.String({ format: 'date-time', description: 'support staff decide by then (3 business days, Sunday–Thursday)' }),
  decidedAt: DateOrNull,
  rejectReason: Type.Union([Type.String(), Type.Null()], { description: 'a rejected request: why (staff’s words)' }),
});

const Status = Type.Object({
  verified: Type.Boolean({ description: 'the account shows the verified-identity badge' }),
  verifiedAt: DateOrNull,
  request: Type.Union([Request, Type.Null()], { description: 'the latest request, or null when none was ever made' }),
});

const requestView = (r: VerificationRequestRow) => ({
  id: r.id,
  status: r.status,
  documentKind: r.documentKind,
  fullName: r.fullName,
  replacing: r.replacing,
  createdAt: r.createdAt.toISOString(),
  dueAt: r.dueAt.toISOString(),
  decidedAt: iso(r.decidedAt),
  rejectReason: r.rejectReason,
});

const Decision = Type.Object({ id: Type.Integer(), status: Type.String() });

/** Identity verification over the API: the user's own status and request, and support staff's decisions. */
export function verificationApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { verification } = services;

  api.get(
    '/api/v1/verification',
    {
      schema: {
        tags: ['verification'],
        summary: 'Your identity verification: whether the account is verified, and your latest request',
        security: bearer,
        response: { 200: Status, ...errors },
      },
    },
    async (req) => {
      const { verifiedAt, request } = await verification.statusOf(requireUser(req).id);
      return { verified: verifiedAt !== null, verifiedAt: iso(verifiedAt), request: request ? requestView(request) : null };
    },
  );

  api.post(
    '/api/v1/verification',
    {
      schema: {
        tags: ['verification'],
        summary: 'Ask support staff to verify your identity',
        description:
          'Upload the two files first with `POST /api/v1/files` (multipart field `file`, the default purpose `attachment`), then pass their ids. ' +
          'The document: a JPEG, PNG or WebP photo or a PDF; the selfie: a JPEG, PNG or WebP photo; each at most 10 MB, the type read from the file’s bytes, not its name. ' +
          'The files stay private: only you and support staff open them (every staff reading is audited); no other user ever sees them. ' +
          'Support staff decide within 3 business days; approval shows the verified badge, a rejection comes with a reason and you may try again.\n\n' +
          'Refusals: 400 `validation.failed` naming the field (`verification.kind_invalid`, `verification.name_length`, `verification.name_invalid`, `verification.file_invalid` — not your upload, `verification.document_type`, `verification.selfie_type`, `verification.file_too_large`, `verification.same_file`); ' +
          '409 `verification.pending` (a request is under review, also when two arrive at once) and `verification.already_verified` (a verified account sends `replace: true` to replace its document).',
        security: bearer,
        body: Type.Object(
          {
            documentKind: Type.String({ description: DOCUMENT_KINDS.join(' | '), maxLength: 40 }),
            fullName: Type.String({
              description: 'the full name as the document writes it, in Arabic or Latin letters',
              maxLength: FULL_NAME_MAX * 2,
            }),
            documentFileId: Id({ description: 'the id `POST /api/v1/files` answered for the document' }),
            selfieFileId: Id({ description: 'the id `POST /api/v1/files` answered for the selfie' }),
            replace: Type.Optional(Type.Boolean({ description: 'a verified account replacing its document' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Request, ...errors },
      },
    },
    async (req, reply) => {
      const row = await verification.submit(requireUser(req), req.body);
      return reply.status(201).send(requestView(row));
    },
  );

  api.post(
    '/api/v1/admin/verifications/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve an identity verification request (support staff): the account gets the verified badge',
        security: bearer,
        params: IdParams,
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const r = await verification.approve(requireUser(req), req.params.id, originOf(req));
      return { id: r.id, status: r.status };
    },
  );

  api.post(
    '/api/v1/admin/verifications/:id/reject',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reject an identity verification request with a reason the user reads (support staff)',
        description: '`revoke: true` also removes the badge of an account that was verified before (its replacement is refused).',
        security: bearer,
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ maxLength: REASON_MAX * 2 }), revoke: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const r = await verification.reject(requireUser(req), req.params.id, req.body.reason, originOf(req), { revoke: req.body.revoke });
      return { id: r.id, status: r.status };
    },
  );
}
