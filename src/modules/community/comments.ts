import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { translate } from '../../platform/i18n/index.ts';
import { notificationMailText } from '../../platform/mail-text.ts';
import { cleanLine } from '../../platform/text.ts';
import { withdrawAcceptancePoints } from './engagement.ts';
import type { PostingGuard } from './guard.ts';
import { mayComment, mayEditComment, mayModerateCommunity, maySeeCommentText, maySeeTopic } from './policy.ts';
import { COMMENT_MOD_ACTIONS, type CommentModAction, cleanBody, commentProblem, topicPath } from './rules.ts';
import { communityAcceptances, communityComments, communityFollows, communityRevisions, communityTopics } from './schema.ts';
import type { CommentRow, CommunityModules, TopicRow, Viewer } from './types.ts';

/** A top-level comment (a question's answer) with its replies, oldest first; a removed one keeps its place. */
export interface CommentThread {
  comment: CommentRow;
  replies: CommentRow[];
}

const lockedError = () => new AppError('community.topic_locked', {}, {}, { status: 409 });

/** The counts a comment moves on its topic: every visible comment, and the top-level ones (answers). */
const countsBy = (c: Pick<CommentRow, 'parentId'>, n: 1 | -1) => ({
  commentsCount: sql`greatest(${communityTopics.commentsCount} + ${n}, 0)`,
  answersCount: c.parentId === null ? sql`greatest(${communityTopics.answersCount} + ${n}, 0)` : sql`${communityTopics.answersCount}`,
});

/**
 * Comments on topics and answers to questions (one table; a question's top-level comments are its answers), with one
 * level of replies; their authors' edits (the earlier text kept for staff); the followers told; moderators' hide and
 * delete. A locked or removed topic takes none.
 */
