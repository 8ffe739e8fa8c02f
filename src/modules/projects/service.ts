import { and, asc, desc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FilesService } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { searchDocument } from '../../platform/search/index.ts';
import { cleanLine } from '../../platform/text.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import { type ContactMatch, contactFindings, scanContacts, type TrustService } from '../trust/index.ts';
import { mayReviewProjects, maySeeProject } from './policy.ts';
import { OPEN_DAYS, type ProjectDraft, type ProjectStatus, projectProblems } from './rules.ts';
import { projects } from './schema.ts';
import { type ProjectQuery, searchProjects } from './search.ts';
import { listChanged, listVersion } from './version.ts';

export type ProjectRow = typeof projects.$inferSelect;
type Staff = Pick<AuthUser, 'id' | 'roles'>;

interface Modules {
  accounts: { publicByIds(ids: number[]): Promise<Map<number, { username: string; displayName: string }>> };
  files: FilesService;
  notifications: Pick<NotificationsService, 'notify'>;
  trust: Pick<TrustService, 'assertAllowed' | 'recordAttempt'>;
  catalog: Pick<CatalogService, 'categoryOf'>;
}

/** Statuses whose owner may change the project (and send it for review). */
const EDITABLE: ProjectStatus[] = ['draft', 'rejected', 'hidden'];

/** Turns loosely typed input (API JSON or a form) into a draft; anything malformed becomes a field error later. */
export function toProjectDraft(input: Record<string, unknown>): ProjectDraft {
  const int = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  const zeroIfEmpty = (v: unknown) => (v === undefined || v === null || v === '' ? 0 : int(v));
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,،\n]/) : [])
      .map((x) => cleanLine(String(x)))
      .filter(Boolean)
      .filter((x, i, a) => a.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);
  return {
    title: cleanLine(input.title),
    description: typeof input.description === 'string' ? input.description.trim() : '',
    // No category: left out, null (which JSON validation may have turned into 0) or an empty form field.
    categoryId:
      input.categoryId === undefined || input.categoryId === null || input.categoryId === '' || input.categoryId === 0
        ? null
        : int(input.categoryId),
    skills: list(input.skills),
    budgetMinCents: zeroIfEmpty(input.budgetMinCents),
    budgetMaxCents: zeroIfEmpty(input.budgetMaxCents),
    expectedDays: zeroIfEmpty(input.expectedDays),
    fileIds: [...new Set((Array.isArray(input.fileIds) ? input.fileIds : []).map(parseId).filter((n): n is number => n !== null))],
  };
}

