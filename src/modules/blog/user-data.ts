import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { blogArticles } from './schema.ts';

/**
 * The blog's part of a legal export (ModuleManifest `userData`): the articles the user wrote (staff with the
 * `content` permission), drafts and scheduled ones included, with their text and cover file id.
 */
export async function blogUserData(tx: DbOrTx, userId: number) {
  const articles = await tx
    .select({
      id: blogArticles.id,
      slug: blogArticles.slug,
      category: blogArticles.category,
      status: blogArticles.status,
      titleAr: blogArticles.titleAr,
      bodyAr: blogArticles.bodyAr,
      titleEn: blogArticles.titleEn,
      bodyEn: blogArticles.bodyEn,
      coverFileId: blogArticles.coverFileId,
      publishAt: blogArticles.publishAt,
      updatedBy: blogArticles.updatedBy,
      createdAt: blogArticles.createdAt,
      updatedAt: blogArticles.updatedAt,
    })
    .from(blogArticles)
    .where(eq(blogArticles.authorId, userId))
    .orderBy(asc(blogArticles.id));
  return { blog: { articles } };
}
