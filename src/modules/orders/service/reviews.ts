import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { isFiveStar } from '../../points/index.ts';
import { contactRefusal, scanContacts } from '../../trust/index.ts';
import { roleOnOrder } from '../policy.ts';
import { isReviewable, REVIEW_BLIND_MS, reviewProblems } from '../rules.ts';
import { reviews } from '../schema.ts';
import type { OrderSteps, ReviewRow } from './steps.ts';

/** Reviews (RULES.md "Reviews"): each side reviews the other once after completion or a cancellation, double-blind; one reply. */
export function createReviews(s: OrderSteps) {
  const { deps, m, load, event, checkMessage, recordingContacts, recomputeLevel, syncPersonStats } = s;
  const { db, clock } = deps;

  /** Double-blind: both reviews of an order appear together; the service's rating counts the buyer's. */
  async function publish(tx: DbOrTx, rows: ReviewRow[], now: Date) {
    // Both people's records at once, in id order: two orders between the same two people, published together with
    // the roles swapped, never wait on each other.
    await m.accounts.lockPersonRecords(
      rows.filter((r) => !r.publishedAt).map((r) => r.subjectId),
      tx,
    );
    for (const r of rows) {
      if (r.publishedAt) continue;
      const [p] = await tx
        .update(reviews)
        .set({ publishedAt: now })
        .where(and(eq(reviews.id, r.id), isNull(reviews.publishedAt)))
        .returning();
      if (p && p.authorRole === 'buyer') {
        const overall = Math.round((p.quality + p.communication + p.onTime) / 3);
        if (p.serviceId) await m.catalog.addRating(p.serviceId, overall, tx);
        await recomputeLevel(tx, p.subjectId);
      } else if (p) await syncPersonStats(tx, p.subjectId);
      // A 5-star review received earns its subject points when it is published (either side's review).
      if (p && isFiveStar(p)) await m.points.award(tx, { userId: p.subjectId, reason: 'review_5star', source: `review:${p.id}` });
    }
  }

  /** Reviews still hidden 10 days after their order completed (or was cancelled) are published (the timers' sweep). */
  async function publishDue(now: Date): Promise<number> {
    const due = await queryRows<{ id: number }>(
      db,
      sql`SELECT r.id FROM reviews r JOIN orders o ON o.id = r.order_id
          WHERE r.published_at IS NULL AND COALESCE(o.completed_at, o.cancelled_at) <= ${new Date(now.getTime() - REVIEW_BLIND_MS).toISOString()}::timestamptz LIMIT 200`,
    );
    if (!due.length) return 0;
    return db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(reviews)
        .where(
          inArray(
            reviews.id,
            due.map((d) => Number(d.id)),
          ),
        );
      await publish(tx, rows, now);
      return rows.length;
    });
  }

  /** Published, not removed reviews of a service (by its buyers) or of a person (received as seller, buyer or both). */
  function publishedRows(by: { serviceId?: number; subjectId?: number; as?: 'seller' | 'buyer' }, limit: number) {
    return db
      .select()
      .from(reviews)
      .where(
        and(
          sql`${reviews.publishedAt} IS NOT NULL`,
          isNull(reviews.removedAt),
          by.serviceId ? and(eq(reviews.serviceId, by.serviceId), eq(reviews.authorRole, 'buyer')) : undefined,
          by.subjectId ? eq(reviews.subjectId, by.subjectId) : undefined,
          by.as ? eq(reviews.authorRole, by.as === 'seller' ? 'buyer' : 'seller') : undefined,
        ),
      )
      .orderBy(desc(reviews.id))
      .limit(limit);
  }

  const withAuthors = (rows: ReviewRow[], people: Map<number, { username: string; displayName: string }>) =>
    rows.map((r) => ({
      r,
      author: { username: people.get(r.authorId)?.username ?? '', displayName: people.get(r.authorId)?.displayName ?? '' },
    }));

  return {
    publishDue,

    /** A side reviews the other after completion (once); published when both are in or 10 days after completion. */
    async review(actor: AuthUser, orderId: number, input: { quality: unknown; communication: unknown; onTime: unknown; comment: unknown }) {
      await m.trust.assertAllowed(actor.id, 'posting');
      const problems = reviewProblems(input);
      if (Object.keys(problems).length) throw invalid(problems);
      const comment = String(input.comment ?? '');
      const scan = scanContacts(comment);
      if (scan.contact) {
        await m.trust.recordAttempt(actor.id, 'review', scan.matches);
        throw contactRefusal({ comment: scan.matches });
      }
      const row = await db.transaction(async (tx) => {
        const o = await load(tx, orderId, true);
        const role = roleOnOrder(o, actor);
        if (role !== 'buyer' && role !== 'seller') throw new AppError(role === 'other' ? 'order.not_found' : 'order.forbidden');
        if (!isReviewable(o)) throw new AppError('review.not_completed');
        const [r] = await tx
          .insert(reviews)
          .values({
            orderId: o.id,
            serviceId: o.serviceId,
            authorId: actor.id,
            subjectId: role === 'buyer' ? o.sellerId : o.buyerId,
            authorRole: role,
            quality: input.quality as number,
            communication: input.communication as number,
            onTime: input.onTime as number,
            comment: String(input.comment ?? '').trim(),
            createdAt: clock(),
          })
          .onConflictDoNothing()
          .returning();
        if (!r) throw new AppError('review.already');
        const both = await tx.select().from(reviews).where(eq(reviews.orderId, o.id));
        if (both.length === 2) await publish(tx, both, clock());
        await event(tx, o, actor.id, 'reviewed');
        return { ...r, published: both.length === 2 };
      });
      return { id: row.id, published: row.published };
    },

    /** The reviewed person answers a published review, once. */
    async reply(actor: AuthUser, reviewId: number, text: string) {
      await m.trust.assertAllowed(actor.id, 'posting');
      const t = await recordingContacts(actor.id, [text], async () => checkMessage(text, 'reply'));
      const [r] = await db
        .update(reviews)
        .set({ reply: t, repliedAt: clock() })
        .where(
          and(eq(reviews.id, reviewId), eq(reviews.subjectId, actor.id), isNull(reviews.reply), sql`${reviews.publishedAt} IS NOT NULL`),
        )
        .returning();
      if (!r) throw new AppError('review.reply_not_allowed');
      return { id: r.id };
    },

    /** An order's reviews, published or not, removed ones included (moderation reads them so). */
    async reviewsOfOrder(orderId: number, tx: DbOrTx = db) {
      return tx.select().from(reviews).where(eq(reviews.orderId, orderId)).orderBy(reviews.id);
    },

    /** A review for moderation (reports): who wrote it, about whom, its text; null when unknown. */
    async reviewById(id: number, tx: DbOrTx = db) {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [r] = await tx.select().from(reviews).where(eq(reviews.id, id));
      return r ?? null;
    },

    /** Moderators remove a review (policy 9): no longer shown or counted in the person's record; the row stays. */
    async removeReview(tx: DbOrTx, id: number): Promise<boolean> {
      const r = await tx
        .update(reviews)
        .set({ removedAt: clock() })
        .where(and(eq(reviews.id, id), isNull(reviews.removedAt)))
        .returning({ id: reviews.id, subjectId: reviews.subjectId });
      if (r[0]) {
        await syncPersonStats(tx, r[0].subjectId);
        // The points it earned (a 5-star review) are taken back by a new entry.
        await m.points.award(tx, { userId: r[0].subjectId, reason: 'review_removed', source: `review:${r[0].id}` });
      }
      return r.length > 0;
    },

    /**
     * Published reviews of a seller's service, or of a person — received `as` seller (written by buyers) or as buyer
     * (by sellers), or both — newest first.
     */
    async publicReviews(by: { serviceId?: number; subjectId?: number; as?: 'seller' | 'buyer' }, limit = 20) {
      const rows = await publishedRows(by, limit);
      return withAuthors(rows, await m.accounts.publicByIds(rows.map((r) => r.authorId)));
    },

    /** A person's profile: the reviews they received as seller and as buyer (newest `limit` of each), in three reads. */
    async profileReviews(subjectId: number, limit = 10) {
      const [asSeller, asBuyer] = await Promise.all([
        publishedRows({ subjectId, as: 'seller' }, limit),
        publishedRows({ subjectId, as: 'buyer' }, limit),
      ]);
      const people = await m.accounts.publicByIds([...asSeller, ...asBuyer].map((r) => r.authorId));
      return { asSeller: withAuthors(asSeller, people), asBuyer: withAuthors(asBuyer, people) };
    },
  };
}
