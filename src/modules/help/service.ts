import { and, asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { type DbOrTx, queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { Origin } from '../../platform/http/auth.ts';
import { richTextPlain } from '../../platform/rich-text.ts';
import { type ListPage, searchDocumentWithin } from '../../platform/search/index.ts';
import { normalizeText } from '../../platform/text.ts';
import { mayEditHelp, maySeeArticle, mayVote } from './policy.ts';
import { type ArticleInput, type ArticleState, articleProblems, articleState, HELP_TOPICS, type HelpTopic, publication } from './rules.ts';
import { helpArticles, helpVotes } from './schema.ts';
import { type HelpHit, searchHelp } from './search.ts';

export type HelpArticle = typeof helpArticles.$inferSelect;
type Actor = { id: number; roles: readonly string[] } | null;

/** An article as the admin list shows it: its state now and its readers' answers. */
export interface AdminArticle {
  id: number;
  slug: string;
  topic: string;
  position: number;
  titleAr: string;
  titleEn: string;
  state: ArticleState;
  publishAt: Date | null;
  updatedAt: Date;
  helpful: number;
  notHelpful: number;
}

/** The searched text of an article: its titles (ranked first) and everything without its marks, normalised. */
export function searchTextsOf(a: Pick<HelpArticle, 'titleAr' | 'titleEn' | 'bodyAr' | 'bodyEn'>): {
  searchTitle: string;
  searchText: string;
} {
  const plain = (s: string) => richTextPlain(s, { headings: true });
  return {
    searchTitle: normalizeText(`${a.titleAr} ${a.titleEn}`),
    searchText: searchDocumentWithin(40_000, a.titleAr, a.titleEn, plain(a.bodyAr), plain(a.bodyEn)),
  };
}

/** The help centre (مركز المساعدة): published articles by topic, search, "was this helpful?", and the staff's editing. */
export function createHelpService(deps: Deps) {
  const { db } = deps;
  const now = () => deps.clock();
  const live = (at: Date) => and(eq(helpArticles.status, 'published'), sql`${helpArticles.publishAt} <= ${at.toISOString()}::timestamptz`);

  async function bySlug(slug: string, tx: DbOrTx = db): Promise<HelpArticle | null> {
    if (slug.length > 200) return null;
    const [row] = await tx.select().from(helpArticles).where(eq(helpArticles.slug, slug));
    return row ?? null;
  }

  function requireEditor(actor: Actor): asserts actor is NonNullable<Actor> {
    if (!actor) throw new AppError('auth.required');
    if (!mayEditHelp(actor)) throw new AppError('auth.forbidden');
  }

  async function counts(ids: number[]): Promise<Map<number, { helpful: number; notHelpful: number }>> {
    const out = new Map<number, { helpful: number; notHelpful: number }>();
    if (ids.length === 0) return out;
    const rows = await queryRows<{ id: number; yes: number; no: number }>(
      db,
      sql`SELECT article_id AS id, count(*) FILTER (WHERE helpful)::int AS yes, count(*) FILTER (WHERE NOT helpful)::int AS no
        FROM help_votes WHERE article_id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) GROUP BY article_id`,
    );
    for (const r of rows) out.set(Number(r.id), { helpful: Number(r.yes), notHelpful: Number(r.no) });
    return out;
  }

  return {
    now,

    /** Every published article now, by topic in the topics' order (each topic's in its own order). */
    async byTopic(): Promise<{ topic: HelpTopic; articles: HelpArticle[] }[]> {
      const rows = await db
        .select()
        .from(helpArticles)
        .where(live(now()))
        .orderBy(asc(helpArticles.position), asc(helpArticles.id))
        .limit(1000);
      return HELP_TOPICS.map((topic) => ({ topic, articles: rows.filter((r) => r.topic === topic) })).filter((g) => g.articles.length > 0);
    },

    /** Published articles matching a query and a topic (platform/search), a page at a time. */
    search(q: { q?: string; topic?: HelpTopic; limit?: number; cursor?: string }): Promise<ListPage<HelpHit>> {
      return searchHelp(db, { ...q, limit: q.limit ?? 20, now: now() });
    },

    /** One article by its slug: a draft or a scheduled one for its editors only (others: not found). */
    async article(slug: string, actor: Actor): Promise<HelpArticle> {
      const row = await bySlug(slug);
      if (!row || !maySeeArticle(actor, row, now())) throw new AppError('help.not_found');
      return row;
    },

    /** Other published articles of the article's topic, in their order. */
    async related(a: HelpArticle, limit = 5): Promise<HelpArticle[]> {
      return db
        .select()
        .from(helpArticles)
        .where(and(live(now()), eq(helpArticles.topic, a.topic), sql`${helpArticles.id} <> ${a.id}`))
        .orderBy(asc(helpArticles.position), asc(helpArticles.id))
        .limit(limit);
    },

    /**
     * "Was this helpful?": one answer per article and voter (`u:{id}` or `v:{hash}`), changed in place. One statement
     * (INSERT … ON CONFLICT DO UPDATE on the primary key): two answers at once leave one row, the last one's.
     */
    async vote(slug: string, voter: string, helpful: boolean): Promise<{ helpful: boolean }> {
      if (!/^[uv]:[\w-]{1,100}$/.test(voter)) throw new AppError('help.voter_invalid');
      const a = await bySlug(slug);
      if (!a || !mayVote(a, now())) throw new AppError('help.not_found');
      await db
        .insert(helpVotes)
        .values({ articleId: a.id, voter, helpful, createdAt: now(), updatedAt: now() })
        .onConflictDoUpdate({ target: [helpVotes.articleId, helpVotes.voter], set: { helpful, updatedAt: now() } });
      return { helpful };
    },

    /** This voter's answer on an article (null: none yet). */
    async voteOf(articleId: number, voter: string | null): Promise<boolean | null> {
      if (!voter) return null;
      const [row] = await db
        .select({ helpful: helpVotes.helpful })
        .from(helpVotes)
        .where(and(eq(helpVotes.articleId, articleId), eq(helpVotes.voter, voter)));
      return row ? row.helpful : null;
    },

    // ——— staff ———

    /** Every article (drafts and scheduled ones too) with its state and its readers' answers: editors only. */
    async adminList(actor: Actor): Promise<AdminArticle[]> {
      requireEditor(actor);
      const rows = await db.select().from(helpArticles).orderBy(asc(helpArticles.topic), asc(helpArticles.position), asc(helpArticles.id));
      const votes = await counts(rows.map((r) => r.id));
      const at = now();
      const order = (t: string) => (HELP_TOPICS as readonly string[]).indexOf(t);
      return rows
        .sort((x, y) => order(x.topic) - order(y.topic) || x.position - y.position || x.id - y.id)
        .map((r) => ({
          id: r.id,
          slug: r.slug,
          topic: r.topic,
          position: r.position,
          titleAr: r.titleAr,
          titleEn: r.titleEn,
          state: articleState(r, at),
          publishAt: r.publishAt,
          updatedAt: r.updatedAt,
          ...(votes.get(r.id) ?? { helpful: 0, notHelpful: 0 }),
        }));
    },

    async adminGet(actor: Actor, id: number): Promise<HelpArticle & { helpful: number; notHelpful: number }> {
      requireEditor(actor);
      const [row] = await db.select().from(helpArticles).where(eq(helpArticles.id, id));
      if (!row) throw new AppError('help.not_found');
      return { ...row, ...((await counts([id])).get(id) ?? { helpful: 0, notHelpful: 0 }) };
    },

    /** A new article (a draft, published now, or scheduled), audited. A slug already in use: 409. */
    async create(actor: Actor, input: ArticleInput, origin: Origin): Promise<HelpArticle> {
      requireEditor(actor);
      const at = now();
      const fields = articleProblems(input, at);
      if (Object.keys(fields).length) throw invalid(fields);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(helpArticles)
          .values({
            slug: input.slug,
            topic: input.topic,
            position: input.position,
            titleAr: input.titleAr.trim(),
            titleEn: input.titleEn.trim(),
            bodyAr: input.bodyAr.trim(),
            bodyEn: input.bodyEn.trim(),
            ...searchTextsOf(input),
            ...publication(input.publish, input.publishAt, at),
            createdBy: actor.id,
            updatedBy: actor.id,
            createdAt: at,
            updatedAt: at,
          })
          .onConflictDoNothing({ target: helpArticles.slug })
          .returning();
        if (!row) throw new AppError('help.slug_taken', {}, { slug: 'help.slug_taken' }, { status: 409 });
        await audit(tx, {
          actorId: actor.id,
          action: 'help.article_created',
          targetType: 'help_article',
          targetId: row.id,
          data: { slug: row.slug, status: row.status, publishAt: row.publishAt?.toISOString() ?? null },
          ip: origin.ip,
        });
        return row;
      });
    },

    /** Changes an article (its slug stays: pages link to it), audited with what changed. */
    async update(actor: Actor, id: number, input: Omit<ArticleInput, 'slug'>, origin: Origin): Promise<HelpArticle> {
      requireEditor(actor);
      const at = now();
      return db.transaction(async (tx) => {
        const [old] = await tx.select().from(helpArticles).where(eq(helpArticles.id, id)).for('update');
        if (!old) throw new AppError('help.not_found');
        // An article already shown keeps its publishing time when "now" is chosen again (its date does not jump).
        const keep = input.publish === 'now' && old.status === 'published' && old.publishAt && old.publishAt <= at;
        const fields = articleProblems({ ...input, slug: old.slug }, at);
        if (Object.keys(fields).length) throw invalid(fields);
        const pub = keep ? { status: 'published' as const, publishAt: old.publishAt } : publication(input.publish, input.publishAt, at);
        const next = {
          topic: input.topic,
          position: input.position,
          titleAr: input.titleAr.trim(),
          titleEn: input.titleEn.trim(),
          bodyAr: input.bodyAr.trim(),
          bodyEn: input.bodyEn.trim(),
        };
        const [row] = await tx
          .update(helpArticles)
          .set({ ...next, ...searchTextsOf(next), ...pub, updatedBy: actor.id, updatedAt: at })
          .where(eq(helpArticles.id, id))
          .returning();
        const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => old[k] !== next[k]);
        await audit(tx, {
          actorId: actor.id,
          action: 'help.article_updated',
          targetType: 'help_article',
          targetId: id,
          data: {
            slug: old.slug,
            changed,
            status: [old.status, row.status],
            publishAt: [old.publishAt?.toISOString() ?? null, row.publishAt?.toISOString() ?? null],
          },
          ip: origin.ip,
        });
        return row;
      });
    },
  };
}

export type HelpService = ReturnType<typeof createHelpService>;
export type { HelpHit };
