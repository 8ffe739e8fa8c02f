import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES, imageUrl } from '../../platform/files.ts';
import { bearer, errorResponses, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import type { FormUpload as Upload } from '../../platform/http/uploads.ts';
import { draftsOf } from './packages.ts';
import { IMAGES_MAX } from './rules.ts';
import type { ServiceRow } from './service.ts';

const errors = errorResponses;

/**
 * What `POST /api/v1/files` may be asked to keep a file for: an attachment, or any kind of image the catalog serves
 * (service images, and the kinds other modules register: a portfolio work's `work_image`).
 */
type UploadPurpose = string;
const Decision = Type.Object({ id: Type.Integer(), status: Type.String() });

/** Generous outer bounds only: the rules give each field its own code (service.title_length, …) inside them. */
const ServiceBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000 })),
  // Checked by the service, which answers with its own code (service.category_invalid) for any id that is no subcategory.
  categoryId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  description: Type.Optional(Type.String({ maxLength: 50_000 })),
  priceCents: Type.Optional(Type.Integer({ description: 'whole dollars, $5 to $1,000' })),
  deliveryDays: Type.Optional(Type.Integer({ description: '1 to 90' })),
  instructions: Type.Optional(Type.String({ maxLength: 20_000 })),
  skills: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
  addons: Type.Optional(
    Type.Array(
      Type.Object({
        title: Type.String({ maxLength: 1000 }),
        priceCents: Type.Integer(),
        extraDays: Type.Optional(Type.Integer()),
      }),
      { maxItems: 100, description: 'up to 10: title 3–100 characters, price ≥ $5 in whole dollars, 0–30 extra days' },
    ),
  ),
  packages: Type.Optional(
    Type.Array(
      Type.Object({
        tier: Type.String({ maxLength: 20, description: 'basic | standard | premium, each at most once; basic whenever any' }),
        title: Type.String({ maxLength: 1000, description: '3–60 characters' }),
        description: Type.String({ maxLength: 10_000, description: 'what is included, 10–600 characters' }),
        priceCents: Type.Integer({ description: 'whole dollars, $5 to $1,000, rising basic < standard < premium' }),
        deliveryDays: Type.Integer({ description: '1 to 90' }),
        // Null first: the validator's type coercion would read null as 0 for an integer.
        revisions: Type.Union([Type.Null(), Type.Integer()], { description: '0 to 10, or null: unlimited' }),
      }),
      {
        maxItems: 3,
        description:
          'Optional packages (left out: kept as they are; `[]`: none). With packages, `priceCents` and `deliveryDays` of the service become the basic package’s. Problems under `packages.<tier>.<field>` (e.g. `packages.standard.priceCents`: `service.package_price_order`) or `packages`.',
      },
    ),
  ),
  imageIds: Type.Optional(
    Type.Array(Id(), {
      maxItems: 100,
      description:
        `The service's images, in order: the first is the main image (the one lists and cards show). 1 to ${IMAGES_MAX} to submit, ` +
        'none needed for a draft. Each must be your own image uploaded first with `POST /api/v1/files` and `purpose=service_image` (the id it ' +
        'answers); an attachment or someone else’s image is refused. Problems come back under the field `images`: `service.image_required`, ' +
        '`service.too_many_images`, `service.image_invalid`.',
    }),
  ),
});

