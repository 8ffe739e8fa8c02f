import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { parseId } from '../../platform/http/request.ts';
import { searchDocument } from '../../platform/search/index.ts';
import { cleanLine, normalizeText } from '../../platform/text.ts';
import { type ContactMatch, contactFindings, scanContacts } from '../trust/index.ts';
import { mayManageWork, maySeeWork } from './policy.ts';
import { createWorkReads } from './reads.ts';
import { linkProblem, linkText, ownerMay, WORK_IMAGE, type WorkDraft, type WorkStatus, workProblems } from './rules.ts';
import { works } from './schema.ts';

export type { Viewer, WorkRow, WorksModules } from './types.ts';

import type { Viewer, WorkRow, WorksModules } from './types.ts';

/** Turns loosely typed input (API JSON or a form) into a draft; anything malformed becomes a field error later. */
export function toWorkDraft(input: Record<string, unknown>): WorkDraft {
  const int = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  const empty = (v: unknown) => v === undefined || v === null || v === '' || v === 0;
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,،\n]/) : [])
      .map((x) => cleanLine(String(x)))
      .filter(Boolean)
      .filter((x, i, a) => a.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);
  const link = typeof input.link === 'string' ? input.link.trim() : '';
  return {
    title: cleanLine(input.title),
    description: typeof input.description === 'string' ? input.description.trim() : '',
    categoryId: empty(input.categoryId) ? null : int(input.categoryId),
    skills: list(input.skills),
    imageIds: [...new Set((Array.isArray(input.imageIds) ? input.imageIds : []).map(int))],
    link: link === '' ? null : link,
    orderId: empty(input.orderId) ? null : int(input.orderId),
  };
}

