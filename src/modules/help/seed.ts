import type { DbOrTx } from '../../platform/db/index.ts';
import { SEED_ARTICLES } from './articles/index.ts';
import { helpArticles } from './schema.ts';
import { searchTextsOf } from './service.ts';

/** When the first articles were published (a fixed time: they are shown from the first start). */
export const SEED_PUBLISHED_AT = new Date('2025-06-01T00:00:00Z');

/**
 * The help centre's first articles on every database, production included: at every start, each article whose slug
 * is not there yet is added, published (slugs never change, and articles are never deleted — staff unpublish them
 * as drafts — so an article staff edited or unpublished is left as they left it).
 */
export async function seedHelpArticles(tx: DbOrTx): Promise<void> {
  await tx
    .insert(helpArticles)
    .values(
      SEED_ARTICLES.map((a) => ({
        ...a,
        ...searchTextsOf(a),
        status: 'published',
        publishAt: SEED_PUBLISHED_AT,
        createdAt: SEED_PUBLISHED_AT,
        updatedAt: SEED_PUBLISHED_AT,
      })),
    )
    .onConflictDoNothing({ target: helpArticles.slug });
}
