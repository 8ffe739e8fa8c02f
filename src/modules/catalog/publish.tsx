import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { IMAGE_MAX_BYTES } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { sessionTokenOf } from '../../platform/http/cookies.ts';
import {
  csrfValid,
  emptyForm,
  type FormState,
  type FormValues,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { type FormUpload, readFormLists } from '../../platform/http/uploads.ts';
import { parseMoney } from '../../platform/money.ts';
import { asciiDigits } from '../../platform/text.ts';
import { categoryLabels } from '../../web/categories.tsx';
import { draftsOf, packageProblems, TIERS } from './packages.ts';
import { publishApi } from './publish-api.ts';
import { IMAGES_MAX, SERVICES_ALLOWED, serviceProblems } from './rules.ts';
import type { PackageDraft } from './schema.ts';
import { type ServiceRow, toDraft } from './service.ts';
import { draftOf, ModerationPage } from './views/moderation.tsx';
import { MyServicesPage, mainImageOf } from './views/my-services.tsx';
import type { PackagesInput } from './views/packages.tsx';
import { type AddonInput, emptyServiceForm, ServiceFormPage, type ServiceFormState } from './views/publish.tsx';

/** The service form's single-value fields, as the page names them. */
const SCALARS = ['title', 'categoryId', 'skills', 'description', 'price', 'deliveryDays', 'instructions'] as const;

/** Multipart limits of the service form: each image up to the upload limit, a few more files than allowed (to say so). */
const FORM_LIMITS = { fileSize: IMAGE_MAX_BYTES, files: IMAGES_MAX + 3, fields: 200, parts: 260, fieldSize: 64 * 1024 };

export type Upload = FormUpload;

function idParam(req: FastifyRequest): number {
  const id = parseId((req.params as { id: string }).id);
  if (id === null) throw new AppError('service.not_found');
  return id;
}

/** Arabic-Indic and Persian digits → ASCII, spaces and a dollar sign dropped. */
function asciiNumber(s: string | undefined): string {
  return asciiDigits(s ?? '').replace(/[\s$]/g, '');
}

/** Whole dollars typed in a form → cents (platform/money.ts); '' stays '' (nothing typed); anything else (12.5, "abc") is NaN, refused by the rules. */
function dollarsToCents(typed: string | undefined): number | '' {
  if (asciiNumber(typed) === '') return '';
  return parseMoney(typed, { whole: true }) ?? Number.NaN;
}

function wholeNumber(typed: string | undefined): number | '' {
  const s = asciiNumber(typed);
  if (s === '') return '';
  return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
}

/** Reads the service form: urlencoded (no files) or multipart, fields as lists, images as buffers checked later. */
async function readServiceForm(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string[]>; uploads: Upload[]; overflow: string | null }> {
  const { fields, uploads, overflow } = await readFormLists(req, 'images', FORM_LIMITS);
  return {
    fields,
    uploads: uploads.map((u) => (u.name ? u : { ...u, name: 'image' })),
    overflow: overflow === null ? null : overflow === 'FST_FILES_LIMIT' ? 'service.too_many_images' : 'http.too_large',
  };
}

/** The add-on rows that have anything typed in them, in order (fully empty rows are skipped). */
function addonRows(fields: Record<string, string[]>): AddonInput[] {
  const titles = fields.addonTitle ?? [];
  const prices = fields.addonPrice ?? [];
  const days = fields.addonDays ?? [];
  const rows: AddonInput[] = [];
  for (let i = 0; i < Math.max(titles.length, prices.length, days.length); i++) {
    const row = { title: (titles[i] ?? '').trim(), price: (prices[i] ?? '').trim(), days: (days[i] ?? '').trim() };
    if (row.title || row.price || row.days) rows.push(row);
  }
  return rows;
}

/** The packages section as typed: every tier's fields (kept on a refusal), `on` when the seller offers it. */
function packageInputs(fields: Record<string, string[]>): PackagesInput {
  const out: PackagesInput = {};
  for (const tier of TIERS) {
    const f = (k: string) => (fields[`pkg_${tier}_${k}`]?.at(-1) ?? '').trim();
    const row = {
      on: f('on') === '1',
      title: f('title'),
      description: f('description'),
      price: f('price'),
      days: f('days'),
      revisions: f('revisions'),
    };
    if (row.on || row.title || row.description || row.price || row.days) out[tier] = row;
  }
  return out;
}

/** The ids of the images kept (minus those ticked for removal), the chosen main image first. */
function keptImages(fields: Record<string, string[]>): number[] {
  const removed = new Set(fields.removeImage ?? []);
  const ids = (fields.imageIds ?? [])
    .filter((v) => !removed.has(v))
    .map(parseId)
    .filter((n, i, a): n is number => n !== null && a.indexOf(n) === i);
  const main = Number(fields.mainImage?.[0]);
  const at = ids.indexOf(main);
  if (at > 0) ids.unshift(...ids.splice(at, 1));
  return ids;
}

/** What the service is given from the form: typed strings turned into the API's shape (cents, numbers, lists). */
function serviceInput(values: FormValues, addons: AddonInput[], imageIds: number[], packages: PackagesInput): Record<string, unknown> {
  return {
    packages: TIERS.flatMap((tier) => {
      const p = packages[tier];
      if (!p?.on) return [];
      const price = dollarsToCents(p.price);
      const revisions = wholeNumber(p.revisions);
      return [
        {
          tier,
          title: p.title,
          description: p.description,
          priceCents: price === '' ? Number.NaN : price,
          deliveryDays: wholeNumber(p.days),
          revisions: revisions === '' ? null : revisions,
        },
      ];
    }),
    title: values.title ?? '',
    categoryId: values.categoryId ?? '',
    description: values.description ?? '',
    priceCents: dollarsToCents(values.price),
    deliveryDays: wholeNumber(values.deliveryDays),
    instructions: values.instructions ?? '',
    skills: values.skills ?? '',
    imageIds,
    addons: addons.map((a) => {
      const price = dollarsToCents(a.price);
      return { title: a.title, priceCents: price === '' ? Number.NaN : price, extraDays: wholeNumber(a.days) };
    }),
  };
}

/** The service's field names → the form's (the price is typed in dollars). */
function formErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k === 'priceCents' ? 'price' : k] = v;
  return out;
}