/** The owner hears the moderators' decision by mail, with the reason when it is a rejection. */
function projectMail(
  kind: 'approved' | 'rejected',
  o: { email: string; name: string; locale: Locale; baseUrl: string; path: string; title: string; reason: string },
): MailMessage {
  const p = { title: o.title, reason: o.reason };
  const text = [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    translate(o.locale, `mail.project_${kind}.body`, p),
    `${o.baseUrl}${localePath(o.locale, o.path)}`,
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
  return { to: o.email, subject: translate(o.locale, `mail.project_${kind}.subject`, p), text };
}

/**
 * Projects (RULES.md "Projects"): a buyer posts one (a draft, or sent for review), moderators approve it (open for
 * bids for OPEN_DAYS days) or reject it with a reason; open projects are searched like services. Bids and hiring
 * are in bids.ts.
 */
export function createProjectsService(deps: Deps, m: Modules) {
  const { db, clock, config } = deps;
  const reads = ttlCache<unknown>(15_000, 2000);

  async function leaf(id: number | null, tx: DbOrTx = db) {
    if (id === null || parseId(id) === null) return null;
    const c = await m.catalog.categoryOf(id, tx);
    return c && c.parentId !== null ? c : null;
  }

  async function searchTextOf(d: ProjectDraft, tx: DbOrTx = db): Promise<string> {
    const c = await leaf(d.categoryId, tx);
    const names = c ? [c.nameAr, c.nameEn, c.parent?.nameAr, c.parent?.nameEn].filter(Boolean).join(' ') : '';
    return searchDocument(d.title, d.skills.join(' '), names, d.description);
  }

  /** Contact details in a draft's texts, by field. */
  function contactsIn(d: ProjectDraft): Record<string, ContactMatch[]> {
    const out: Record<string, ContactMatch[]> = {};
    for (const [field, text] of [
      ['title', d.title],
      ['description', d.description],
      ['skills', d.skills.join(' ، ')],
    ] as const) {
      const scan = scanContacts(text);
      if (scan.contact) out[field] = scan.matches;
    }
    return out;
  }

  /** Validates a draft for saving or submitting; attachments must be the owner's own uploads. */
  async function check(tx: DbOrTx, ownerId: number, d: ProjectDraft, mode: 'draft' | 'submit') {
    const cat = d.categoryId === null ? null : await leaf(d.categoryId, tx);
    const problems = projectProblems(d, mode, cat !== null);
    if (!problems.files && d.fileIds.length) {
      const mine = await m.files.owned(tx, ownerId, d.fileIds, 'attachment');
      if (mine.length !== d.fileIds.length) problems.files = 'project.file_invalid';
    }
    const found = contactsIn(d);
    for (const field of Object.keys(found)) problems[field] = 'trust.contact_info';
    const names = Object.values(found).flatMap((ms) => ms.map((x) => x.text));
    if (Object.keys(problems).length) throw invalid(problems, { min: 10, max: 100, found: names.join('، ') });
  }

  /** A refusal for contact details is recorded against the owner (outside the rolled-back transaction). */
  async function recording<T>(actor: AuthUser, d: ProjectDraft, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (contactFindings(err)) await m.trust.recordAttempt(actor.id, 'project', Object.values(contactsIn(d)).flat());
      throw err;
    }
  }

  const columns = (d: ProjectDraft) => ({
    title: d.title,
    description: d.description,
    categoryId: d.categoryId,
    skills: d.skills,
    budgetMinCents: d.budgetMinCents,
    budgetMaxCents: d.budgetMaxCents,
    expectedDays: d.expectedDays,
    fileIds: d.fileIds,
  });

  async function lock(tx: DbOrTx, id: number): Promise<ProjectRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('project.not_found');
    const [p] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
    if (!p) throw new AppError('project.not_found');
    return p;
  }

  async function notifyOwner(tx: DbOrTx, p: ProjectRow, kind: 'approved' | 'rejected', reason = '') {
    const path = kind === 'approved' ? `/projects/${p.id}` : `/projects/${p.id}/edit`;
    await m.notifications.notify(tx, {
      userId: p.ownerId,
      type: `project.${kind}`,
      params: { title: p.title },
      url: path,
      mail: (to) => projectMail(kind, { ...to, baseUrl: config.baseUrl, path, title: p.title, reason }),
    });
  }

  const service = {
    /** A new project: saved as a draft, or submitted for review (status pending). */
    async create(actor: AuthUser, input: Record<string, unknown>, opts: { submit: boolean }): Promise<ProjectRow> {
      await m.trust.assertAllowed(actor.id, 'buying');
      const d = toProjectDraft(input);
      return recording(actor, d, () =>
        db.transaction(async (tx) => {
          await check(tx, actor.id, d, opts.submit ? 'submit' : 'draft');
          const [row] = await tx
            .insert(projects)
            .values({
              ownerId: actor.id,
              status: opts.submit ? 'pending' : 'draft',
              ...columns(d),
              searchText: await searchTextOf(d, tx),
              createdAt: clock(),
              updatedAt: clock(),
            })
            .returning();
          return row;
        }),
      );
    },

    /** The owner edits a draft or a rejected (or hidden) project, keeping it as a draft or submitting it. */
    async update(actor: AuthUser, id: number, input: Record<string, unknown>, opts: { submit: boolean }): Promise<ProjectRow> {
      await m.trust.assertAllowed(actor.id, 'buying');
      const d = toProjectDraft(input);
      return recording(actor, d, () =>
        db.transaction(async (tx) => {
          const p = await lock(tx, id);
          if (p.ownerId !== actor.id) throw new AppError(maySeeProject(actor, p) ? 'project.forbidden' : 'project.not_found');
          // A project taken down after it had been hired stays down: its work lives on in the order.
          if (!EDITABLE.includes(p.status as ProjectStatus) || p.orderId !== null) throw new AppError('project.wrong_state');
          await check(tx, actor.id, d, opts.submit ? 'submit' : 'draft');
          const [row] = await tx
            .update(projects)
            .set({
              ...columns(d),
              // A hidden project stays hidden until it is sent for review again.
              status: opts.submit ? 'pending' : p.status === 'hidden' ? 'hidden' : 'draft',
              rejectReason: opts.submit ? null : p.rejectReason,
              searchText: await searchTextOf(d, tx),
              updatedAt: clock(),
            })
            .where(and(eq(projects.id, p.id), eq(projects.status, p.status)))
            .returning();
          return row;
        }),
      );
    },

    /** The projects waiting for review, oldest first (moderators). */
    async moderationQueue(actor: Staff): Promise<ProjectRow[]> {
      if (!mayReviewProjects(actor)) throw new AppError('auth.forbidden');
      return db.select().from(projects).where(eq(projects.status, 'pending')).orderBy(asc(projects.updatedAt), asc(projects.id)).limit(200);
    },

    /** A moderator approves a pending project: it opens for bids for OPEN_DAYS days; the owner is told. */
    async approve(actor: Staff, id: number): Promise<ProjectRow> {
      if (!mayReviewProjects(actor)) throw new AppError('auth.forbidden');
      return db
        .transaction(async (tx) => {
          const p = await lock(tx, id);
          const now = clock();
          const [row] = await tx
            .update(projects)
            .set({
              status: 'open',
              publishedAt: now,
              closesAt: new Date(now.getTime() + OPEN_DAYS * 86_400_000),
              rejectReason: null,
              updatedAt: now,
            })
            .where(and(eq(projects.id, p.id), eq(projects.status, 'pending')))
            .returning();
          if (!row) throw new AppError('project.wrong_state');
          await audit(tx, { actorId: actor.id, action: 'project.approve', targetType: 'project', targetId: id });
          await notifyOwner(tx, row, 'approved');
          return row;
        })
        .finally(() => {
          listChanged();
          deps.outbox.kick();
        });
    },

    /** A moderator rejects a pending project with a reason the owner sees; the owner may edit and resubmit. */
    async reject(actor: Staff, id: number, reason: string): Promise<ProjectRow> {
      if (!mayReviewProjects(actor)) throw new AppError('auth.forbidden');
      const why = cleanLine(reason);
      if (why.length < 5 || why.length > 500) throw invalid({ reason: 'project.reason_required' });
      return db
        .transaction(async (tx) => {
          const p = await lock(tx, id);
          const [row] = await tx
            .update(projects)
            .set({ status: 'rejected', rejectReason: why, updatedAt: clock() })
            .where(and(eq(projects.id, p.id), eq(projects.status, 'pending')))
            .returning();
          if (!row) throw new AppError('project.wrong_state');
          await audit(tx, { actorId: actor.id, action: 'project.reject', targetType: 'project', targetId: id, data: { reason: why } });
          await notifyOwner(tx, row, 'rejected', why);
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** A project as `viewer` may see it (policy.ts `maySeeProject`); otherwise `project.not_found`. */
    async get(id: number, viewer: Staff | null): Promise<ProjectRow> {
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('project.not_found');
      const [p] = await db.select().from(projects).where(eq(projects.id, id));
      if (!p || !maySeeProject(viewer, p)) throw new AppError('project.not_found');
      return p;
    },

    /** Open projects matching a query (search.ts). */
    // Kept 15 s per instance, keyed on the list's version and the minute ("posted within" counts from it).
    search: (q: Omit<ProjectQuery, 'now'>) => {
      const now = new Date(Math.floor(clock().getTime() / 60_000) * 60_000);
      return reads.get(`${listVersion()}:${now.getTime()}:${JSON.stringify(q)}`, () => searchProjects(db, { ...q, now })) as ReturnType<
        typeof searchProjects
      >;
    },

    /** The owner's projects in every state, newest first, optionally of one status. */
    async byOwner(ownerId: number, status?: string, limit = 200): Promise<ProjectRow[]> {
      return db
        .select()
        .from(projects)
        .where(and(eq(projects.ownerId, ownerId), status ? eq(projects.status, status) : undefined))
        .orderBy(desc(projects.id))
        .limit(limit);
    },

    /** The attachments of a project, for whoever may see it. */
    async files(p: ProjectRow) {
      const rows = await m.files.byIds(p.fileIds);
      return p.fileIds.flatMap((id) => {
        const f = rows.find((r) => r.id === id);
        return f ? [{ id: f.id, name: f.name, size: f.size, type: f.type }] : [];
      });
    },

    /** One attachment's bytes, for whoever may see the project. */
    async file(viewer: Staff | null, projectId: number, fileId: number) {
      const p = await service.get(projectId, viewer);
      if (!p.fileIds.includes(fileId)) throw new AppError('project.file_not_found');
      const f = await m.files.read(fileId);
      if (!f) throw new AppError('project.file_not_found');
      return f;
    },

    /** What report moderation shows of a project, or null. */
    async forModeration(id: number): Promise<{ ownerId: number; title: string; description: string; status: string } | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [p] = await db.select().from(projects).where(eq(projects.id, id));
      return p ? { ownerId: p.ownerId, title: p.title, description: p.description, status: p.status } : null;
    },

    /**
     * Moderators take a project down after a report: `hidden` (the owner may fix and resubmit it) or `removed`
     * (gone for good; staff still see it). Its open bids stay as they are: the project simply stops being listed.
     * False when there was nothing to change.
     */
    async moderate(tx: DbOrTx, id: number, to: 'hidden' | 'removed', reason: string): Promise<boolean> {
      const [p] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
      if (!p || p.status === 'removed' || (p.status === 'hidden' && to === 'hidden')) return false;
      await tx.update(projects).set({ status: to, rejectReason: reason, updatedAt: clock() }).where(eq(projects.id, id));
      return true;
    },

    /** After a take-down committed in another module's transaction: the list shows it at once. */
    async changed(): Promise<void> {
      listChanged();
    },

    /** Owners' public names for lists. */
    owners: (ids: number[]) => m.accounts.publicByIds(ids),
  };
  return service;
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
