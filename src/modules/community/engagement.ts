import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { localePath, translate } from '../../platform/i18n/index.ts';
import { enqueue } from '../../platform/outbox.ts';
import { mayAccept, maySeeTopic, mayVote } from './policy.ts';
import { DIGEST_DELAY_MS, topicPath, VOTE_TARGETS, type VoteTarget } from './rules.ts';
import { communityAcceptances, communityComments, communityFollows, communityTopics, communityVotes } from './schema.ts';
import type { AcceptanceRow, CommunityModules, TopicRow, Viewer } from './types.ts';

/** A vote's points source: the topic (for the statement's link), what was voted on, and who voted. */
const voteSource = (x: { type: VoteTarget; id: number; topic: TopicRow }, voterId: number) =>
  `vote:${x.topic.id}:${x.type}:${x.id}:${voterId}`;
/** An accepted answer's points source: its question and the answer. */
export const answerSource = (topicId: number, commentId: number) => `answer:${topicId}:${commentId}`;

/** Acceptances withdrawn (changed, taken back, the answer taken down): each answerer's points for it taken back. */
export async function withdrawAcceptancePoints(m: CommunityModules, tx: DbOrTx, rows: AcceptanceRow[]): Promise<void> {
  for (const a of rows)
    await m.points.award(tx, {
      userId: a.answererId,
      reason: 'answer_unaccepted',
      source: answerSource(Number(a.topicId), Number(a.commentId)),
    });
}

/** How many followers' digests one sweep mails at most (the next sweep takes the rest). */
const DIGEST_BATCH = 200;

/**
 * Up-votes, accepted answers, following. A vote is one row per user and target (the primary key): voting is an
 * INSERT … ON CONFLICT DO NOTHING and taking it back a DELETE, each moving the target's `votes_count` in the same
 * statement only when it changed a row, so two votes at once make one. Votes and acceptances keep who received them
 * (`recipient_id`, `answerer_id`); each vote and acceptance, and each taken back, moves the recipient's points in the
 * same transaction (the points module's `award`, RULES.md "Points").
 */
