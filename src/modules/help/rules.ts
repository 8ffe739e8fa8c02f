/**
 * The help centre's rules (RULES.md "Community and content": help articles are written by staff in Arabic and
 * English, with draft, scheduled and published states): the topics, the limits of an article, its state at a time.
 */

/** The topics in the order the help centre shows them. */
export const HELP_TOPICS = ['account', 'payments', 'orders', 'services', 'projects', 'contests', 'works', 'safety'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export function isHelpTopic(v: unknown): v is HelpTopic {
  return typeof v === 'string' && (HELP_TOPICS as readonly string[]).includes(v);
}

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const BODY_MIN = 50;
export const BODY_MAX = 50_000;
export const SLUG_MAX = 80;
export const POSITION_MAX = 1000;
/** Slugs an article cannot take: the API's own paths under /api/v1/help. */
export const RESERVED_SLUGS = ['topics'];
/** A slug: lower-case Latin letters and digits in words joined by single hyphens (an address that reads the same everywhere). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What staff choose on the form: keep it a draft, publish now, or publish at a time (scheduled). */
export const PUBLISH_CHOICES = ['draft', 'now', 'scheduled'] as const;
export type PublishChoice = (typeof PUBLISH_CHOICES)[number];

/** An article's state as people see it: a draft, published but not yet shown (scheduled), or published. */
export type ArticleState = 'draft' | 'scheduled' | 'published';

export function articleState(a: { status: string; publishAt: Date | null }, now: Date): ArticleState {
  if (a.status !== 'published' || !a.publishAt) return 'draft';
  return a.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** Whether the public sees it now. */
export const isLive = (a: { status: string; publishAt: Date | null }, now: Date) => articleState(a, now) === 'published';

export interface ArticleInput {
  slug: string;
  topic: string;
  position: number;
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
  publish: PublishChoice;
  /** For `scheduled`: when it shows. */
  publishAt: Date | null;
}

/** Each field's problem (its message code), or none: the article may be saved. */
export function articleProblems(a: ArticleInput, now: Date): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!SLUG_PATTERN.test(a.slug) || a.slug.length > SLUG_MAX || RESERVED_SLUGS.includes(a.slug)) fields.slug = 'help.slug_invalid';
  if (!isHelpTopic(a.topic)) fields.topic = 'help.topic_invalid';
  if (!Number.isInteger(a.position) || a.position < 0 || a.position > POSITION_MAX) fields.position = 'help.position_invalid';
  for (const f of ['titleAr', 'titleEn'] as const) {
    const n = a[f].trim().length;
    if (n < TITLE_MIN || n > TITLE_MAX) fields[f] = 'help.title_length';
  }
  for (const f of ['bodyAr', 'bodyEn'] as const) {
    const n = a[f].trim().length;
    if (n < BODY_MIN || n > BODY_MAX) fields[f] = 'help.body_length';
  }
  if (!(PUBLISH_CHOICES as readonly string[]).includes(a.publish)) fields.publish = 'help.publish_invalid';
  else if (a.publish === 'scheduled') {
    if (!a.publishAt || Number.isNaN(a.publishAt.getTime())) fields.publishAt = 'help.publish_at_invalid';
    else if (a.publishAt.getTime() <= now.getTime()) fields.publishAt = 'help.publish_at_past';
  }
  return fields;
}

/** The stored status and time of a choice: a draft keeps no time; "now" is now; a schedule its time. */
export function publication(choice: PublishChoice, at: Date | null, now: Date): { status: 'draft' | 'published'; publishAt: Date | null } {
  if (choice === 'draft') return { status: 'draft', publishAt: null };
  return { status: 'published', publishAt: choice === 'now' ? now : at };
}

/** The complaint category a "did not help" ticket starts in, by topic (support's categories). */
export function ticketCategoryOf(topic: string): string {
  switch (topic) {
    case 'account':
      return 'account';
    case 'payments':
      return 'payment';
    case 'orders':
    case 'services':
    case 'projects':
      return 'order';
    case 'safety':
      return 'report_abuse';
    default:
      return 'other';
  }
}