/** The form's state for a saved service: its proposed edit if one waits for review, else the service itself. */
function stateOf(s: ServiceRow, locale: 'ar' | 'en', live: PackageDraft[]): ServiceFormState {
  const d = s.pendingEdit ?? s;
  const packages: PackagesInput = {};
  for (const p of (s.pendingEdit ? s.pendingEdit.packages : undefined) ?? live)
    packages[p.tier] = {
      on: true,
      title: p.title,
      description: p.description,
      price: String(p.priceCents / 100),
      days: String(p.deliveryDays),
      revisions: p.revisions === null ? '' : String(p.revisions),
    };
  const n = (x: number) => (x ? String(x) : '');
  return {
    ...emptyServiceForm,
    values: {
      title: d.title,
      categoryId: d.categoryId ? String(d.categoryId) : '',
      skills: d.skills.join(locale === 'ar' ? '، ' : ', '),
      description: d.description,
      price: n(d.priceCents / 100),
      deliveryDays: n(d.deliveryDays),
      instructions: d.instructions,
    },
    addons: d.addons.map((a) => ({ title: a.title, price: n(a.priceCents / 100), days: n(a.extraDays) })),
    imageIds: [...d.imageIds],
    packages,
  };
}

/** The services publish pages (the seller's list and form, the moderators' queue) and API. */
export function publishRoutes(app: FastifyInstance, services: Services): void {
  const { catalog, accounts, files } = services;
  publishApi(app, services);

  // ——— images: at the file's random public id (never its sequential id). Public, with a year of caching, once a
  // published service shows it; before that only its seller and moderators load it, never cached (images.ts). Other
  // modules' kinds of images (a portfolio work's) are served here too, by the access rule they registered.
  // This path skips the session hook (public answers carry no cookie): the viewer is read only when it matters.
  const viewerOf = async (req: FastifyRequest): Promise<AuthUser | null> => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return accounts.resolveSession(auth.slice(7).trim(), 'api');
    const token = sessionTokenOf(req);
    return token ? accounts.resolveSession(token, 'web') : null;
  };
  for (const variant of ['full', 'thumb'] as const) {
    const path = variant === 'full' ? '/files/:publicId' : '/files/:publicId/thumb';
    app.get(path, {}, async (req: FastifyRequest, reply: FastifyReply) => {
      const row = await files.byPublicId((req.params as { publicId: string }).publicId);
      const access = row ? await catalog.imageAccessOf(row, () => viewerOf(req)) : null;
      const bytes = row && access ? await files.bytesOf(row, variant) : null;
      if (!row || !bytes) {
        // Not found for this viewer: not kept by a cache (the seller, or anyone once it is published, gets it).
        reply.header('cache-control', 'no-store');
        throw new AppError('http.not_found');
      }
      return reply
        .header('content-type', row.type)
        .header('cache-control', access === 'public' ? 'public, max-age=31536000, immutable' : 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(bytes);
    });
  }

  // ——— the seller's services ———
  const listView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const items = await catalog.bySeller(user.id, user, 200);
    const level = await accounts.sellerLevelOf(user.id);
    const allowed = SERVICES_ALLOWED[level] ?? SERVICES_ALLOWED.new;
    const used = items.filter((s) => s.status === 'pending' || s.status === 'published' || s.status === 'paused').length;
    const images = await files.publicIds(
      items.flatMap((s) => mainImageOf(s) ?? []),
      user.id,
    );
    return MyServicesPage({ c: viewCtx(req), items, images, level, allowed, used, state });
  };
  page(app, 'GET', '/my/services', async (req, reply) => sendHtml(reply, await listView(req, emptyForm)));
  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    form(app, `/my/services/:id/${action}`, {
      auth: true,
      render: listView,
      handle: async (req, _v, reply) => {
        await catalog.setPaused(requireUser(req), idParam(req), paused);
        return redirectTo(reply, '/my/services', paused ? 'publish.paused' : 'publish.resumed');
      },
    });
  }

  const formView = async (req: FastifyRequest, state: ServiceFormState, service: ServiceRow | null) =>
    ServiceFormPage({
      c: viewCtx(req),
      state,
      categories: await catalog.categoryTree(),
      service,
      // Only the seller's own images: ids typed into the form must not reveal another file's address.
      images: await files.publicIds(state.imageIds, requireUser(req).id),
    });

  /** The seller's own service (moderators see any in `get`, but only the seller edits). */
  const ownService = async (req: FastifyRequest, user: AuthUser): Promise<ServiceRow> => {
    const s = await catalog.get(idParam(req), user);
    if (s.sellerId !== user.id) throw new AppError('service.forbidden');
    return s;
  };

  /**
   * The service form's POST (multipart, so not the urlencoded form() helper): reads every field and file, checks the
   * CSRF token before storing anything, stores the images that pass (checked by content and size; a refused one
   * leaves nothing behind), then saves. On any refusal the form comes back with everything typed, the images
   * stored so far (hidden ids and thumbnails) and a translated message per field.
   */
  const save = async (req: FastifyRequest, reply: FastifyReply, existing: ServiceRow | null) => {
    const user = requireUser(req);
    const raw = await readServiceForm(req);
    const last = (k: string) => raw.fields[k]?.[raw.fields[k].length - 1];
    const values: FormValues = {};
    for (const k of SCALARS) if (last(k) !== undefined) values[k] = last(k) as string;
    const addons = addonRows(raw.fields);
    const packages = packageInputs(raw.fields);
    let imageIds = keptImages(raw.fields);
    const again = async (status: number, s: Partial<ServiceFormState>) =>
      sendHtml(reply, await formView(req, { ...emptyServiceForm, values, addons, packages, imageIds, ...s }, existing), status);

    if (!csrfValid(req, last('_csrf'))) return again(403, { formError: 'http.csrf' });
    if (raw.overflow === 'service.too_many_images') return again(400, { errors: { images: raw.overflow } });
    if (raw.overflow) return again(413, { formError: raw.overflow });

    const live = existing?.status === 'published' || existing?.status === 'paused';
    const submit = last('action') === 'submit' || existing?.status === 'pending';
    const refused: ServiceFormState['refused'] = [];
    const room = IMAGES_MAX - imageIds.length;
    const stored: number[] = [];
    for (const u of raw.uploads) {
      if (stored.length >= room) refused.push({ name: u.name, code: 'service.too_many_images', params: {} });
      else if (u.tooLarge) refused.push({ name: u.name, code: 'file.too_large', params: { max: '5 MB' } });
      else {
        try {
          stored.push((await files.saveImage(user.id, { name: u.name, bytes: u.bytes }, 'service_image')).id);
        } catch (err) {
          if (!(err instanceof AppError) || !err.fields.file) {
            await files.remove(user.id, stored);
            throw err;
          }
          refused.push({ name: u.name, code: err.fields.file, params: err.params });
        }
      }
    }
    imageIds = [...imageIds, ...stored];
    const input = serviceInput(values, addons, imageIds, packages);
    if (refused.length) {
      // Nothing is saved while an upload was refused; the other fields' problems are shown at the same time.
      const draft = toDraft(input);
      const others = { ...serviceProblems(draft, submit || live ? 'submit' : 'draft', true), ...packageProblems(draft.packages ?? []) };
      return again(400, { imageIds, errors: { ...formErrors(others), images: refused[0].code }, params: refused[0].params, refused });
    }
    try {
      const row = existing ? await catalog.update(user, existing.id, input, { submit }) : await catalog.create(user, input, { submit });
      if (live) return redirectTo(reply, '/my/services', 'publish.edit_submitted');
      if (row.status === 'draft') return redirectTo(reply, `/my/services/${row.id}/edit`, 'publish.saved_draft');
      return redirectTo(reply, '/my/services', 'publish.submitted');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') {
        // An unexpected failure: the images this request stored would belong to nothing.
        await files.remove(user.id, stored);
        throw err;
      }
      const fieldKeys = Object.keys(err.fields);
      return again(err.status, {
        imageIds,
        errors: formErrors(err.fields),
        formError: fieldKeys.length && err.code === 'validation.failed' ? null : err.code,
        params: err.params,
      });
    }
  };

  page(app, 'GET', '/my/services/new', async (req, reply) => {
    requireUser(req);
    return sendHtml(reply, await formView(req, emptyServiceForm, null));
  });
  page(app, 'POST', '/my/services/new', async (req, reply) => save(req, reply, null));
  page(app, 'GET', '/my/services/:id/edit', async (req, reply) => {
    const s = await ownService(req, requireUser(req));
    return sendHtml(reply, await formView(req, stateOf(s, req.locale, draftsOf(await catalog.packagesOf(s.id))), s));
  });
  page(app, 'POST', '/my/services/:id/edit', async (req, reply) => save(req, reply, await ownService(req, requireUser(req))));

  // ——— moderators ———
  const queueView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const items = await catalog.moderationQueue(user);
    const sellers = await accounts.publicByIds(items.map((s) => s.sellerId));
    return ModerationPage({
      c: viewCtx(req),
      items,
      categories: categoryLabels(await catalog.categoryTree(), req.locale),
      sellers,
      images: await files.publicIds(items.flatMap((s) => draftOf(s).imageIds)),
      state,
    });
  };
  page(app, 'GET', '/admin/services', async (req, reply) => sendHtml(reply, await queueView(req, emptyForm)));
  form(app, '/admin/services/:id/approve', {
    auth: true,
    render: queueView,
    handle: async (req, _v, reply) => {
      await catalog.approve(requireUser(req), idParam(req));
      return redirectTo(reply, '/admin/services', 'moderation.approved');
    },
  });
  form(app, '/admin/services/:id/reject', {
    auth: true,
    render: queueView,
    handle: async (req, v, reply) => {
      await catalog.reject(requireUser(req), idParam(req), v.reason ?? '');
      return redirectTo(reply, '/admin/services', 'moderation.rejected');
    },
  });
}

// ——— the JSON API (API.md "Services", `POST /api/v1/files`) ———
