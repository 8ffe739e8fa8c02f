import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { page } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { sendPrivateFile } from '../../platform/http/uploads.ts';

/** How long a shared cache may keep a public preview: an entry withdrawn leaves the public's view within this. */
const PREVIEW_MAX_AGE = 300;

/**
 * The files of contest entries: the public's watermarked previews, and the originals for the entry's author, the
 * contest's owner and staff (RULES.md "Contests"); and the winners' final files, for the same parties.
 */
export function contestFilePages(app: FastifyInstance, services: Services): void {
  const { contestFiles } = services;

  // Under /files/ the session hook does not run (app.ts): the answer is the same for everyone, so caches may keep it.
  app.get('/files/:publicId/preview', {}, async (req: FastifyRequest, reply: FastifyReply) => {
    const found = await contestFiles.publicPreview((req.params as { publicId: string }).publicId);
    if (!found) {
      reply.header('cache-control', 'no-store');
      throw new AppError('http.not_found');
    }
    return reply
      .header('content-type', found.type)
      .header('cache-control', `public, max-age=${PREVIEW_MAX_AGE}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .send(found.bytes);
  });

  // An entry's original: its author, the contest's owner and staff (audited); anyone else is told it does not exist.
  page(app, 'GET', '/contests/entries/:id/files/:fileId', async (req, reply) => {
    const p = req.params as { id: string; fileId: string };
    const entryId = parseId(p.id);
    const fileId = parseId(p.fileId);
    if (entryId === null || fileId === null) throw new AppError('contest.file_not_found');
    return sendPrivateFile(reply, await contestFiles.original(req.user, entryId, fileId, req.ip));
  });

  // A handover's final file: its winner, the contest's owner and staff (audited); anyone else: not found.
  page(app, 'GET', '/contests/awards/:awardId/files/:fileId', async (req, reply) => {
    const p = req.params as { awardId: string; fileId: string };
    const awardId = parseId(p.awardId);
    const fileId = parseId(p.fileId);
    if (awardId === null || fileId === null) throw new AppError('contest.file_not_found');
    return sendPrivateFile(reply, await contestFiles.handoverFile(req.user, awardId, fileId, req.ip));
  });
}
