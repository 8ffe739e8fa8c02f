import { and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FilesService } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { searchDocument } from '../../platform/search/index.ts';
import { cleanLine } from '../../platform/text.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import type { CategoryNode } from '../../web/categories.tsx';
import type { NotificationsService } from '../notifications/index.ts';
import { type ContactMatch, contactFindings, scanContacts, type TrustService } from '../trust/index.ts';
import { homeReads } from './home-reads.ts';
import { imageAccess, imageKinds } from './images.ts';
import { catalogMail } from './mails.ts';
import { draftsOf, packageProblems, packagesOf, packageTexts, toPackageDrafts, withBasicPackage, writePackages } from './packages.ts';
import { mayManageCategories, mayReviewServices, maySeeAllOfSeller, maySeeService } from './policy.ts';
import { SERVICES_ALLOWED, type ServiceStatus, serviceProblems } from './rules.ts';
import { categories, type ServiceDraft, services } from './schema.ts';
import { relatedBySeller, type SearchQuery, searchServices } from './search.ts';
import { sellerReads } from './seller-reads.ts';
import { sponsoredReads } from './sponsored.ts';
import { synonymsUseCases } from './synonyms.ts';

export type ServiceRow = typeof services.$inferSelect;
type Staff = Pick<AuthUser, 'id' | 'roles'>;

export type { CategoryNode };

/** What the catalog needs to know about sellers, without reading the accounts module's tables. */
export interface Sellers {
  sellerLevelOf(userId: number, tx: DbOrTx): Promise<string>;
  contactOf(userId: number, tx: DbOrTx): Promise<{ email: string; name: string; locale: 'ar' | 'en' } | null>;
}

/** Turns loosely typed input (API JSON or a form) into a draft; anything malformed becomes a field error later. */
export function toDraft(input: Record<string, unknown>): ServiceDraft {
  const int = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,،\n]/) : [])
      .map((x) => cleanLine(String(x)))
      .filter(Boolean)
      .filter((x, i, a) => a.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);
  const addons = Array.isArray(input.addons) ? input.addons : [];
  return withBasicPackage({
    title: cleanLine(input.title),
    categoryId: input.categoryId === undefined || input.categoryId === null || input.categoryId === '' ? null : int(input.categoryId),
    description: typeof input.description === 'string' ? input.description.trim() : '',
    priceCents: input.priceCents === undefined || input.priceCents === '' ? 0 : int(input.priceCents),
    deliveryDays: input.deliveryDays === undefined || input.deliveryDays === '' ? 0 : int(input.deliveryDays),
    instructions: typeof input.instructions === 'string' ? input.instructions.trim() : '',
    skills: list(input.skills),
    imageIds: (Array.isArray(input.imageIds) ? input.imageIds : []).map(int).filter((n) => Number.isSafeInteger(n)),
    addons: addons.map((a) => {
      const o = (a ?? {}) as Record<string, unknown>;
      return {
        title: cleanLine(o.title),
        priceCents: int(o.priceCents),
        extraDays: o.extraDays === undefined || o.extraDays === '' ? 0 : int(o.extraDays),
      };
    }),
    // Absent (an API edit that does not name them): the service's packages stay as they are.
    packages: input.packages === undefined ? undefined : toPackageDrafts(input.packages),
  });
}

