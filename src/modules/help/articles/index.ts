import { ACCOUNT_PAYMENTS } from './account-payments.ts';
import type { SeedArticle } from './seed-article.ts';
import { WORK_SAFETY } from './work-safety.ts';

export type { SeedArticle };

/** The help centre's first articles, in both languages (seed.ts). */
export const SEED_ARTICLES: readonly SeedArticle[] = [...ACCOUNT_PAYMENTS, ...WORK_SAFETY];
