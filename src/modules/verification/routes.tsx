import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { originOf, pathId } from '../../platform/http/request.ts';
import { sendPrivateFile } from '../../platform/http/uploads.ts';
import { VerificationQueuePage } from './admin-views.tsx';
import { FILE_MAX_BYTES } from './rules.ts';
import type { Upload } from './service.ts';
import { VerificationPage } from './views.tsx';

/** The service's field names → the page form's. */
const FIELDS: Record<string, string> = { documentFileId: 'document', selfieFileId: 'selfie' };

/**
 * The page's request form (multipart): its text fields, and the files of the `document` and `selfie` inputs (one
 * each; anything else is read past). `tooLarge` names a file over 10 MB; `overflow` is set when the form had more
 * parts than any browser sends for it.
 */
async function readRequestForm(req: FastifyRequest) {
  const values: Record<string, string> = {};
  const uploads: { document: Upload | null; selfie: Upload | null } = { document: null, selfie: null };
  const tooLarge: string[] = [];
  if (!req.isMultipart()) {
    for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (typeof v === 'string') values[k] = v;
    return { values, uploads, tooLarge, overflow: false };
  }
  let overflow = false;
  try {
    const options = {
      limits: { fileSize: FILE_MAX_BYTES, files: 2, fields: 10, fieldSize: 4096, parts: 14 },
      throwFileSizeLimit: false,
    } as Parameters<FastifyRequest['parts']>[0];
    for await (const part of req.parts(options)) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        const which = part.fieldname === 'document' || part.fieldname === 'selfie' ? part.fieldname : null;
        if (!which || uploads[which] || (!part.filename && bytes.length === 0)) continue;
        if (part.file.truncated) tooLarge.push(which);
        else uploads[which] = { name: part.filename, bytes };
      } else if (typeof part.value === 'string') values[part.fieldname] = part.value;
    }
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 413) throw err;
    overflow = true;
  }
  return { values, uploads, tooLarge, overflow };
}

/**
 * Identity verification's pages: the user's /account/verification (status, request, replacement), the request's two
 * files for their sender and support staff (audited), and staff's queue at /admin/verifications with the decisions.
 */
export function verificationPages(app: FastifyInstance, services: Services): void {
  const { verification } = services;

  const userView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const { verifiedAt, request } = await verification.statusOf(user.id);
    return VerificationPage({ c: viewCtx(req), verifiedAt, request, state });
  };
  const queueView = async (req: FastifyRequest, state: FormState) =>
    VerificationQueuePage({ c: viewCtx(req), items: await verification.queue(requireUser(req)), now: new Date(), state });

  page(app, 'GET', '/account/verification', async (req, reply) => sendHtml(reply, await userView(req, emptyForm)));

  page(app, 'POST', '/account/verification', async (req, reply) => {
    const user = requireUser(req);
    const { values, uploads, tooLarge, overflow } = await readRequestForm(req);
    const kept = { documentKind: values.documentKind ?? '', fullName: values.fullName ?? '' };
    const again = async (status: number, errors: Record<string, string>, formError: string | null) =>
      sendHtml(reply, await userView(req, { values: kept, errors, formError, params: {} }), status);
    if (!csrfValid(req, values._csrf)) return again(403, {}, 'http.csrf');
    if (overflow) return again(400, {}, 'verification.files_invalid');
    if (tooLarge.length) return again(400, Object.fromEntries(tooLarge.map((f) => [f, 'verification.file_too_large'])), null);
    try {
      await verification.submitWithUploads(
        user,
        { documentKind: values.documentKind, fullName: values.fullName, replace: values.replace === '1' },
        uploads,
      );
      return redirectTo(reply, '/account/verification', 'verification.submitted');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [FIELDS[k] ?? k, v]));
      return again(err.status, errors, Object.keys(errors).length && err.code === 'validation.failed' ? null : err.code);
    }
  });

  // The request's files: their sender, and support staff (every reading audited); anyone else is told they do not exist.
  for (const which of ['document', 'selfie'] as const)
    page(app, 'GET', `/account/verification/:requestId/${which}`, async (req, reply) => {
      const id = pathId((req.params as { requestId: string }).requestId, 'verification.file_not_found');
      return sendPrivateFile(reply, await verification.file(req.user, id, which, req.ip));
    });

  page(app, 'GET', '/admin/verifications', async (req, reply) => sendHtml(reply, await queueView(req, emptyForm)));
  const idOf = (req: FastifyRequest) => pathId((req.params as { id: string }).id, 'verification.not_found');
  form(app, '/admin/verifications/:id/approve', {
    auth: true,
    render: queueView,
    handle: async (req, _v, reply) => {
      await verification.approve(requireUser(req), idOf(req), originOf(req));
      return redirectTo(reply, '/admin/verifications', 'verification.approved_flash');
    },
  });
  form(app, '/admin/verifications/:id/reject', {
    auth: true,
    render: queueView,
    handle: async (req, v, reply) => {
      await verification.reject(requireUser(req), idOf(req), v.reason ?? '', originOf(req), { revoke: v.revoke === '1' });
      return redirectTo(reply, '/admin/verifications', 'verification.rejected_flash');
    },
  });
}
