import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { IMAGE_MAX_BYTES } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { csrfValid, type FormValues, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { type FormUpload, readFormLists, withSavedUploads } from '../../platform/http/uploads.ts';
import { emptyWorkForm, WorkFormPage, type WorkFormState } from './form-views.tsx';
import { IMAGES_MAX, WORK_IMAGE } from './rules.ts';
import type { WorkRow } from './service.ts';

const SCALARS = ['title', 'categoryId', 'description', 'skills', 'link', 'orderId', 'action'] as const;
const FORM_LIMITS = { fileSize: IMAGE_MAX_BYTES, files: IMAGES_MAX + 1, fields: 80, parts: 100, fieldSize: 64 * 1024 };

/** The ids of the images kept (minus those ticked for removal), the chosen cover first. */
function keptImages(fields: Record<string, string[]>): number[] {
  const removed = new Set(fields.removeImage ?? []);
  const ids = (fields.imageIds ?? [])
    .filter((v) => !removed.has(v))
    .map(parseId)
    .filter((n, i, a): n is number => n !== null && a.indexOf(n) === i);
  const cover = Number(fields.cover?.at(-1));
  const at = ids.indexOf(cover);
  if (at > 0) ids.unshift(...ids.splice(at, 1));
  return ids;
}

/** A saved work's fields as the form shows them. */
function valuesOf(w: WorkRow, locale: 'ar' | 'en'): FormValues {
  return {
    title: w.title,
    categoryId: w.categoryId ? String(w.categoryId) : '',
    description: w.description,
    skills: w.skills.join(locale === 'ar' ? '، ' : ', '),
    link: w.link ?? '',
    orderId: w.orderId ? String(w.orderId) : '',
  };
}

/**
 * Writing a work (`/works/new`, `/works/{id}/edit`): one multipart form with its images. The CSRF token is checked
 * before anything is stored; each image is re-encoded by `files.saveImage` (a `work_image`); when one is refused or
 * the save is, the images stored by this request are removed again (`withSavedUploads`: no orphan) and the form
 * comes back with everything typed and each field's reason.
 */
export function workFormPages(app: FastifyInstance, services: Services): void {
  const { works, files } = services;

  const formView = async (req: FastifyRequest, state: WorkFormState, work: WorkRow | null) => {
    const user = requireUser(req);
    const [categories, sales, images] = await Promise.all([
      services.catalog.categoryTree(),
      services.orders.list(user.id, 'seller', 'completed'),
      // Only the owner's own images: ids typed into the form must not reveal another file's address.
      files.publicIds(state.imageIds, user.id),
    ]);
    return (
      <WorkFormPage
        c={viewCtx(req)}
        state={state}
        categories={categories}
        work={work}
        images={images}
        sales={sales.items.map((o) => ({ id: o.id, title: o.title, completedAt: o.completedAt }))}
      />
    );
  };

  /** The owner's own work, not deleted, for its form. */
  const ownWork = async (user: AuthUser, req: FastifyRequest): Promise<WorkRow> => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('work.not_found');
    const w = await works.get(id, user);
    if (w.ownerId !== user.id) throw new AppError('work.forbidden');
    if (w.status === 'deleted') throw new AppError('work.not_found');
    return w;
  };

  /** An image of the form, stored as a work image; a refusal names the file and is the `images` field's. */
  const saveImage = (user: AuthUser) => async (u: FormUpload) => {
    try {
      return await files.saveImage(user.id, { name: u.name || 'image', bytes: u.bytes }, WORK_IMAGE);
    } catch (err) {
      if (err instanceof AppError && err.fields.file)
        throw invalid({ images: err.fields.file }, { ...err.params, file: u.name || 'image' });
      throw err;
    }
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, existing: WorkRow | null) => {
    const user = requireUser(req);
    const { fields, uploads, overflow } = await readFormLists(req, 'images', FORM_LIMITS);
    const last = (k: string) => fields[k]?.at(-1);
    const values: FormValues = {};
    for (const k of SCALARS) if (last(k) !== undefined) values[k] = last(k) as string;
    const kept = keptImages(fields);
    const again = async (status: number, s: Partial<WorkFormState>) =>
      sendHtml(reply, await formView(req, { ...emptyWorkForm, values, imageIds: kept, ...s }, existing), status);

    if (!csrfValid(req, last('_csrf'))) return again(403, { formError: 'http.csrf' });
    if (overflow === 'FST_FILES_LIMIT' || kept.length + uploads.length > IMAGES_MAX)
      return again(400, { errors: { images: 'work.too_many_images' } });
    if (overflow) return again(413, { formError: 'http.too_large' });
    const big = uploads.find((u) => u.tooLarge);
    if (big) return again(400, { errors: { images: 'file.too_large' }, params: { max: '5 MB', file: big.name || 'image' } });

    const publish = values.action === 'publish';
    try {
      const row = await withSavedUploads(
        files,
        user.id,
        uploads,
        (added) => {
          const input = { ...values, imageIds: [...kept, ...added] };
          return existing ? works.update(user, existing.id, input, { publish }) : works.create(user, input, { publish });
        },
        saveImage(user),
      );
      if (row.status === 'published')
        return redirectTo(reply, `/works/${row.id}`, existing ? 'works.saved_flash' : 'works.published_flash');
      return redirectTo(reply, `/works/${row.id}/edit`, 'works.draft_flash');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fieldKeys = Object.keys(err.fields);
      return again(err.status, {
        errors: err.fields,
        formError: fieldKeys.length && err.code === 'validation.failed' ? null : err.code,
        params: err.params,
      });
    }
  };

  page(app, 'GET', '/works/new', async (req, reply) => sendHtml(reply, await formView(req, emptyWorkForm, null)));
  page(app, 'POST', '/works/new', async (req, reply) => save(req, reply, null));
  page(app, 'GET', '/works/:id/edit', async (req, reply) => {
    const user = requireUser(req);
    const w = await ownWork(user, req);
    return sendHtml(reply, await formView(req, { ...emptyWorkForm, values: valuesOf(w, req.locale), imageIds: w.imageIds }, w));
  });
  page(app, 'POST', '/works/:id/edit', async (req, reply) => {
    const user = requireUser(req);
    return save(req, reply, await ownWork(user, req));
  });
}
