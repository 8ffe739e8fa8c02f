import { asc, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { orders, reviews } from './schema.ts';

/**
 * The orders' part of a legal export (ModuleManifest `userData`): the orders the user bought and sold, and the
 * reviews they wrote and received, each column named.
 */
export async function ordersUserData(tx: DbOrTx, userId: number) {
  const orderColumns = {
    id: orders.id,
    serviceId: orders.serviceId,
    buyerId: orders.buyerId,
    sellerId: orders.sellerId,
    status: orders.status,
    title: orders.title,
    unitPriceCents: orders.unitPriceCents,
    quantity: orders.quantity,
    addons: orders.addons,
    totalCents: orders.totalCents,
    commissionBp: orders.commissionBp,
    instructions: orders.instructions,
    createdAt: orders.createdAt,
    startedAt: orders.startedAt,
    deliveredAt: orders.deliveredAt,
    completedAt: orders.completedAt,
    cancelledAt: orders.cancelledAt,
    cancelReason: orders.cancelReason,
  };
  const asBuyer = await tx.select(orderColumns).from(orders).where(eq(orders.buyerId, userId)).orderBy(asc(orders.id));
  const asSeller = await tx.select(orderColumns).from(orders).where(eq(orders.sellerId, userId)).orderBy(asc(orders.id));

  const reviewRows = await tx
    .select({
      id: reviews.id,
      orderId: reviews.orderId,
      serviceId: reviews.serviceId,
      authorId: reviews.authorId,
      subjectId: reviews.subjectId,
      authorRole: reviews.authorRole,
      quality: reviews.quality,
      communication: reviews.communication,
      onTime: reviews.onTime,
      comment: reviews.comment,
      reply: reviews.reply,
      createdAt: reviews.createdAt,
      publishedAt: reviews.publishedAt,
      repliedAt: reviews.repliedAt,
      removedAt: reviews.removedAt,
    })
    .from(reviews)
    .where(or(eq(reviews.authorId, userId), eq(reviews.subjectId, userId)))
    .orderBy(asc(reviews.id));

  return {
    orders: { asBuyer, asSeller },
    reviews: {
      written: reviewRows.filter((r) => r.authorId === userId),
      received: reviewRows.filter((r) => r.subjectId === userId),
    },
  };
}
