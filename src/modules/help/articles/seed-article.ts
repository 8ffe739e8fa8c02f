import type { HelpTopic } from '../rules.ts';

/** A help article the site starts with (seed.ts puts it in the database once; staff edit it from then on). */
export interface SeedArticle {
  slug: string;
  topic: HelpTopic;
  position: number;
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
}
