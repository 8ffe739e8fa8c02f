import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { workLikes, works } from './schema.ts';

/**
 * The works' part of a legal export (ModuleManifest `userData`): the user's portfolio items in every status (a
 * deleted work's row stays for staff) with their image ids, and the likes they gave. Views are counted without
 * naming the viewer beyond a day, so none are given. Each select names its columns.
 */
export async function worksUserData(tx: DbOrTx, userId: number) {
  const items = await tx
    .select({
      id: works.id,
      status: works.status,
      title: works.title,
      description: works.description,
      categoryId: works.categoryId,
      skills: works.skills,
      imageIds: works.imageIds,
      link: works.link,
      orderId: works.orderId,
      likesCount: works.likesCount,
      viewsCount: works.viewsCount,
      hiddenReason: works.hiddenReason,
      publishedAt: works.publishedAt,
      deletedAt: works.deletedAt,
      createdAt: works.createdAt,
      updatedAt: works.updatedAt,
    })
    .from(works)
    .where(eq(works.ownerId, userId))
    .orderBy(asc(works.id));
  const likesGiven = await tx
    .select({ workId: workLikes.workId, createdAt: workLikes.createdAt })
    .from(workLikes)
    .where(eq(workLikes.userId, userId))
    .orderBy(asc(workLikes.createdAt), asc(workLikes.workId));
  return { works: { items, likesGiven } };
}