const Addon = Type.Object({ title: Type.String(), priceCents: Type.Integer(), extraDays: Type.Integer() });
const PackageOut = Type.Object({
  tier: Type.String(),
  title: Type.String(),
  description: Type.String(),
  priceCents: Type.Integer(),
  deliveryDays: Type.Integer(),
  revisions: Type.Union([Type.Integer(), Type.Null()], { description: 'null: unlimited' }),
});
const Draft = Type.Object({
  title: Type.String(),
  categoryId: Type.Union([Type.Integer(), Type.Null()]),
  description: Type.String(),
  priceCents: Type.Integer(),
  deliveryDays: Type.Integer(),
  instructions: Type.String(),
  skills: Type.Array(Type.String()),
  imageIds: Type.Array(Type.Integer()),
  addons: Type.Array(Addon),
  packages: Type.Optional(Type.Array(PackageOut, { description: 'in a pending edit: the packages it proposes' })),
});
const SellerService = Type.Object({
  id: Type.Integer(),
  status: Type.String({ description: 'draft | pending | published | rejected | paused' }),
  ...Draft.properties,
  addons: Type.Array(Type.Object({ id: Type.Integer(), ...Addon.properties })),
  packages: Type.Optional(Type.Array(PackageOut, { description: 'the live packages (GET /api/v1/me/services/{id})' })),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  pendingEdit: Type.Union([Draft, Type.Null()], { description: 'an edit of a live service waiting for review' }),
  sellerId: Type.Integer(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const QueueItem = Type.Object({
  ...SellerService.properties,
  seller: Type.Union([Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() }), Type.Null()]),
});

function sellerView(s: ServiceRow) {
  return {
    id: s.id,
    status: s.status,
    title: s.title,
    categoryId: s.categoryId,
    description: s.description,
    priceCents: s.priceCents,
    deliveryDays: s.deliveryDays,
    instructions: s.instructions,
    skills: s.skills,
    imageIds: s.imageIds,
    addons: s.addons,
    rejectReason: s.rejectReason,
    pendingEdit: s.pendingEdit ?? null,
    sellerId: s.sellerId,
    publishedAt: s.publishedAt ? s.publishedAt.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The version an edit starts from: the proposed edit if one waits, else the service. */
function currentDraft(s: ServiceRow): Record<string, unknown> {
  const { title, categoryId, description, priceCents, deliveryDays, instructions, skills, imageIds, addons } = s.pendingEdit ?? s;
  const pending = s.pendingEdit?.packages ? { packages: s.pendingEdit.packages } : {};
  return { title, categoryId, description, priceCents, deliveryDays, instructions, skills, imageIds, addons, ...pending };
}

/** The services part of the public API (API.md "Services") and `POST /api/v1/files`. */
export function publishApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog, files, accounts } = services;

  api.post(
    '/api/v1/files',
    {
      schema: {
        tags: ['files'],
        summary:
          'Upload an image (a service’s or a portfolio work’s) or a private attachment (multipart field `file`, optional field `purpose`)',
        description:
          '`purpose` (a text field, before or after the file) says what the file is for:\n\n' +
          '- `attachment` (the default when left out: private unless said otherwise): see below.\n' +
          '- `service_image`: PNG, JPEG, WebP or GIF, checked by content, up to 5 MB. The image is re-encoded (metadata such as GPS positions dropped) with a thumbnail, and served at `url` (`/files/{publicId}`) and `thumbUrl` (`/files/{publicId}/thumb`), addresses with a random public id (not `id`, which is what `imageIds` takes). Until a published service shows it, only you (and moderators, once a service of yours shows it) can load it, with `cache-control: private, no-store`; then everyone, cached for a year.\n' +
          '- `work_image`: a portfolio work’s image (`imageIds` of `POST /api/v1/works`), the same checks and addresses; public once a published work shows it.\n' +
          '- `attachment`: any document, archive or media file up to 25 MB, kept byte for byte, for a message or an order delivery. Programs, scripts, web pages and SVG images are refused, by content and by name (`file.blocked_type`). The answer has no `url`: an attachment is only reachable through the conversation or order it is attached to. `type` is decided from the content (`application/octet-stream` when unknown).\n\n' +
          'Refusals in `errors[]`: `file.missing`, `file.empty`, `file.not_image`, `file.too_large`, `file.blocked_type` (field `file`); `validation.field_invalid` (field `purpose`) for any other purpose.',
        consumes: ['multipart/form-data'],
        security: bearer,
        response: {
          201: Type.Object({
            id: Type.Integer(),
            name: Type.String(),
            size: Type.Integer(),
            type: Type.String(),
            url: Type.Optional(Type.String({ description: 'images only' })),
            thumbUrl: Type.Optional(Type.String({ description: 'images only' })),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!req.isMultipart()) throw invalid({ file: 'file.missing' });
      let upload: Upload | null = null;
      let purpose: UploadPurpose | null = null;
      let badPurpose = false;
      // The purpose may come after the file: read up to the larger limit, then hold the file to its purpose's own.
      const options = { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 3, fields: 20 }, throwFileSizeLimit: false } as Parameters<
        FastifyRequest['parts']
      >[0];
      for await (const part of req.parts(options)) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || upload) {
            for await (const _ of part.file); // not ours: read past it without keeping it
            continue;
          }
          const bytes = await part.toBuffer();
          upload = { name: part.filename, bytes, tooLarge: part.file.truncated };
        } else if (part.fieldname === 'purpose') {
          const value = String(part.value);
          const known = value === 'attachment' || catalog.imageKinds().includes(value);
          if (known && (purpose === null || purpose === value)) purpose = value;
          else badPurpose = true;
        }
      }
      if (badPurpose) throw invalid({ purpose: 'validation.field_invalid' });
      // Private by default (policy: private data is never shown to anyone without the right): only a file
      // declared a service image is ever served publicly.
      const kind = purpose ?? 'attachment';
      if (!upload) throw invalid({ file: 'file.missing' });
      if (kind === 'attachment') {
        if (upload.tooLarge) throw invalid({ file: 'file.too_large' }, { max: '25 MB' });
        const f = await files.saveAttachment(user.id, upload, 'attachment');
        return reply.status(201).send({ id: f.id, name: f.name, size: f.size, type: f.type });
      }
      if (upload.tooLarge) throw invalid({ file: 'file.too_large' }, { max: '5 MB' });
      const f = await files.saveImage(user.id, upload, kind);
      return reply
        .status(201)
        .send({ id: f.id, name: f.name, size: f.size, type: f.type, url: imageUrl(f.publicId), thumbUrl: imageUrl(f.publicId, 'thumb') });
    },
  );

  api.post(
    '/api/v1/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Create a service: submitted for review (pending), or kept as a draft with `draft: true`',
        description:
          'A submission must meet every rule (RULES.md "Services") and the level’s limit of services live or in review (`service.limit_reached`); a draft only what could never be saved. Field problems come back in `errors[]` (e.g. `title`, `priceCents`, `addons.0.priceCents`, `images`).\n\n' +
          `A submission needs images: upload each one first with \`POST /api/v1/files\` (multipart \`file\`, \`purpose=service_image\`), then send their ids in \`imageIds\`, the main image first, 1 to ${IMAGES_MAX} (\`images\`: \`service.image_required\`, \`service.too_many_images\`, \`service.image_invalid\` for an id that is not your own service image). A draft may have none yet.\n\n` +
          'Contact details in any text (phone numbers, e-mail addresses, links, messaging handles) are refused with `code: "trust.contact_info"` at the top of the problem document, and `trust.contact_info` on each field that has them, in `errors[]` (400).',
        security: bearer,
        body: Type.Object({ ...ServiceBody.properties, draft: Type.Optional(Type.Boolean()) }),
        response: { 201: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const { draft, ...input } = req.body;
      const row = await catalog.create(requireUser(req), input, { submit: draft !== true });
      return reply.status(201).send({ id: row.id, status: row.status });
    },
  );

  api.patch(
    '/api/v1/services/:id',
    {
      schema: {
        tags: ['services'],
        summary: 'Edit a service (fields left out keep their value)',
        description:
          'A draft or rejected service changes in place; `submit: true` sends it for review. A published or paused one keeps its live version: the edit waits for review (`pendingEdit: true`) until a moderator approves it. A service in review stays in review.',
        security: bearer,
        params: IdParams,
        body: Type.Object({ ...ServiceBody.properties, submit: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String(), pendingEdit: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { submit, ...patch } = req.body;
      let input: Record<string, unknown> = patch;
      let inReview = false;
      try {
        const s = await catalog.get(req.params.id, user);
        if (s.sellerId === user.id) {
          input = { ...currentDraft(s), ...patch };
          inReview = s.status === 'pending';
        }
      } catch (err) {
        // Someone else's or a missing service: the update below says which (service.forbidden / service.not_found).
        if (!(err instanceof AppError)) throw err;
      }
      const row = await catalog.update(user, req.params.id, input, { submit: submit ?? inReview });
      return { id: row.id, status: row.status, pendingEdit: row.pendingEdit !== null };
    },
  );

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    api.post(
      `/api/v1/services/:id/${action}`,
      {
        schema: {
          tags: ['services'],
          summary: paused ? 'Pause a published service (buyers stop seeing it)' : 'Resume a paused service',
          security: bearer,
          params: IdParams,
          response: { 200: Decision, ...errors },
        },
      },
      async (req) => {
        const row = await catalog.setPaused(requireUser(req), req.params.id, paused);
        return { id: row.id, status: row.status };
      },
    );
  }

  api.get(
    '/api/v1/me/services',
    {
      schema: {
        tags: ['services'],
        summary: 'The seller’s own services in every state, with reject reasons and waiting edits',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(SellerService), nextCursor: Type.Null() }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { items: (await catalog.bySeller(user.id, user, 200)).map(sellerView), nextCursor: null };
    },
  );

  api.get(
    '/api/v1/me/services/:id',
    {
      schema: {
        tags: ['services'],
        summary: 'One of the seller’s own services (drafts included), to restore it in an editor',
        security: bearer,
        params: IdParams,
        response: { 200: SellerService, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const s = await catalog.get(req.params.id, user);
      if (s.sellerId !== user.id) throw new AppError('service.forbidden');
      return { ...sellerView(s), packages: draftsOf(await catalog.packagesOf(s.id)) };
    },
  );

  api.get(
    '/api/v1/admin/services',
    {
      schema: {
        tags: ['admin'],
        summary: 'The moderation queue: new services and edits of live ones, oldest first (moderator)',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(QueueItem), nextCursor: Type.Null() }), ...errors },
      },
    },
    async (req) => {
      const items = await catalog.moderationQueue(requireUser(req));
      const sellers = await accounts.publicByIds(items.map((s) => s.sellerId));
      return {
        items: items.map((s) => {
          const u = sellers.get(s.sellerId);
          return { ...sellerView(s), seller: u ? { id: u.id, username: u.username, displayName: u.displayName } : null };
        }),
        nextCursor: null,
      };
    },
  );

  api.post(
    '/api/v1/admin/services/:id/approve',
    {
      schema: {
        tags: ['admin'],
        summary: 'Approve a new service (it goes live) or an edit (it replaces the live version); the seller is mailed (moderator)',
        security: bearer,
        params: IdParams,
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const row = await catalog.approve(requireUser(req), req.params.id);
      return { id: row.id, status: row.status };
    },
  );

  api.post(
    '/api/v1/admin/services/:id/reject',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reject a new service or an edit with a reason the seller is mailed (moderator)',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }),
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const row = await catalog.reject(requireUser(req), req.params.id, req.body.reason);
      return { id: row.id, status: row.status };
    },
  );
}
