import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, type FilesService, isInlineSafe } from '../files.ts';

export interface FormUpload {
  name: string;
  bytes: Buffer;
  tooLarge: boolean;
}

/**
 * A page form that may carry files (multipart, or urlencoded without files): its text fields and at most
 * `maxFiles` files of ≤ 25 MB each; `tooMany` when more were sent. The empty file input of a form sent
 * without files is skipped.
 */
export async function readFormWithFiles(
  req: FastifyRequest,
  maxFiles: number,
): Promise<{ values: Record<string, string>; uploads: FormUpload[]; tooMany: boolean }> {
  const values: Record<string, string> = {};
  const uploads: FormUpload[] = [];
  let tooMany = false;
  if (!req.isMultipart()) {
    for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (typeof v === 'string') values[k] = v;
    return { values, uploads, tooMany };
  }
  const parts = req.parts({
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: maxFiles + 1, fields: 20, fieldSize: 64 * 1024 },
  } as Parameters<FastifyRequest['parts']>[0]);
  for await (const part of parts) {
    if (part.type === 'file') {
      const f = part as MultipartFile;
      const bytes = await f.toBuffer().catch(() => Buffer.alloc(0));
      if (!f.filename && bytes.length === 0) continue;
      if (uploads.length >= maxFiles) tooMany = true;
      else uploads.push({ name: f.filename, bytes, tooLarge: f.file.truncated });
    } else if (typeof part.value === 'string') values[part.fieldname] = part.value;
  }
  return { values, uploads, tooMany };
}

/**
 * A page form whose fields repeat (lists of ids, rows) and that may carry files in `fileField`: multipart, or
 * urlencoded without files. Fields come as lists in the order sent; each file is read whole (one over
 * `limits.fileSize` comes truncated, `tooLarge`); the empty file input of a form sent without files is
 * skipped. When a limit on parts, files or fields is passed, `overflow` is its code (`FST_FILES_LIMIT`…)
 * and what was read before it is kept.
 */
export async function readFormLists(
  req: FastifyRequest,
  fileField: string,
  limits: { fileSize: number; files: number; fields: number; fieldSize: number; parts?: number },
): Promise<{ fields: Record<string, string[]>; uploads: FormUpload[]; overflow: string | null }> {
  const fields: Record<string, string[]> = {};
  const uploads: FormUpload[] = [];
  const add = (k: string, v: string) => {
    if (!Object.hasOwn(fields, k)) fields[k] = [];
    fields[k].push(v);
  };
  if (!req.isMultipart()) {
    for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
      for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && x !== null) add(k, String(x));
    return { fields, uploads, overflow: null };
  }
  let overflow: string | null = null;
  try {
    const options = { limits, throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
    for await (const part of req.parts(options)) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== fileField || (!part.filename && bytes.length === 0)) continue;
        uploads.push({ name: part.filename, bytes, tooLarge: part.file.truncated });
      } else add(part.fieldname, String(part.value));
    }
  } catch (err) {
    const e = err as { code?: string; statusCode?: number };
    if (e.statusCode !== 413) throw err;
    overflow = e.code ?? 'FST_REQ_FILE_TOO_LARGE';
  }
  return { fields, uploads, overflow };
}

/**
 * Saves a form's uploads as `ownerId`'s private attachments (or as `save` stores them: images through
 * `files.saveImage`), then runs `act` with their ids. When a file is refused or `act` throws, the files saved so far
 * are removed again (no orphan) and the error is thrown on.
 */
export async function withSavedUploads<T>(
  files: Pick<FilesService, 'saveAttachment' | 'remove'>,
  ownerId: number,
  uploads: FormUpload[],
  act: (fileIds: number[]) => Promise<T>,
  save: (upload: FormUpload) => Promise<{ id: number }> = (u) => files.saveAttachment(ownerId, u),
): Promise<T> {
  const saved: number[] = [];
  try {
    for (const u of uploads) saved.push((await save(u)).id);
    return await act(saved);
  } catch (err) {
    await files.remove(ownerId, saved);
    throw err;
  }
}

/** Sends a private file: inline only for images; everything else as a download, never sniffed by the browser. */
export function sendPrivateFile(reply: FastifyReply, f: { row: { name: string; type: string }; bytes: Buffer }): FastifyReply {
  const inline = isInlineSafe(f.row.type);
  const ascii = f.row.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', inline ? f.row.type : 'application/octet-stream')
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.row.name)}`,
    )
    .send(f.bytes);
}