/** A saved work's fields as a draft, for the rules. */
export const draftOf = (w: WorkRow): WorkDraft => ({
  title: w.title,
  description: w.description,
  categoryId: w.categoryId,
  skills: w.skills,
  imageIds: w.imageIds,
  link: w.link,
  orderId: w.orderId,
});

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (err: unknown) =>
  ((err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code) === UNIQUE_VIOLATION;

/**
 * Portfolio works (RULES.md "Portfolio (الأعمال) and freelancers", issue 17): a freelancer writes one (a draft) and
 * publishes it, edits, hides or deletes it (soft). Its images are the freelancer's own `work_image` uploads; its
 * texts and link pass the contact guard (a refusal is recorded against its author); a linked order must be a
 * completed sale of theirs, and then the work shows the "delivered on Kafiil" badge with the buyer's review.
 * Likes and views: engagement.ts (views counted through platform/views.ts); the listing: search.ts.
 */
export function createWorksService(deps: Deps, m: WorksModules) {
  const { db, clock } = deps;
  const reads = createWorkReads(deps, m);

  async function leaf(id: number | null, tx: DbOrTx = db) {
    if (id === null || parseId(id) === null) return null;
    const c = await m.catalog.categoryOf(id, tx);
    return c && c.parentId !== null ? c : null;
  }

  async function searchTextOf(d: WorkDraft, tx: DbOrTx = db): Promise<string> {
    const c = await leaf(d.categoryId, tx);
    const names = c ? [c.nameAr, c.nameEn, c.parent?.nameAr, c.parent?.nameEn].filter(Boolean).join(' ') : '';
    return searchDocument(d.title, d.skills.join(' '), names, d.description);
  }

  /** Contact details in a draft's texts and link, by field (privacy policy 4). */
  function contactsIn(d: WorkDraft): Record<string, ContactMatch[]> {
    const out: Record<string, ContactMatch[]> = {};
    for (const [field, text] of [
      ['title', d.title],
      ['description', d.description],
      ['skills', d.skills.join(' ، ')],
      // A link refused by the rules (a messaging app, another marketplace) is refused as such, not read further.
      ['link', d.link && linkProblem(d.link) === null ? linkText(d.link) : ''],
    ] as const) {
      const scan = scanContacts(text);
      if (scan.contact) out[field] = scan.matches;
    }
    return out;
  }

  /** Every rule, the images' owner and kind, the contact guard and the linked order; throws what is wrong. */
  async function check(tx: DbOrTx, ownerId: number, d: WorkDraft, mode: 'draft' | 'publish', selfId: number | null) {
    const cat = d.categoryId === null ? null : await leaf(d.categoryId, tx);
    const problems = workProblems(d, mode, cat !== null);
    if (!problems.images && d.imageIds.length) {
      const mine = await m.files.owned(tx, ownerId, d.imageIds, WORK_IMAGE);
      if (mine.length !== d.imageIds.length) problems.images = 'work.image_invalid';
    }
    const found = contactsIn(d);
    for (const field of Object.keys(found)) problems[field] = 'trust.contact_info';
    const names = Object.values(found).flatMap((ms) => ms.map((x) => x.text));
    if (!problems.orderId && d.orderId !== null) {
      const sale = await m.orders.completedSale(ownerId, d.orderId, tx);
      if (sale === 'not_yours') problems.orderId = 'work.order_not_yours';
      else if (sale === 'not_completed') problems.orderId = 'work.order_not_completed';
      else if (await orderShownElsewhere(tx, d.orderId, selfId)) problems.orderId = 'work.order_used';
    }
    const fields = Object.keys(problems);
    if (fields.length === 0) return;
    // The linked order alone refused is a business refusal (422) that says which; with anything else, the form's 400.
    if (fields.length === 1 && problems.orderId) throw new AppError(problems.orderId, {}, { orderId: problems.orderId });
    throw invalid(problems, { found: names.join('، ') });
  }

  async function orderShownElsewhere(tx: DbOrTx, orderId: number, selfId: number | null): Promise<boolean> {
    const [w] = await tx
      .select({ id: works.id })
      .from(works)
      .where(and(eq(works.orderId, orderId), ne(works.status, 'deleted'), selfId ? ne(works.id, selfId) : undefined))
      .limit(1);
    return w !== undefined;
  }

  /** A refusal for contact details is recorded against its author (outside the rolled-back transaction). */
  async function recording<T>(actor: Viewer, d: WorkDraft, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      // A link to a messaging app or another marketplace is an attempt to take the work off the platform too.
      const offsite = err instanceof AppError && ['work.link_messaging', 'work.link_marketplace'].includes(err.fields.link ?? '');
      if (contactFindings(err) || offsite) {
        const found = [...Object.values(contactsIn(d)).flat(), ...(offsite && d.link ? [{ kind: 'url' as const, text: d.link }] : [])];
        await m.trust.recordAttempt(actor.id, 'portfolio', found);
      }
      // Two saves linking the same order at once: the unique index lets one through.
      if (isUniqueViolation(err)) throw new AppError('work.order_used', {}, { orderId: 'work.order_used' });
      throw err;
    }
  }

  const columns = async (d: WorkDraft, tx: DbOrTx) => ({
    title: d.title,
    description: d.description,
    categoryId: d.categoryId,
    skills: d.skills,
    skillKeys: [...new Set(d.skills.map((s) => normalizeText(s)))],
    imageIds: d.imageIds,
    link: d.link,
    orderId: d.orderId,
    searchText: await searchTextOf(d, tx),
  });

  async function lock(tx: DbOrTx, id: number): Promise<WorkRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('work.not_found');
    const [w] = await tx.select().from(works).where(eq(works.id, id)).for('update');
    if (!w) throw new AppError('work.not_found');
    return w;
  }

  /** The owner's own work, locked; someone else's is `work.forbidden` when they may see it, else not found. */
  async function own(tx: DbOrTx, actor: Viewer, id: number): Promise<WorkRow> {
    const w = await lock(tx, id);
    if (!mayManageWork(actor, w)) throw new AppError(maySeeWork(actor, w) ? 'work.forbidden' : 'work.not_found');
    if (w.status === 'deleted') throw new AppError('work.not_found');
    return w;
  }

  /** Images an edit dropped: removed (rows and bytes) unless another work of the owner still shows them. */
  async function dropImages(ownerId: number, before: number[], after: number[]) {
    const gone = before.filter((id) => !after.includes(id));
    if (gone.length === 0) return;
    const shows = sql.join(
      gone.map((g) => sql`${works.imageIds} @> ${JSON.stringify([g])}::jsonb`),
      sql` OR `,
    );
    const still = await db
      .select({ imageIds: works.imageIds })
      .from(works)
      .where(and(eq(works.ownerId, ownerId), sql`(${shows})`));
    const used = new Set(still.flatMap((w) => w.imageIds));
    await m.files.remove(
      ownerId,
      gone.filter((id) => !used.has(id)),
    );
  }

  const service = {
    /** A new work: kept as a draft, or published at once. */
    async create(actor: Viewer, input: Record<string, unknown>, opts: { publish: boolean }): Promise<WorkRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      const d = toWorkDraft(input);
      return recording(actor, d, () =>
        db.transaction(async (tx) => {
          await check(tx, actor.id, d, opts.publish ? 'publish' : 'draft', null);
          const now = clock();
          const [row] = await tx
            .insert(works)
            .values({
              ownerId: actor.id,
              status: opts.publish ? 'published' : 'draft',
              ...(await columns(d, tx)),
              publishedAt: opts.publish ? now : null,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          return row;
        }),
      );
    },

    /**
     * The owner edits a work. A published one stays published (so it must meet every rule); a draft stays a draft
     * unless `publish`; a hidden one is published again with `publish` (a moderator's reason is then cleared).
     */
    async update(actor: Viewer, id: number, input: Record<string, unknown>, opts: { publish: boolean }): Promise<WorkRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      const d = toWorkDraft(input);
      let before: number[] = [];
      const row = await recording(actor, d, () =>
        db.transaction(async (tx) => {
          const w = await own(tx, actor, id);
          if (!ownerMay(w.status as WorkStatus, 'edit')) throw new AppError('work.wrong_state');
          before = w.imageIds;
          const publish = opts.publish || w.status === 'published';
          await check(tx, actor.id, d, publish ? 'publish' : 'draft', w.id);
          const now = clock();
          const [saved] = await tx
            .update(works)
            .set({
              ...(await columns(d, tx)),
              status: publish ? 'published' : w.status,
              hiddenReason: publish ? null : w.hiddenReason,
              publishedAt: publish ? (w.publishedAt ?? now) : w.publishedAt,
              updatedAt: now,
            })
            .where(and(eq(works.id, w.id), eq(works.status, w.status)))
            .returning();
          if (!saved) throw new AppError('work.wrong_state');
          return saved;
        }),
      );
      await dropImages(actor.id, before, row.imageIds);
      return row;
    },

    /** The owner publishes (a draft or a hidden work: every rule again), hides (a published one) or deletes (soft). */
    async act(actor: Viewer, id: number, action: 'publish' | 'hide' | 'delete'): Promise<WorkRow> {
      if (action === 'publish') await m.trust.assertAllowed(actor.id, 'posting');
      return db.transaction(async (tx) => {
        const w = await own(tx, actor, id);
        if (!ownerMay(w.status as WorkStatus, action)) throw new AppError('work.wrong_state');
        if (action === 'publish') await check(tx, actor.id, draftOf(w), 'publish', w.id);
        const now = clock();
        const set =
          action === 'publish'
            ? { status: 'published', hiddenReason: null, publishedAt: w.publishedAt ?? now }
            : action === 'hide'
              ? { status: 'hidden' }
              : { status: 'deleted', deletedAt: now };
        const [row] = await tx
          .update(works)
          .set({ ...set, updatedAt: now })
          .where(and(eq(works.id, w.id), eq(works.status, w.status)))
          .returning();
        if (!row) throw new AppError('work.wrong_state');
        return row;
      });
    },

    /** A work as `viewer` may see it (policy.ts `maySeeWork`); otherwise `work.not_found`. */
    async get(id: number, viewer: Viewer | null): Promise<WorkRow> {
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('work.not_found');
      const [w] = await db.select().from(works).where(eq(works.id, id));
      if (!w || !maySeeWork(viewer, w)) throw new AppError('work.not_found');
      return w;
    },

    /** A work as moderation reads it (any status), or null. */
    async forModeration(id: number): Promise<WorkRow | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [w] = await db.select().from(works).where(eq(works.id, id));
      return w ?? null;
    },

    /**
     * A moderator's take-down of a reported work (inside the report's transaction): `hide` keeps it for its owner to
     * fix, with the reason; `delete` is final (soft: staff still read it). False when it is already down that way.
     */
    async takeDown(tx: DbOrTx, id: number, action: 'hide' | 'delete', reason: string): Promise<boolean> {
      const w = await lock(tx, id);
      const now = clock();
      if (action === 'hide') {
        if (w.status !== 'published') return false;
        const r = await tx
          .update(works)
          .set({ status: 'hidden', hiddenReason: cleanLine(reason).slice(0, 500), updatedAt: now })
          .where(and(eq(works.id, w.id), eq(works.status, 'published')))
          .returning({ id: works.id });
        return r.length > 0;
      }
      if (w.status === 'deleted') return false;
      const r = await tx
        .update(works)
        .set({ status: 'deleted', deletedAt: now, hiddenReason: cleanLine(reason).slice(0, 500), updatedAt: now })
        .where(and(eq(works.id, w.id), ne(works.status, 'deleted')))
        .returning({ id: works.id });
      return r.length > 0;
    },

    lock,
  };
  // Every write of this instance refreshes its cached public reads at once (other instances' within READ_TTL_MS).
  for (const name of ['create', 'update', 'act', 'takeDown'] as const) {
    const write = service[name] as (...args: never[]) => Promise<unknown>;
    (service as Record<string, unknown>)[name] = (...args: never[]) => write(...args).finally(() => reads.changed());
  }
  return { ...service, ...reads };
}

export type WorksCore = ReturnType<typeof createWorksService>;
