import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { scanContacts } from '../trust/index.ts';
import { maySeeContest } from './policy.ts';
import { COMMENT_MAX, COMMENT_MIN } from './rules.ts';
import { contestComments, contests } from './schema.ts';
import type { ContestsModules } from './service.ts';

export type CommentRow = typeof contestComments.$inferSelect;

/** A comment with its replies, oldest first (a removed one keeps its place, without its text). */
export interface CommentThread {
  comment: CommentRow;
  replies: CommentRow[];
}

/** Statuses whose contest takes comments: live or ended, never a draft or one in review. */
const TALKING = ['open', 'judging', 'staff', 'awarding', 'finished'];

/**
 * The contest's public thread (issue 16: "a public comment thread with replies"): anyone signed in comments on
 * a published contest, replies to a comment (one level), and edits their own; no contact details (privacy
 * policy 4: refused and recorded). The owner hears of a comment, a comment's author of a reply.
 */
export function createContestComments(deps: Deps, m: Pick<ContestsModules, 'notifications' | 'trust'>) {
  const { db, clock } = deps;

  async function body(actorId: number, value: unknown): Promise<string> {
    const s = typeof value === 'string' ? value.trim() : '';
    const scan = scanContacts(s);
    if (scan.contact) {
      await m.trust.recordAttempt(actorId, 'contest_comment', scan.matches);
      throw invalid({ body: 'trust.contact_info' }, { found: scan.matches.map((x) => x.text).join('، ') });
    }
    if (s.length < COMMENT_MIN || s.length > COMMENT_MAX) throw invalid({ body: 'contest.comment_length' });
    return s;
  }

  async function contestFor(tx: DbOrTx, id: number) {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('contest.not_found');
    const [c] = await tx.select().from(contests).where(eq(contests.id, id));
    if (!c) throw new AppError('contest.not_found');
    return c;
  }

  return {
    /** A comment on a published contest, or a reply to one of its comments. */
    async comment(actor: AuthUser, contestId: number, input: { body?: unknown; parentId?: number | null }): Promise<CommentRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      const text = await body(actor.id, input.body);
      return db
        .transaction(async (tx) => {
          const c = await contestFor(tx, contestId);
          if (!maySeeContest(actor, c)) throw new AppError('contest.not_found');
          if (!TALKING.includes(c.status)) throw new AppError('contest.wrong_state');
          let parent: CommentRow | null = null;
          if (input.parentId !== undefined && input.parentId !== null) {
            const [p] = await tx
              .select()
              .from(contestComments)
              .where(and(eq(contestComments.id, input.parentId), eq(contestComments.contestId, c.id)));
            // Replies are one level deep: a reply to a reply goes under the same comment.
            if (!p || p.status !== 'visible') throw invalid({ parentId: 'contest.comment_parent_invalid' });
            parent =
              p.parentId === null ? p : ((await tx.select().from(contestComments).where(eq(contestComments.id, p.parentId)))[0] ?? p);
          }
          const [row] = await tx
            .insert(contestComments)
            .values({ contestId: c.id, userId: actor.id, parentId: parent?.id ?? null, body: text, createdAt: clock() })
            .returning();
          const url = `/contests/${c.id}#comment-${row.id}`;
          if (c.ownerId !== actor.id)
            await m.notifications.notify(tx, { userId: c.ownerId, type: 'contest.comment', params: { title: c.title }, url });
          if (parent && parent.userId !== actor.id && parent.userId !== c.ownerId)
            await m.notifications.notify(tx, { userId: parent.userId, type: 'contest.reply', params: { title: c.title }, url });
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** Its author edits a comment (the thread shows that it was edited). */
    async edit(actor: AuthUser, commentId: number, input: { body?: unknown }): Promise<CommentRow> {
      const text = await body(actor.id, input.body);
      const [row] = await db
        .update(contestComments)
        .set({ body: text, editedAt: clock() })
        .where(and(eq(contestComments.id, commentId), eq(contestComments.userId, actor.id), eq(contestComments.status, 'visible')))
        .returning();
      if (!row) throw new AppError('contest.comment_not_found');
      return row;
    },

    /** The thread of a contest the viewer may see: comments oldest first, each with its replies. */
    async thread(viewer: Pick<AuthUser, 'id' | 'roles'> | null, contestId: number): Promise<CommentThread[]> {
      const c = await contestFor(db, contestId);
      if (!maySeeContest(viewer, c)) throw new AppError('contest.not_found');
      const rows = await db
        .select()
        .from(contestComments)
        .where(and(eq(contestComments.contestId, c.id), isNull(contestComments.entryId)))
        .orderBy(asc(contestComments.id));
      const shown = rows.map((r) => (r.status === 'visible' ? r : { ...r, body: '' }));
      return shown
        .filter((r) => r.parentId === null)
        .map((comment) => ({ comment, replies: shown.filter((r) => r.parentId === comment.id) }));
    },

    /** A moderator's takedown (the report flow): the comment's text is gone, its place in the thread stays. */
    async remove(tx: DbOrTx, commentId: number): Promise<boolean> {
      const r = await tx
        .update(contestComments)
        .set({ status: 'removed' })
        .where(and(eq(contestComments.id, commentId), eq(contestComments.status, 'visible')))
        .returning({ id: contestComments.id });
      return r.length > 0;
    },

    async byId(commentId: number): Promise<CommentRow | null> {
      if (!Number.isSafeInteger(commentId) || commentId < 1) return null;
      const [row] = await db.select().from(contestComments).where(eq(contestComments.id, commentId));
      return row ?? null;
    },
  };
}

export type ContestComments = ReturnType<typeof createContestComments>;
