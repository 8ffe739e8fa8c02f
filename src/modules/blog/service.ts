import { and, desc, eq, inArray, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FilesService } from '../../platform/files.ts';
import { richTextPlain } from '../../platform/rich-text.ts';
import { normalizeText } from '../../platform/text.ts';
import { coverAccess, maySeeArticle, mayWriteArticles } from './policy.ts';
import {
  type ArticleDraft,
  articleProblems,
  BLOG_COVER,
  type BlogCategory,
  isBlogCategory,
  type Lang,
  PAGE_SIZE,
  RELATED_MAX,
  readCursor,
  toArticleDraft,
} from './rules.ts';
import { type BlogArticleRow, blogArticles } from './schema.ts';

export type { BlogArticleRow };

type Actor = { id: number; roles: readonly string[] };
type Origin = { ip?: string | null };

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (err: unknown) =>
  ((err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code) === UNIQUE_VIOLATION;

/** Another article has this slug: a state conflict (409) on the slug field. */
const slugConflict = () => new AppError('blog.slug_conflict', {}, { slug: 'blog.slug_conflict' }, { status: 409 });

export interface BlogListQuery {
  lang: Lang;
  category?: BlogCategory;
  q?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The blog (مدونة كفيل; RULES.md "Community (الملتقى) and content"): staff with the `content` permission write
 * articles in Arabic, English or both, keep drafts, publish now or at a date (scheduled), edit and unpublish; every
 * write is audited. The public reads only articles that are published and whose time has come (`publish_at <= now`
 * in every query: a scheduled article appears by itself, no worker involved). Covers are `blog_cover` images.
 */
export function createBlogService(deps: Deps, m: { files: Pick<FilesService, 'owned' | 'remove' | 'byIds' | 'publicIds'> }) {
  const { db, clock } = deps;

  /** Public: published, its time reached. */
  const isPublic = (now: Date): SQL => and(eq(blogArticles.status, 'published'), lte(blogArticles.publishAt, now)) as SQL;
  const inLang = (lang: Lang): SQL => ne(lang === 'ar' ? blogArticles.titleAr : blogArticles.titleEn, '');

  function requireWriter(actor: Actor | null): asserts actor is Actor {
    if (!actor) throw new AppError('auth.required');
    if (!mayWriteArticles(actor)) throw new AppError('auth.forbidden');
  }

  const searchTextOf = (d: ArticleDraft) =>
    normalizeText(
      `${d.titleAr} ${d.titleEn} ${richTextPlain(d.bodyAr, { headings: true })} ${richTextPlain(d.bodyEn, { headings: true })}`,
    ).slice(0, 20_000);

  /** Every rule of the draft; the cover (a new one) must be the writer's own `blog_cover` upload. */
  async function check(tx: DbOrTx, actor: Actor, d: ArticleDraft, mode: 'draft' | 'publish', newCover: number | null) {
    const problems = articleProblems(d, mode);
    if (newCover !== null && (await m.files.owned(tx, actor.id, [newCover], BLOG_COVER)).length !== 1)
      problems.cover = 'blog.cover_invalid';
    if (Object.keys(problems).length) throw invalid(problems);
  }

  async function lock(tx: DbOrTx, id: number): Promise<BlogArticleRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('blog.not_found');
    const [a] = await tx.select().from(blogArticles).where(eq(blogArticles.id, id)).for('update');
    if (!a) throw new AppError('blog.not_found');
    return a;
  }

  /** A slug taken by another article is a conflict on the slug field (409); the unique index decides races. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err)) throw slugConflict();
      throw err;
    }
  }

  async function slugTaken(tx: DbOrTx, slug: string, selfId: number | null): Promise<boolean> {
    const [row] = await tx
      .select({ id: blogArticles.id })
      .from(blogArticles)
      .where(and(eq(blogArticles.slug, slug), selfId ? ne(blogArticles.id, selfId) : undefined))
      .limit(1);
    return row !== undefined;
  }

  /** A cover no article shows any more: its rows and bytes removed (after the write that dropped it). */
  async function dropCover(fileId: number | null) {
    if (fileId === null) return;
    const [still] = await db.select({ id: blogArticles.id }).from(blogArticles).where(eq(blogArticles.coverFileId, fileId)).limit(1);
    if (still) return;
    const [f] = await m.files.byIds([fileId]);
    if (f && f.purpose === BLOG_COVER) await m.files.remove(f.ownerId, [f.id]);
  }

  const columns = (d: ArticleDraft) => ({
    slug: d.slug,
    category: d.category,
    titleAr: d.titleAr,
    bodyAr: d.bodyAr,
    titleEn: d.titleEn,
    bodyEn: d.bodyEn,
    searchText: searchTextOf(d),
  });

  return {
    /**
     * A new article: a draft, or published (`publish`) at the date typed — now when none, scheduled when ahead.
     * `coverFileId`: the writer's `blog_cover` upload, or null.
     */
    async create(
      actor: Actor | null,
      input: Record<string, unknown>,
      opts: { publish: boolean; coverFileId?: number | null } & Origin,
    ): Promise<BlogArticleRow> {
      requireWriter(actor);
      const d = toArticleDraft(input);
      const cover = opts.coverFileId ?? null;
      return guarded(() =>
        db.transaction(async (tx) => {
          await check(tx, actor, d, opts.publish ? 'publish' : 'draft', cover);
          if (await slugTaken(tx, d.slug, null)) throw slugConflict();
          const now = clock();
          const [row] = await tx
            .insert(blogArticles)
            .values({
              ...columns(d),
              status: opts.publish ? 'published' : 'draft',
              publishAt: d.publishAt ?? (opts.publish ? now : null),
              coverFileId: cover,
              authorId: actor.id,
              updatedBy: actor.id,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          await audit(tx, {
            actorId: actor.id,
            action: opts.publish ? 'blog.publish' : 'blog.create',
            targetType: 'blog_article',
            targetId: row.id,
            data: { slug: row.slug, publishAt: row.publishAt?.toISOString() ?? null },
            ip: opts.ip,
          });
          return row;
        }),
      );
    },

    /**
     * Staff edit an article. A published (or scheduled) one stays published, so it must meet every rule; a draft
     * stays a draft unless `publish`. `coverFileId`: undefined keeps the cover, null removes it, an id replaces it
     * (the old file is removed once no article shows it).
     */
    async update(
      actor: Actor | null,
      id: number,
      input: Record<string, unknown>,
      opts: { publish: boolean; coverFileId?: number | null } & Origin,
    ): Promise<BlogArticleRow> {
      requireWriter(actor);
      const d = toArticleDraft(input);
      let oldCover: number | null = null;
      const row = await guarded(() =>
        db.transaction(async (tx) => {
          const a = await lock(tx, id);
          const publish = opts.publish || a.status === 'published';
          const cover = opts.coverFileId === undefined ? a.coverFileId : opts.coverFileId;
          await check(tx, actor, d, publish ? 'publish' : 'draft', cover !== null && cover !== a.coverFileId ? cover : null);
          if (await slugTaken(tx, d.slug, a.id)) throw slugConflict();
          const now = clock();
          oldCover = a.coverFileId !== cover ? a.coverFileId : null;
          const [saved] = await tx
            .update(blogArticles)
            .set({
              ...columns(d),
              status: publish ? 'published' : 'draft',
              publishAt: d.publishAt ?? (publish ? (a.status === 'published' ? a.publishAt : now) : a.publishAt),
              coverFileId: cover,
              updatedBy: actor.id,
              updatedAt: now,
            })
            .where(and(eq(blogArticles.id, a.id), eq(blogArticles.status, a.status)))
            .returning();
          if (!saved) throw new AppError('blog.wrong_state');
          await audit(tx, {
            actorId: actor.id,
            action: a.status !== 'published' && publish ? 'blog.publish' : 'blog.update',
            targetType: 'blog_article',
            targetId: a.id,
            data: { slug: saved.slug, publishAt: saved.publishAt?.toISOString() ?? null, status: saved.status },
            ip: opts.ip,
          });
          return saved;
        }),
      );
      await dropCover(oldCover);
      return row;
    },

    /** Back to a draft: it leaves the public site at once (a scheduled one will not appear). A draft already: 409. */
    async unpublish(actor: Actor | null, id: number, origin: Origin = {}): Promise<BlogArticleRow> {
      requireWriter(actor);
      return db.transaction(async (tx) => {
        const a = await lock(tx, id);
        if (a.status !== 'published') throw new AppError('blog.wrong_state');
        const [row] = await tx
          .update(blogArticles)
          .set({ status: 'draft', updatedBy: actor.id, updatedAt: clock() })
          .where(and(eq(blogArticles.id, a.id), eq(blogArticles.status, 'published')))
          .returning();
        if (!row) throw new AppError('blog.wrong_state');
        await audit(tx, {
          actorId: actor.id,
          action: 'blog.unpublish',
          targetType: 'blog_article',
          targetId: a.id,
          data: { slug: a.slug },
          ip: origin.ip,
        });
        return row;
      });
    },

    /** Every article, the latest edited first: the staff's list. */
    async adminList(actor: Actor | null): Promise<BlogArticleRow[]> {
      requireWriter(actor);
      return db.select().from(blogArticles).orderBy(desc(blogArticles.updatedAt), desc(blogArticles.id)).limit(500);
    },

    /** One article for its form (staff). */
    async forEdit(actor: Actor | null, id: number): Promise<BlogArticleRow> {
      requireWriter(actor);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('blog.not_found');
      const [a] = await db.select().from(blogArticles).where(eq(blogArticles.id, id));
      if (!a) throw new AppError('blog.not_found');
      return a;
    },

    /** An article by its slug as `viewer` may see it (policy.ts `maySeeArticle`); otherwise `blog.not_found`. */
    async bySlug(slug: string, viewer: Actor | null): Promise<BlogArticleRow> {
      if (typeof slug !== 'string' || slug.length > 200) throw new AppError('blog.not_found');
      const [a] = await db.select().from(blogArticles).where(eq(blogArticles.slug, slug.toLowerCase()));
      if (!a || !maySeeArticle(viewer, a, clock())) throw new AppError('blog.not_found');
      return a;
    },

    /**
     * Public articles in `lang` (an article without that language is not listed there), newest first, by category,
     * by words (each must appear, compared as normalised text), a keyset page at a time.
     */
    async list(query: BlogListQuery): Promise<{ items: BlogArticleRow[]; nextCursor: string | null }> {
      const limit = Math.min(Math.max(query.limit ?? PAGE_SIZE, 1), 100);
      const after = query.cursor ? readCursor(query.cursor) : null;
      const words = normalizeText(query.q ?? '')
        .split(' ')
        .filter(Boolean)
        .slice(0, 8);
      const rows = await db
        .select()
        .from(blogArticles)
        .where(
          and(
            isPublic(clock()),
            inLang(query.lang),
            query.category ? eq(blogArticles.category, query.category) : undefined,
            ...words.map((w) => sql`strpos(${blogArticles.searchText}, ${w}) > 0`),
            after
              ? or(lt(blogArticles.publishAt, after.at), and(eq(blogArticles.publishAt, after.at), lt(blogArticles.id, after.id)))
              : undefined,
          ),
        )
        .orderBy(desc(blogArticles.publishAt), desc(blogArticles.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? `${last.publishAt?.getTime() ?? 0}.${last.id}` : null };
    },

    /** Up to RELATED_MAX other public articles in `lang`: the same category first (newest), then the newest others. */
    async related(a: BlogArticleRow, lang: Lang): Promise<BlogArticleRow[]> {
      const base = and(isPublic(clock()), inLang(lang), ne(blogArticles.id, a.id));
      const same = await db
        .select()
        .from(blogArticles)
        .where(and(base, eq(blogArticles.category, a.category)))
        .orderBy(desc(blogArticles.publishAt), desc(blogArticles.id))
        .limit(RELATED_MAX);
      if (same.length >= RELATED_MAX) return same;
      const more = await db
        .select()
        .from(blogArticles)
        .where(and(base, ne(blogArticles.category, a.category)))
        .orderBy(desc(blogArticles.publishAt), desc(blogArticles.id))
        .limit(RELATED_MAX - same.length);
      return [...same, ...more];
    },

    /** The public address part of each article's cover (file id → public id). */
    async coversOf(rows: Pick<BlogArticleRow, 'coverFileId'>[]): Promise<Map<number, string>> {
      return m.files.publicIds(rows.flatMap((r) => (r.coverFileId ? [r.coverFileId] : [])));
    },

    /** How `viewer` may load a cover (`/files/{publicId}`, registered with the catalog's image kinds). */
    async coverAccess(image: { id: number }, viewer: () => Promise<Actor | null>): Promise<'public' | 'private' | null> {
      const [shown] = await db
        .select({ id: blogArticles.id })
        .from(blogArticles)
        .where(and(eq(blogArticles.coverFileId, image.id), isPublic(clock())))
        .limit(1);
      if (shown) return coverAccess(null, { shownPublicly: true });
      return coverAccess(await viewer(), { shownPublicly: false });
    },

    /** How many public articles each category has in `lang` (the list's category tabs). */
    async categoryCounts(lang: Lang): Promise<Map<BlogCategory, number>> {
      const rows = await db
        .select({ category: blogArticles.category, n: sql<number>`count(*)::int` })
        .from(blogArticles)
        .where(and(isPublic(clock()), inLang(lang)))
        .groupBy(blogArticles.category);
      return new Map(rows.filter((r) => isBlogCategory(r.category)).map((r) => [r.category as BlogCategory, Number(r.n)]));
    },

    /** Whether an article with this slug exists (the demo seed's idempotence). */
    async slugsExisting(slugs: string[]): Promise<Set<string>> {
      if (slugs.length === 0) return new Set();
      const rows = await db.select({ slug: blogArticles.slug }).from(blogArticles).where(inArray(blogArticles.slug, slugs));
      return new Set(rows.map((r) => r.slug));
    },
  };
}

export type BlogService = ReturnType<typeof createBlogService>;
