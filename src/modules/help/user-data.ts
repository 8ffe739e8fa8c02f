import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { helpArticles, helpVotes } from './schema.ts';

/**
 * The help centre's part of a legal export (ModuleManifest `userData`): the user's "was this helpful?" answers,
 * signed in (`u:{id}`; a visitor's answers are kept under a hash of their cookie and belong to no account), with
 * the article each was given on.
 */
export async function helpUserData(tx: DbOrTx, userId: number) {
  const votes = await tx
    .select({
      articleId: helpVotes.articleId,
      slug: helpArticles.slug,
      helpful: helpVotes.helpful,
      createdAt: helpVotes.createdAt,
      updatedAt: helpVotes.updatedAt,
    })
    .from(helpVotes)
    .innerJoin(helpArticles, eq(helpArticles.id, helpVotes.articleId))
    .where(eq(helpVotes.voter, `u:${userId}`))
    .orderBy(asc(helpVotes.createdAt), asc(helpVotes.articleId));
  return { help: { votes } };
}