export function createEngagement(deps: Deps, m: CommunityModules) {
  const { db, clock, config } = deps;

  async function target(
    type: string,
    id: number,
  ): Promise<{ type: VoteTarget; id: number; authorId: number; status: string; topic: TopicRow }> {
    if (!(VOTE_TARGETS as readonly string[]).includes(type)) throw invalid({ targetType: 'community.vote_target_invalid' });
    const ok = parseId(id);
    if (!ok) throw new AppError(type === 'topic' ? 'community.topic_not_found' : 'community.comment_not_found');
    if (type === 'topic') {
      const [t] = await db.select().from(communityTopics).where(eq(communityTopics.id, ok));
      if (!t) throw new AppError('community.topic_not_found');
      return { type, id: t.id, authorId: t.authorId, status: t.status, topic: t };
    }
    const [c] = await db.select().from(communityComments).where(eq(communityComments.id, ok));
    if (!c) throw new AppError('community.comment_not_found');
    const [t] = await db.select().from(communityTopics).where(eq(communityTopics.id, c.topicId));
    // A comment of a topic that is not visible cannot be voted on either.
    return { type: 'comment', id: c.id, authorId: c.authorId, status: t?.status === 'visible' ? c.status : 'gone', topic: t };
  }

  const withdrawPoints = (tx: DbOrTx, rows: AcceptanceRow[]) => withdrawAcceptancePoints(m, tx, rows);

  const table = (type: VoteTarget) => sql.raw(type === 'topic' ? 'community_topics' : 'community_comments');

  async function countOf(type: VoteTarget, id: number): Promise<number> {
    const [r] = await queryRows<{ n: number }>(db, sql`SELECT votes_count AS n FROM ${table(type)} WHERE id = ${id}`);
    return Number(r?.n ?? 0);
  }

  const engagement = {
    /** `actor` up-votes someone else's topic or comment (422 `community.vote_own` on their own); again changes nothing. */
    async vote(actor: AuthUser, type: string, id: number): Promise<{ votes: number; voted: true }> {
      const x = await target(type, id);
      const may = mayVote(actor, x);
      if (may === 'own') throw new AppError('community.vote_own');
      if (may !== 'ok') throw new AppError(x.type === 'topic' ? 'community.topic_not_found' : 'community.comment_not_found');
      const moved = await db.transaction(async (tx) => {
        const [row] = await queryRows<{ votes_count: number }>(
          tx,
          sql`WITH ins AS (
                INSERT INTO community_votes (target_type, target_id, user_id, recipient_id, created_at)
                VALUES (${x.type}, ${x.id}, ${actor.id}, ${x.authorId}, ${clock()})
                ON CONFLICT DO NOTHING RETURNING target_id)
              UPDATE ${table(x.type)} t SET votes_count = votes_count + 1 FROM ins WHERE t.id = ins.target_id RETURNING t.votes_count`,
        );
        // The vote's row was written: its recipient earns the up-vote's points in the same transaction.
        if (row) await m.points.award(tx, { userId: x.authorId, reason: 'vote_received', source: voteSource(x, actor.id) });
        return row;
      });
      return { votes: moved ? Number(moved.votes_count) : await countOf(x.type, x.id), voted: true };
    },

    /** `actor` takes their vote back (nothing happens when there was none). */
    async unvote(actor: AuthUser, type: string, id: number): Promise<{ votes: number; voted: false }> {
      const x = await target(type, id);
      if (!maySeeTopic(actor, x.topic)) throw new AppError('community.topic_not_found');
      const moved = await db.transaction(async (tx) => {
        const [row] = await queryRows<{ votes_count: number; recipient_id: number }>(
          tx,
          sql`WITH del AS (
                DELETE FROM community_votes WHERE target_type = ${x.type} AND target_id = ${x.id} AND user_id = ${actor.id}
                RETURNING target_id, recipient_id)
              UPDATE ${table(x.type)} t SET votes_count = greatest(votes_count - 1, 0) FROM del WHERE t.id = del.target_id
              RETURNING t.votes_count, del.recipient_id`,
        );
        // The vote taken back takes its points back (a new entry).
        if (row) await m.points.award(tx, { userId: Number(row.recipient_id), reason: 'vote_withdrawn', source: voteSource(x, actor.id) });
        return row;
      });
      return { votes: moved ? Number(moved.votes_count) : await countOf(x.type, x.id), voted: false };
    },

    /** Which of these topics or comments `userId` voted for. */
    async votedBy(userId: number | null, type: VoteTarget, ids: number[]): Promise<Set<number>> {
      if (userId === null || ids.length === 0) return new Set();
      const rows = await db
        .select({ id: communityVotes.targetId })
        .from(communityVotes)
        .where(
          and(eq(communityVotes.userId, userId), eq(communityVotes.targetType, type), inArray(communityVotes.targetId, [...new Set(ids)])),
        );
      return new Set(rows.map((r) => Number(r.id)));
    },

    /**
     * The asker accepts an answer of their own question (one at a time; accepting another replaces it, and the
     * earlier acceptance is kept as withdrawn). Refusals: not a question (422), someone else's question (403
     * `community.forbidden`), a locked one (409), not an answer of it (422), their own answer (422).
     */
    async accept(actor: AuthUser, topicId: number, commentId: unknown): Promise<{ acceptedCommentId: number }> {
      const cid = parseId(commentId);
      if (cid === null) throw invalid({ commentId: 'community.not_answer' });
      return db
        .transaction(async (tx) => {
          const ok = parseId(topicId);
          const [t] = ok ? await tx.select().from(communityTopics).where(eq(communityTopics.id, ok)).for('update') : [];
          if (!t || !maySeeTopic(actor, t)) throw new AppError('community.topic_not_found');
          const [answer] = await tx.select().from(communityComments).where(eq(communityComments.id, cid));
          const may = mayAccept(actor, t, answer ?? null);
          if (may === 'forbidden') throw new AppError('community.forbidden');
          if (may === 'locked') throw new AppError('community.topic_locked', {}, {}, { status: 409 });
          if (may === 'not_question') throw new AppError('community.not_question');
          if (may === 'not_answer') throw new AppError('community.not_answer', {}, { commentId: 'community.not_answer' });
          if (may === 'own') throw new AppError('community.accept_own');
          if (t.acceptedCommentId === answer.id) return { acceptedCommentId: answer.id };
          const now = clock();
          const withdrawn = await tx
            .update(communityAcceptances)
            .set({ withdrawnAt: now })
            .where(and(eq(communityAcceptances.topicId, t.id), sql`${communityAcceptances.withdrawnAt} IS NULL`))
            .returning();
          await withdrawPoints(tx, withdrawn);
          await tx
            .insert(communityAcceptances)
            .values({ topicId: t.id, commentId: answer.id, answererId: answer.authorId, acceptedBy: actor.id, createdAt: now });
          await m.points.award(tx, { userId: answer.authorId, reason: 'answer_accepted', source: answerSource(t.id, answer.id) });
          await tx.update(communityTopics).set({ acceptedCommentId: answer.id }).where(eq(communityTopics.id, t.id));
          const params = { title: t.title };
          const url = `${topicPath(t)}#comment-${answer.id}`;
          await m.notifications.notify(tx, {
            userId: answer.authorId,
            type: 'community.accepted',
            params,
            url,
            mail: (to) => ({
              to: to.email,
              subject: translate(to.locale, 'mail.community_accepted.subject', params),
              text: [
                translate(to.locale, 'mail.greeting', { name: to.name }),
                '',
                translate(to.locale, 'notification.community.accepted', params),
                `${config.baseUrl}${localePath(to.locale, url)}`,
                '',
                translate(to.locale, 'mail.notifications_footer'),
                `${config.baseUrl}${localePath(to.locale, '/settings/notifications')}`,
                '',
                translate(to.locale, 'mail.signature'),
              ].join('\n'),
            }),
          });
          return { acceptedCommentId: answer.id };
        })
        .finally(() => deps.outbox.kick());
    },

    /** The asker takes the acceptance back (the question shows no accepted answer again). */
    async unaccept(actor: AuthUser, topicId: number): Promise<{ acceptedCommentId: null }> {
      await db.transaction(async (tx) => {
        const ok = parseId(topicId);
        const [t] = ok ? await tx.select().from(communityTopics).where(eq(communityTopics.id, ok)).for('update') : [];
        if (!t || !maySeeTopic(actor, t)) throw new AppError('community.topic_not_found');
        if (t.type !== 'question') throw new AppError('community.not_question');
        if (t.authorId !== actor.id) throw new AppError('community.forbidden');
        if (t.lockedAt) throw new AppError('community.topic_locked', {}, {}, { status: 409 });
        const withdrawn = await tx
          .update(communityAcceptances)
          .set({ withdrawnAt: clock() })
          .where(and(eq(communityAcceptances.topicId, t.id), sql`${communityAcceptances.withdrawnAt} IS NULL`))
          .returning();
        await withdrawPoints(tx, withdrawn);
        await tx.update(communityTopics).set({ acceptedCommentId: null }).where(eq(communityTopics.id, t.id));
      });
      return { acceptedCommentId: null };
    },

    /** Follows a topic the viewer may see (idempotent), or stops following it. */
    async follow(actor: Viewer, topicId: number, on: boolean): Promise<{ following: boolean }> {
      const ok = parseId(topicId);
      const [t] = ok ? await db.select().from(communityTopics).where(eq(communityTopics.id, ok)) : [];
      if (!t || !maySeeTopic(actor, t)) throw new AppError('community.topic_not_found');
      if (on) await db.insert(communityFollows).values({ topicId: t.id, userId: actor.id, createdAt: clock() }).onConflictDoNothing();
      else await db.delete(communityFollows).where(and(eq(communityFollows.topicId, t.id), eq(communityFollows.userId, actor.id)));
      return { following: on };
    },

    async isFollowing(userId: number | null, topicId: number): Promise<boolean> {
      if (userId === null) return false;
      const [f] = await db
        .select({ u: communityFollows.userId })
        .from(communityFollows)
        .where(and(eq(communityFollows.topicId, topicId), eq(communityFollows.userId, userId)));
      return f !== undefined;
    },

    /**
     * The followers' mail digest (the worker's sweep): every follower whose new comments have waited DIGEST_DELAY_MS
     * gets one mail listing the topics with how many new comments each — unless they switched the "community" mail
     * off (the in-app notifications were sent already). Rows are taken with SKIP LOCKED, so two instances never mail
     * the same comments twice. Answers how many mails were queued.
     */
    async runDigest(now: Date = clock()): Promise<number> {
      const due = new Date(now.getTime() - DIGEST_DELAY_MS);
      return db
        .transaction(async (tx) => {
          const rows = await tx
            .select({ topicId: communityFollows.topicId, userId: communityFollows.userId, n: communityFollows.pendingCount })
            .from(communityFollows)
            .where(lte(communityFollows.pendingSince, due))
            .limit(DIGEST_BATCH)
            .for('update', { skipLocked: true });
          if (rows.length === 0) return 0;
          const users = [...new Set(rows.map((r) => r.userId))];
          // The rest of these users' pending topics go in the same mail (not only the ones past the delay).
          const all = await tx
            .select({ topicId: communityFollows.topicId, userId: communityFollows.userId, n: communityFollows.pendingCount })
            .from(communityFollows)
            .where(and(inArray(communityFollows.userId, users), sql`${communityFollows.pendingSince} IS NOT NULL`))
            .for('update', { skipLocked: true });
          const topics = new Map(
            (
              await tx
                .select()
                .from(communityTopics)
                .where(inArray(communityTopics.id, [...new Set(all.map((r) => r.topicId))]))
            ).map((t) => [t.id, t]),
          );
          let mails = 0;
          for (const userId of users) {
            const mine = all.filter((r) => r.userId === userId && topics.get(r.topicId)?.status === 'visible');
            if (mine.length && (await m.notifications.mailOn(userId, 'community', tx))) {
              const to = await m.accounts.contactOf(userId, tx);
              if (to) {
                const lines = mine.map((r) => {
                  const t = topics.get(r.topicId) as TopicRow;
                  const count = translate(to.locale, 'mail.community_digest.count', { count: r.n });
                  return `- ${t.title} (${count})\n  ${config.baseUrl}${localePath(to.locale, topicPath(t))}`;
                });
                await enqueue(tx, {
                  kind: 'mail',
                  payload: {
                    to: to.email,
                    subject: translate(to.locale, 'mail.community_digest.subject', { count: mine.length }),
                    text: [
                      translate(to.locale, 'mail.greeting', { name: to.name }),
                      '',
                      translate(to.locale, 'mail.community_digest.intro'),
                      '',
                      ...lines,
                      '',
                      translate(to.locale, 'mail.notifications_footer'),
                      `${config.baseUrl}${localePath(to.locale, '/settings/notifications')}`,
                      '',
                      translate(to.locale, 'mail.signature'),
                    ].join('\n'),
                  },
                });
                mails++;
              }
            }
            await tx
              .update(communityFollows)
              .set({ pendingSince: null, pendingCount: 0 })
              .where(
                and(
                  eq(communityFollows.userId, userId),
                  inArray(
                    communityFollows.topicId,
                    all.filter((r) => r.userId === userId).map((r) => r.topicId),
                  ),
                ),
              );
          }
          return mails;
        })
        .finally(() => deps.outbox.kick());
    },
  };
  return engagement;
}

export type Engagement = ReturnType<typeof createEngagement>;