export function createComments(deps: Deps, guard: PostingGuard, m: CommunityModules) {
  const { db, clock, config } = deps;

  async function lockComment(tx: DbOrTx, id: number): Promise<CommentRow> {
    const ok = parseId(id);
    const [c] = ok ? await tx.select().from(communityComments).where(eq(communityComments.id, ok)).for('update') : [];
    if (!c) throw new AppError('community.comment_not_found');
    return c;
  }

  async function topicOf(tx: DbOrTx, id: number): Promise<TopicRow> {
    const [t] = await tx.select().from(communityTopics).where(eq(communityTopics.id, id));
    if (!t) throw new AppError('community.topic_not_found');
    return t;
  }

  /** Every follower but the writer hears of the new comment in the app; the digest mails them later (engagement.ts). */
  async function tellFollowers(tx: DbOrTx, t: TopicRow, row: CommentRow, parent: CommentRow | null) {
    const url = `${topicPath(t)}#comment-${row.id}`;
    const now = clock();
    const followers = await tx
      .update(communityFollows)
      .set({
        pendingSince: sql`coalesce(${communityFollows.pendingSince}, ${now})`,
        pendingCount: sql`${communityFollows.pendingCount} + 1`,
      })
      .where(and(eq(communityFollows.topicId, t.id), ne(communityFollows.userId, row.authorId)))
      .returning({ userId: communityFollows.userId });
    const type = t.type === 'question' && row.parentId === null ? 'community.answer' : 'community.comment';
    const told = new Set<number>();
    if (parent && parent.authorId !== row.authorId) {
      const params = { title: t.title };
      await m.notifications.notify(tx, {
        userId: parent.authorId,
        type: 'community.reply',
        params,
        url,
        mail: (to) => ({
          to: to.email,
          subject: translate(to.locale, 'mail.community_reply.subject', params),
          text: notificationMailText({
            locale: to.locale,
            baseUrl: config.baseUrl,
            name: to.name,
            news: translate(to.locale, 'notification.community.reply', params),
            path: url,
          }),
        }),
      });
      told.add(parent.authorId);
    }
    for (const f of followers)
      if (!told.has(f.userId)) await m.notifications.notify(tx, { userId: f.userId, type, params: { title: t.title }, url });
  }

  const service = {
    lockComment,

    /**
     * A comment on a topic, an answer to a question, or a reply to either (`parentId`: one level — a reply to a reply
     * goes under the same comment). Refusals: field errors, contact details (400), a locked topic (409
     * `community.topic_locked`), a hidden or deleted one (404), the day's limit of a new account (429).
     */
    async comment(actor: AuthUser, topicId: number, input: { body?: unknown; parentId?: unknown }): Promise<CommentRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      const body = cleanBody(input.body);
      const problems: Record<string, string> = {};
      const bad = commentProblem(body);
      if (bad) problems.body = bad;
      await guard.noContacts(actor.id, { body }, problems);
      const ugc = await guard.isNew(actor);
      const hasParent = input.parentId !== undefined && input.parentId !== null && input.parentId !== '';
      const parentId = hasParent ? parseId(input.parentId) : null;
      if (hasParent && parentId === null) throw invalid({ parentId: 'community.parent_invalid' });
      return db
        .transaction(async (tx) => {
          const t = await topicOf(tx, parseId(topicId) ?? 0);
          if (!maySeeTopic(actor, t)) throw new AppError('community.topic_not_found');
          const may = mayComment(actor, t);
          if (may === 'locked') throw lockedError();
          if (may === 'gone') throw new AppError('community.topic_closed', {}, {}, { status: 409 });
          let parent: CommentRow | null = null;
          if (parentId !== null) {
            const [p] = await tx
              .select()
              .from(communityComments)
              .where(and(eq(communityComments.id, parentId), eq(communityComments.topicId, t.id)));
            if (p?.status !== 'visible') throw invalid({ parentId: 'community.parent_invalid' });
            parent =
              p.parentId === null ? p : ((await tx.select().from(communityComments).where(eq(communityComments.id, p.parentId)))[0] ?? p);
          }
          if (ugc) await guard.withinDailyLimit(tx, actor.id, 'comment');
          const now = clock();
          // Compare-and-set on the topic: a lock or a take-down committed meanwhile refuses the comment.
          const moved = await tx
            .update(communityTopics)
            .set({ ...countsBy({ parentId: parent?.id ?? null }, 1), lastActivityAt: now })
            .where(and(eq(communityTopics.id, t.id), eq(communityTopics.status, 'visible'), sql`${communityTopics.lockedAt} IS NULL`))
            .returning({ id: communityTopics.id });
          if (moved.length === 0) throw lockedError();
          const [row] = await tx
            .insert(communityComments)
            .values({ topicId: t.id, parentId: parent?.id ?? null, authorId: actor.id, body, ugc, createdAt: now })
            .returning();
          await tellFollowers(tx, t, row, parent);
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /** Its author edits a comment or an answer while its topic is not locked (the earlier text kept for staff). */
    async edit(actor: AuthUser, commentId: number, input: { body?: unknown }): Promise<CommentRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      const body = cleanBody(input.body);
      const problems: Record<string, string> = {};
      const bad = commentProblem(body);
      if (bad) problems.body = bad;
      // Outside the transaction: the guard records an attempt in its own.
      await guard.noContacts(actor.id, { body }, problems);
      return db.transaction(async (tx) => {
        const c = await lockComment(tx, commentId);
        const t = await topicOf(tx, c.topicId);
        const may = mayEditComment(actor, c, t);
        if (may === 'gone') throw new AppError('community.comment_not_found');
        if (may === 'forbidden') throw new AppError('community.forbidden');
        if (may === 'locked') throw lockedError();
        if (body === c.body) return c;
        const now = clock();
        await tx.insert(communityRevisions).values({
          targetType: 'comment',
          targetId: c.id,
          topicId: c.topicId,
          body: c.body,
          writtenAt: c.editedAt ?? c.createdAt,
          replacedAt: now,
        });
        const [row] = await tx.update(communityComments).set({ body, editedAt: now }).where(eq(communityComments.id, c.id)).returning();
        return row;
      });
    },

    /** The thread of a topic: top-level comments oldest first, each with its replies; texts the viewer may not read emptied. */
    async thread(viewer: Viewer | null, topicId: number): Promise<CommentThread[]> {
      const rows = await db
        .select()
        .from(communityComments)
        .where(eq(communityComments.topicId, topicId))
        .orderBy(asc(communityComments.id));
      const shown = rows
        .filter((r) => r.status !== 'deleted' || mayModerateCommunity(viewer))
        .map((r) => (maySeeCommentText(viewer, r) ? r : { ...r, body: '' }));
      const replies = new Map<number, CommentRow[]>();
      for (const r of shown) if (r.parentId !== null) replies.set(r.parentId, [...(replies.get(r.parentId) ?? []), r]);
      return shown.filter((r) => r.parentId === null).map((comment) => ({ comment, replies: replies.get(comment.id) ?? [] }));
    },

    async byId(id: number): Promise<CommentRow | null> {
      const ok = parseId(id);
      const [c] = ok ? await db.select().from(communityComments).where(eq(communityComments.id, ok)) : [];
      return c ?? null;
    },

    /**
     * Takes a comment down (a report's decision, or a moderator on the topic's page): its place in the thread stays
     * without its text; the topic's counts follow; an accepted answer stops being accepted. False when it already was.
     */
    async takeDown(tx: DbOrTx, id: number, action: 'hide' | 'delete', reason: string): Promise<boolean> {
      const c = await lockComment(tx, id);
      if (action === 'hide' ? c.status !== 'visible' : c.status === 'deleted') return false;
      const why = cleanLine(reason).slice(0, 500);
      await tx
        .update(communityComments)
        .set({ status: action === 'hide' ? 'hidden' : 'deleted', hiddenReason: why })
        .where(eq(communityComments.id, c.id));
      if (c.status === 'visible') {
        await tx
          .update(communityTopics)
          .set({
            ...countsBy(c, -1),
            acceptedCommentId: sql`CASE WHEN ${communityTopics.acceptedCommentId} = ${c.id} THEN NULL ELSE ${communityTopics.acceptedCommentId} END`,
          })
          .where(eq(communityTopics.id, c.topicId));
        const withdrawn = await tx
          .update(communityAcceptances)
          .set({ withdrawnAt: clock() })
          .where(and(eq(communityAcceptances.commentId, c.id), sql`${communityAcceptances.withdrawnAt} IS NULL`))
          .returning();
        await withdrawAcceptancePoints(m, tx, withdrawn);
      }
      return true;
    },

    /** A moderator hides, shows again or deletes a comment from the topic's page, audited. */
    async moderate(
      actor: Viewer,
      id: number,
      action: CommentModAction,
      input: { reason?: unknown },
      ip: string | null,
    ): Promise<CommentRow> {
      if (!mayModerateCommunity(actor)) throw new AppError('auth.forbidden');
      if (!(COMMENT_MOD_ACTIONS as readonly string[]).includes(action)) throw invalid({ action: 'community.action_invalid' });
      const reason = cleanLine(input.reason).slice(0, 500);
      if (action !== 'unhide' && reason.length < 5) throw invalid({ reason: 'community.reason_required' });
      return db.transaction(async (tx) => {
        const c = await lockComment(tx, id);
        if (action === 'unhide') {
          if (c.status !== 'hidden') throw new AppError('community.wrong_state');
          await tx.update(communityComments).set({ status: 'visible', hiddenReason: null }).where(eq(communityComments.id, c.id));
          await tx.update(communityTopics).set(countsBy(c, 1)).where(eq(communityTopics.id, c.topicId));
        } else if (!(await service.takeDown(tx, c.id, action, reason))) throw new AppError('community.wrong_state');
        await audit(tx, {
          actorId: actor.id,
          action: `community.comment_${action}`,
          targetType: 'community_comment',
          targetId: c.id,
          data: { reason: reason || undefined, topicId: c.topicId, status: c.status },
          ip,
        });
        const [row] = await tx.select().from(communityComments).where(eq(communityComments.id, c.id));
        return row;
      });
    },
  };
  return service;
}

export type Comments = ReturnType<typeof createComments>;