export function createCatalogService(
  deps: Deps,
  sellers: Sellers,
  files: FilesService,
  notifier: Pick<NotificationsService, 'notify'>,
  trust: Pick<TrustService, 'recordAttempt' | 'assertAllowed'>,
) {
  const { db, clock, config } = deps;

  async function leafCategory(
    tx: DbOrTx,
    id: number | null,
  ): Promise<{ id: number; parentId: number | null; nameAr: string; nameEn: string } | null> {
    // `categories.id` is a 4-byte integer: a larger id would be a database error, not a missing category.
    const cid = parseId(id);
    if (cid === null) return null;
    const [c] = await tx.select().from(categories).where(eq(categories.id, cid));
    return c && c.parentId !== null ? c : null;
  }

  async function searchTextOf(tx: DbOrTx, d: ServiceDraft): Promise<string> {
    const cat = await leafCategory(tx, d.categoryId);
    let names = '';
    if (cat) {
      const [parent] = await tx
        .select()
        .from(categories)
        .where(eq(categories.id, cat.parentId as number));
      names = [cat.nameAr, cat.nameEn, parent?.nameAr, parent?.nameEn].filter(Boolean).join(' ');
    }
    return searchDocument(d.title, d.skills.join(' '), names, d.description);
  }

  /** Validates a draft for saving or submitting; image ids must be the seller's own uploads. */
  async function check(tx: DbOrTx, sellerId: number, d: ServiceDraft, mode: 'draft' | 'submit') {
    const cat = d.categoryId ? await leafCategory(tx, d.categoryId) : null;
    const problems = { ...serviceProblems(d, mode, d.categoryId === null || cat !== null), ...packageProblems(d.packages ?? []) };
    // A category that is not a number at all (a crafted form) is refused even in a draft, never stored.
    if (d.categoryId !== null && !Number.isSafeInteger(d.categoryId)) problems.categoryId = 'service.category_invalid';
    const mine = await files.owned(tx, sellerId, d.imageIds, 'service_image');
    if (mine.length !== new Set(d.imageIds).size) problems.images = 'service.image_invalid';
    // Contact details may not be published (privacy policy): each text field is checked, naming what was found.
    const found = contactsIn(d);
    for (const field of Object.keys(found)) problems[field] = 'trust.contact_info';
    const names = Object.values(found).flatMap((ms) => ms.map((m) => m.text));
    if (Object.keys(problems).length) throw invalid(problems, { min: 10, max: 100, found: names.join('، ') });
  }

  /** Contact details in a draft's texts, by field. */
  function contactsIn(d: ServiceDraft): Record<string, ContactMatch[]> {
    const texts: [string, string][] = [
      ['title', d.title],
      ['description', d.description],
      ['instructions', d.instructions],
      ['skills', d.skills.join(' ، ')],
      ...d.addons.map((a, i): [string, string] => [`addons.${i}.title`, a.title]),
      ...packageTexts(d),
    ];
    const out: Record<string, ContactMatch[]> = {};
    for (const [field, text] of texts) {
      const scan = scanContacts(text);
      if (scan.contact) out[field] = scan.matches;
    }
    return out;
  }

  /** A refusal for contact details is recorded against the seller (outside the rolled-back transaction). */
  async function recordingContacts<T>(actor: AuthUser, d: ServiceDraft, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (contactFindings(err)) await trust.recordAttempt(actor.id, 'service', Object.values(contactsIn(d)).flat());
      throw err;
    }
  }

  async function countActive(tx: DbOrTx, sellerId: number, exceptId?: number): Promise<number> {
    const [r] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(services)
      .where(
        and(
          eq(services.sellerId, sellerId),
          inArray(services.status, ['pending', 'published', 'paused']),
          exceptId ? sql`${services.id} <> ${exceptId}` : undefined,
        ),
      );
    return r.n;
  }

  async function assertUnderLimit(tx: DbOrTx, sellerId: number, exceptId?: number) {
    const level = await sellers.sellerLevelOf(sellerId, tx);
    const allowed = SERVICES_ALLOWED[level] ?? SERVICES_ALLOWED.new;
    if ((await countActive(tx, sellerId, exceptId)) >= allowed) throw new AppError('service.limit_reached', { n: allowed });
  }

  function columns(d: ServiceDraft, previousAddons: { id: number }[] = []) {
    let next = previousAddons.reduce((m, a) => Math.max(m, a.id), 0);
    return {
      title: d.title,
      categoryId: d.categoryId,
      description: d.description,
      priceCents: d.priceCents,
      deliveryDays: d.deliveryDays,
      instructions: d.instructions,
      skills: d.skills,
      imageIds: d.imageIds,
      addons: d.addons.map((a) => ({ id: ++next, ...a })),
    };
  }

  async function owned(tx: DbOrTx, actor: AuthUser, id: number): Promise<ServiceRow> {
    const [s] = await tx.select().from(services).where(eq(services.id, id)).for('update');
    if (!s) throw new AppError('service.not_found');
    if (s.sellerId !== actor.id) throw new AppError('service.forbidden');
    return s;
  }

  async function notifySeller(tx: DbOrTx, s: ServiceRow, kind: 'approved' | 'rejected', reason = '') {
    await notifier.notify(tx, {
      userId: s.sellerId,
      type: `service.${kind}`,
      params: { title: s.title },
      url: kind === 'approved' ? `/services/${s.id}` : `/my/services/${s.id}/edit`,
      mail: (to) => catalogMail(kind, { ...to, baseUrl: config.baseUrl, serviceId: s.id, title: s.title, reason }),
    });
  }

  const service = {
    /** Published services matching a query (search.ts: Arabic-aware full text, trigram fallback, filters). */
    // Public reads that many visitors repeat (popular searches, a service page's seller box) are kept 15 s,
    // keyed on `version`: a write in this process shows at once; other instances see it within 15 s.
    // A search limited to given sellers ("online now") changes by the minute and is never kept.
    search: (q: SearchQuery) => (q.sellerIds ? searchServices(db, q) : cached(`search:${JSON.stringify(q)}`, () => searchServices(db, q))),
    relatedBySeller: (sellerId: number, exceptId: number, limit = 4) =>
      cached(`related:${sellerId}:${exceptId}:${limit}`, () => relatedBySeller(db, sellerId, exceptId, limit)),

    async categoryTree(): Promise<CategoryNode[]> {
      const rows = await db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
      const byParent = new Map<number | null, typeof rows>();
      for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
      const build = (parent: number | null): CategoryNode[] =>
        (byParent.get(parent) ?? []).map((r) => ({ id: r.id, slug: r.slug, nameAr: r.nameAr, nameEn: r.nameEn, children: build(r.id) }));
      return build(null);
    },

    /** When a seller's level changes (accounts), their services follow, for the level filter. */
    async syncSellerLevel(sellerId: number, level: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(services).set({ sellerLevel: level }).where(eq(services.sellerId, sellerId));
    },

    /** Admins add a category (no parent) or a subcategory; audited. */
    async saveCategory(
      actor: Staff,
      input: { id?: number; parentId?: number | null; slug: string; nameAr: string; nameEn: string; position?: number },
    ) {
      if (!mayManageCategories(actor)) throw new AppError('auth.forbidden');
      const slug = (input.slug ?? '').trim().toLowerCase();
      const nameAr = cleanLine(input.nameAr);
      const nameEn = cleanLine(input.nameEn);
      const fields: Record<string, string> = {};
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 60) fields.slug = 'category.slug_invalid';
      if (nameAr.length < 2 || nameAr.length > 60) fields.nameAr = 'category.name_invalid';
      if (nameEn.length < 2 || nameEn.length > 60) fields.nameEn = 'category.name_invalid';
      if (Object.keys(fields).length) throw invalid(fields);
      return db.transaction(async (tx) => {
        const parentId = input.parentId ?? null;
        if (parentId) {
          const [p] = await tx.select().from(categories).where(eq(categories.id, parentId));
          if (!p || p.parentId !== null) throw invalid({ parentId: 'category.parent_invalid' });
        }
        const [clash] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
        if (clash && clash.id !== input.id) throw invalid({ slug: 'category.slug_taken' });
        const values = { slug, nameAr, nameEn, parentId, position: input.position ?? 0 };
        let row: typeof categories.$inferSelect | undefined;
        if (input.id) {
          const [before] = await tx.select().from(categories).where(eq(categories.id, input.id));
          if (!before) throw new AppError('category.not_found');
          // A category's level does not change: services point at subcategories.
          if ((before.parentId === null) !== (parentId === null)) throw invalid({ parentId: 'category.parent_invalid' });
          [row] = await tx.update(categories).set(values).where(eq(categories.id, input.id)).returning();
        } else {
          [row] = await tx.insert(categories).values(values).returning();
        }
        await audit(tx, {
          actorId: actor.id,
          action: input.id ? 'category.update' : 'category.create',
          targetType: 'category',
          targetId: row.id,
          data: values,
        });
        return row;
      });
    },

    /** Admins remove a category nothing uses (no services, no subcategories); audited. */
    async deleteCategory(actor: Staff, id: number) {
      if (!mayManageCategories(actor)) throw new AppError('auth.forbidden');
      await db.transaction(async (tx) => {
        const [child] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.parentId, id)).limit(1);
        const [used] = await tx.select({ id: services.id }).from(services).where(eq(services.categoryId, id)).limit(1);
        if (child || used) throw new AppError('category.in_use');
        const gone = await tx.delete(categories).where(eq(categories.id, id)).returning({ id: categories.id });
        if (!gone.length) throw new AppError('category.not_found');
        await audit(tx, { actorId: actor.id, action: 'category.delete', targetType: 'category', targetId: id });
      });
    },

    /** A new service: saved as a draft, or submitted for review (status pending). */
    async create(actor: AuthUser, input: Record<string, unknown>, opts: { submit: boolean }): Promise<ServiceRow> {
      await trust.assertAllowed(actor.id, 'selling');
      const d = toDraft(input);
      const r = await recordingContacts(actor, d, () =>
        db.transaction(async (tx) => {
          await check(tx, actor.id, d, opts.submit ? 'submit' : 'draft');
          if (opts.submit) await assertUnderLimit(tx, actor.id);
          const [row] = await tx
            .insert(services)
            .values({
              sellerId: actor.id,
              status: opts.submit ? 'pending' : 'draft',
              ...columns(d),
              sellerLevel: await sellers.sellerLevelOf(actor.id, tx),
              searchText: await searchTextOf(tx, d),
            })
            .returning();
          await writePackages(tx, row.id, d.packages);
          return row;
        }),
      );
      return r;
    },

    /**
     * Edits a service. A draft or rejected service changes in place (and may be submitted). A published or
     * paused one keeps its live version: the edit waits in `pendingEdit` until a moderator approves it.
     */
    async update(actor: AuthUser, id: number, input: Record<string, unknown>, opts: { submit: boolean }): Promise<ServiceRow> {
      await trust.assertAllowed(actor.id, 'selling');
      let d = toDraft(input);
      return recordingContacts(actor, d, () =>
        db.transaction(async (tx) => {
          const s = await owned(tx, actor, id);
          if (d.packages === undefined) d = withBasicPackage({ ...d, packages: draftsOf(await packagesOf(tx, id)) });
          if (s.status === 'removed' || s.status === 'suspended') throw new AppError('service.wrong_state');
          if (s.status === 'published' || s.status === 'paused') {
            await check(tx, actor.id, d, 'submit');
            const [row] = await tx
              .update(services)
              .set({ pendingEdit: d, rejectReason: null, updatedAt: clock() })
              .where(eq(services.id, id))
              .returning();
            return row;
          }
          if (s.status === 'pending' && !opts.submit) throw new AppError('service.in_review');
          await check(tx, actor.id, d, opts.submit ? 'submit' : 'draft');
          if (opts.submit && s.status !== 'pending') await assertUnderLimit(tx, actor.id, id);
          const [row] = await tx
            .update(services)
            .set({
              ...columns(d, s.addons),
              status: opts.submit ? 'pending' : 'draft',
              rejectReason: opts.submit ? null : s.rejectReason,
              searchText: await searchTextOf(tx, d),
              updatedAt: clock(),
            })
            .where(eq(services.id, id))
            .returning();
          await writePackages(tx, id, d.packages);
          return row;
        }),
      );
    },

    /** The seller pauses or resumes a published service. */
    async setPaused(actor: AuthUser, id: number, paused: boolean): Promise<ServiceRow> {
      if (!paused) await trust.assertAllowed(actor.id, 'selling');
      const [from, to]: ServiceStatus[] = paused ? ['published', 'paused'] : ['paused', 'published'];
      return db.transaction(async (tx) => {
        const s = await owned(tx, actor, id);
        const [row] = await tx
          .update(services)
          .set({ status: to, updatedAt: clock() })
          .where(and(eq(services.id, s.id), eq(services.status, from)))
          .returning();
        if (!row) throw new AppError('service.wrong_state');
        return row;
      });
    },

    async moderationQueue(actor: Staff): Promise<ServiceRow[]> {
      if (!mayReviewServices(actor)) throw new AppError('auth.forbidden');
      return db
        .select()
        .from(services)
        .where(or(eq(services.status, 'pending'), isNotNull(services.pendingEdit)))
        .orderBy(asc(services.updatedAt))
        .limit(200);
    },

    /** A moderator approves a new service (it goes live) or an edit (it replaces the live version). */
    async approve(actor: Staff, id: number): Promise<ServiceRow> {
      if (!mayReviewServices(actor)) throw new AppError('auth.forbidden');
      return db
        .transaction(async (tx) => {
          const [s] = await tx.select().from(services).where(eq(services.id, id)).for('update');
          if (!s) throw new AppError('service.not_found');
          let row: ServiceRow | undefined;
          if (s.status === 'pending') {
            [row] = await tx
              .update(services)
              .set({
                status: 'published',
                publishedAt: s.publishedAt ?? clock(),
                rejectReason: null,
                sellerLevel: await sellers.sellerLevelOf(s.sellerId, tx),
                updatedAt: clock(),
              })
              .where(and(eq(services.id, id), eq(services.status, 'pending')))
              .returning();
          } else if (s.pendingEdit) {
            const d = s.pendingEdit;
            [row] = await tx
              .update(services)
              .set({
                ...columns(d, s.addons),
                pendingEdit: null,
                rejectReason: null,
                searchText: await searchTextOf(tx, d),
                updatedAt: clock(),
              })
              .where(eq(services.id, id))
              .returning();
            if (d.packages) await writePackages(tx, id, d.packages);
          }
          if (!row) throw new AppError('service.wrong_state');
          await audit(tx, { actorId: actor.id, action: 'service.approve', targetType: 'service', targetId: id });
          await notifySeller(tx, row, 'approved');
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** A moderator rejects a new service or an edit, with a reason the seller sees. */
    async reject(actor: Staff, id: number, reason: string): Promise<ServiceRow> {
      if (!mayReviewServices(actor)) throw new AppError('auth.forbidden');
      const why = cleanLine(reason);
      if (why.length < 5 || why.length > 500) throw invalid({ reason: 'service.reason_required' });
      return db
        .transaction(async (tx) => {
          const [s] = await tx.select().from(services).where(eq(services.id, id)).for('update');
          if (!s) throw new AppError('service.not_found');
          let row: ServiceRow | undefined;
          if (s.status === 'pending') {
            [row] = await tx
              .update(services)
              .set({ status: 'rejected', rejectReason: why, updatedAt: clock() })
              .where(eq(services.id, id))
              .returning();
          } else if (s.pendingEdit) {
            [row] = await tx
              .update(services)
              .set({ pendingEdit: null, rejectReason: why, updatedAt: clock() })
              .where(eq(services.id, id))
              .returning();
          }
          if (!row) throw new AppError('service.wrong_state');
          await audit(tx, { actorId: actor.id, action: 'service.reject', targetType: 'service', targetId: id, data: { reason: why } });
          await notifySeller(tx, row, 'rejected', why);
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** One service as `viewer` may see it: live ones for everyone; others for their seller and moderators. */
    /**
     * Moderators take a service down after a report (policy 9): `hidden` (the seller may fix and resubmit it,
     * like a rejection) or `removed` (gone for good; staff still see it). Returns the service as it was.
     * Call `changed()` after the caller's transaction commits.
     */
    async moderate(tx: DbOrTx, id: number, to: 'hidden' | 'removed', reason: string): Promise<ServiceRow | null> {
      const [s] = await tx.select().from(services).where(eq(services.id, id)).for('update');
      if (!s || s.status === 'removed' || (s.status === 'hidden' && to === 'hidden')) return null;
      await tx.update(services).set({ status: to, pendingEdit: null, rejectReason: reason, updatedAt: clock() }).where(eq(services.id, id));
      return s;
    },

    /**
     * A selling (or full) sanction takes the seller's live services offline (`suspended`) and returns
     * services in review to drafts; lifting it brings the suspended ones back. Call `changed()` after commit.
     */
    async suspendSeller(tx: DbOrTx, sellerId: number): Promise<void> {
      const now = clock();
      await tx
        .update(services)
        .set({ status: 'suspended', updatedAt: now })
        .where(and(eq(services.sellerId, sellerId), eq(services.status, 'published')));
      await tx
        .update(services)
        .set({ status: 'draft', updatedAt: now })
        .where(and(eq(services.sellerId, sellerId), eq(services.status, 'pending')));
    },

    async restoreSeller(tx: DbOrTx, sellerId: number): Promise<void> {
      await tx
        .update(services)
        .set({ status: 'published', updatedAt: clock() })
        .where(and(eq(services.sellerId, sellerId), eq(services.status, 'suspended')));
    },

    /** After another module changed services in its own transaction: public reads see it at once. */
    async changed(): Promise<void> {},

    /** A service read inside another module's transaction (orders snapshot it; never the 15 s cache). */
    async forOrder(id: number, tx: DbOrTx): Promise<ServiceRow | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [s] = await tx.select().from(services).where(eq(services.id, id));
      return s ?? null;
    },

    /** A service's live packages, basic first (packages.ts); `tx` inside an order's transaction, else kept 15 s. */
    packagesOf: (id: number, tx?: DbOrTx) => (tx ? packagesOf(tx, id) : cached(`packages:${id}`, () => packagesOf(db, id))),

    /** A completed order counts on its service (search sorts and the seller card use it). */
    async countOrder(id: number, tx: DbOrTx): Promise<void> {
      await tx
        .update(services)
        .set({ ordersCount: sql`${services.ordersCount} + 1` })
        .where(eq(services.id, id));
    },

    /** A published buyer's review adds its overall score (1–5) to the service's rating. */
    async addRating(id: number, overall: number, tx: DbOrTx): Promise<void> {
      await tx
        .update(services)
        .set({ ratingSum: sql`${services.ratingSum} + ${overall}`, ratingCount: sql`${services.ratingCount} + 1` })
        .where(eq(services.id, id));
    },

    /** A service as `viewer` may see it (drafts and those in review: only their seller and moderators). */
    async get(id: number, viewer: Staff | null, opts: { cached?: boolean } = {}): Promise<ServiceRow> {
      const read = async () => (await db.select().from(services).where(eq(services.id, id)))[0];
      // Public pages read through the 15 s cache; anything that acts on a service (orders…) reads it fresh.
      const s = opts.cached ? await cached(`get:${id}`, read) : await read();
      if (!s || !maySeeService(viewer, s)) throw new AppError('service.not_found');
      return s;
    },

    async bySeller(sellerId: number, viewer: Staff | null, limit = 50): Promise<ServiceRow[]> {
      const own = maySeeAllOfSeller(viewer, sellerId);
      return db
        .select()
        .from(services)
        .where(and(eq(services.sellerId, sellerId), own ? undefined : eq(services.status, 'published')))
        .orderBy(desc(services.id))
        .limit(limit);
    },

    /** A category with its parent (`tx` inside another module's transaction: PGlite has one connection). */
    async categoryOf(id: number | null, tx: DbOrTx = db) {
      if (!id) return null;
      const [c] = await tx.select().from(categories).where(eq(categories.id, id));
      if (!c) return null;
      const [parent] = c.parentId ? await tx.select().from(categories).where(eq(categories.id, c.parentId)) : [];
      return { ...c, parent: parent ?? null };
    },

    /** How a viewer may load a service image (`/files/{publicId}`): images.ts over policy.ts. */
    imageAccess: (image: { id: number; ownerId: number }, viewer: () => Promise<Staff | null>) => imageAccess(db, image, viewer),
    /** Every kind of image `/files/{publicId}` serves, other modules' too (images.ts `imageKinds`). */
    ...imageKinds(db),

    /** Live services per seller, for the seller card and the directory. */
    sellerStats: (sellerId: number) => cached(`stats:${sellerId}`, () => sellerStats(sellerId)),

    /** The search synonyms staff edit (synonyms.ts); a change refreshes this instance's cached searches. */
    ...synonymsUseCases(db),
    /** The home page's reads: services per category, top sellers (home-reads.ts, kept a minute). */
    ...homeReads(db),
    /** The directory's cards: each seller's lowest live price (seller-reads.ts). */
    ...sellerReads(db),
    /** Sponsored services: the results pages' slots and a promotion's reads of its service (sponsored.ts). */
    ...sponsoredReads(db),

    /** Grows with every catalog write in this process: the read cache keys on it. */
    version: () => version,
  };
  let version = 0;
  const reads = ttlCache<unknown>(15_000, 5000);
  const cached = <T>(key: string, load: () => Promise<T>) => reads.get(`${version}:${key}`, load) as Promise<T>;
  for (const name of WRITES) {
    const write = service[name] as (...args: never[]) => Promise<unknown>;
    (service as Record<string, unknown>)[name] = (...args: never[]) => write(...args).finally(() => version++);
  }

  async function sellerStats(sellerId: number) {
    const [r] = await db
      .select({
        live: sql<number>`count(*) FILTER (WHERE status = 'published')::int`,
        orders: sql<number>`coalesce(sum(orders_count), 0)::int`,
        ratingSum: sql<number>`coalesce(sum(rating_sum), 0)::int`,
        ratingCount: sql<number>`coalesce(sum(rating_count), 0)::int`,
      })
      .from(services)
      .where(eq(services.sellerId, sellerId));
    return r;
  }
  return service;
}

const WRITES = [
  'syncSellerLevel',
  'saveCategory',
  'deleteCategory',
  'create',
  'update',
  'setPaused',
  'approve',
  'reject',
  'changed',
  'saveSynonyms',
] as const;

export type CatalogService = ReturnType<typeof createCatalogService>;
