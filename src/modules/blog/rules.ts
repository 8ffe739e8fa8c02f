import { richTextPlain } from '../../platform/rich-text.ts';
import { asciiDigits, cleanLine } from '../../platform/text.ts';

/** The blog's categories: a small fixed list (each has `blog.category.{id}` in both languages). */
export const BLOG_CATEGORIES = ['freelancing', 'selling', 'business', 'kafiil'] as const;
export type BlogCategory = (typeof BLOG_CATEGORIES)[number];
export const isBlogCategory = (v: unknown): v is BlogCategory => (BLOG_CATEGORIES as readonly unknown[]).includes(v);

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
/** A body to publish: at least this long (a few sentences), at most this long (a long article). */
export const BODY_MIN = 200;
export const BODY_MAX = 50_000;
export const SLUG_MAX = 80;
/** Letters a-z, digits, single hyphens between them. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The cover file's purpose (`files.purpose`): served at /files/{publicId} by policy.ts `coverAccess`. */
export const BLOG_COVER = 'blog_cover';
/** Articles a page (and the API's default page). */
export const PAGE_SIZE = 12;
export const RELATED_MAX = 3;
export const EXCERPT_CHARS = 220;

export type Lang = 'ar' | 'en';
export type ArticleState = 'draft' | 'scheduled' | 'published';

/** What staff typed, cleaned: one-line fields trimmed, bodies as written (the simple formatting). */
export interface ArticleDraft {
  slug: string;
  category: string;
  titleAr: string;
  bodyAr: string;
  titleEn: string;
  bodyEn: string;
  /** The publish date typed, or null (none typed: "now" when publishing). NaN date when it could not be read. */
  publishAt: Date | null;
}

/** An English title as an address: "How to sell your first service!" → "how-to-sell-your-first-service". */
export function slugify(text: string): string {
  return asciiDigits(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
}

/**
 * A date-and-time as a form or the API sends it: `2026-12-01T09:30` (the form's datetime-local, read as UTC),
 * a full ISO time with its zone, or empty (null). Anything else is an invalid date (the field's error).
 */
export function parsePublishAt(v: unknown): Date | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return new Date(Number.NaN);
  const s = asciiDigits(v.trim());
  if (s === '') return null;
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s);
  if (!local && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return new Date(Number.NaN);
  return new Date(local ? `${s}Z` : s);
}

/** The form's or the API's input as a draft (a slug left empty is made from the English title). */
export function toArticleDraft(input: Record<string, unknown>): ArticleDraft {
  const body = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');
  const titleEn = cleanLine(input.titleEn);
  const typed = cleanLine(input.slug).toLowerCase();
  return {
    slug: typed === '' ? slugify(titleEn) : typed,
    category: cleanLine(input.category),
    titleAr: cleanLine(input.titleAr),
    bodyAr: body(input.bodyAr),
    titleEn,
    bodyEn: body(input.bodyEn),
    publishAt: parsePublishAt(input.publishAt),
  };
}

/** The languages an article has: one whose title or body is written (both are needed to publish it). */
export function languagesOf(a: { titleAr: string; bodyAr: string; titleEn: string; bodyEn: string }): Lang[] {
  const out: Lang[] = [];
  if (a.titleAr || a.bodyAr) out.push('ar');
  if (a.titleEn || a.bodyEn) out.push('en');
  return out;
}

/**
 * What is wrong with a draft, by field (each value a message code). Saving as a draft needs a slug, a category and a
 * title in one language; publishing needs each language begun to be complete (a title of TITLE_MIN–TITLE_MAX and a
 * body of BODY_MIN–BODY_MAX characters), and at least one language.
 */
export function articleProblems(d: ArticleDraft, mode: 'draft' | 'publish'): Record<string, string> {
  const p: Record<string, string> = {};
  if (d.slug === '') p.slug = 'blog.slug_required';
  else if (d.slug.length > SLUG_MAX || !SLUG_PATTERN.test(d.slug)) p.slug = 'blog.slug_invalid';
  if (!isBlogCategory(d.category)) p.category = 'blog.category_invalid';
  if (d.publishAt && Number.isNaN(d.publishAt.getTime())) p.publishAt = 'blog.date_invalid';
  const langs = languagesOf(d);
  if (langs.length === 0) {
    p.titleAr = 'blog.language_required';
    return p;
  }
  for (const lang of langs) {
    const title = lang === 'ar' ? d.titleAr : d.titleEn;
    const body = lang === 'ar' ? d.bodyAr : d.bodyEn;
    const titleKey = lang === 'ar' ? 'titleAr' : 'titleEn';
    const bodyKey = lang === 'ar' ? 'bodyAr' : 'bodyEn';
    if (title.length > TITLE_MAX || (title.length < TITLE_MIN && (mode === 'publish' || title.length > 0)))
      p[titleKey] = 'blog.title_length';
    if (body.length > BODY_MAX || (mode === 'publish' && body.length < BODY_MIN)) p[bodyKey] = 'blog.body_length';
  }
  if (mode === 'draft' && !d.titleAr && !d.titleEn) p.titleAr = 'blog.title_length';
  return p;
}

/** Where an article stands at `now`: a draft, published but still ahead (scheduled), or public. */
export function articleState(a: { status: string; publishAt: Date | null }, now: Date): ArticleState {
  if (a.status !== 'published' || a.publishAt === null) return 'draft';
  return a.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** The article's text in `lang` when it has it, else in its other language (`fallback: true`: the page says so). */
export function versionOf(
  a: { titleAr: string; bodyAr: string; titleEn: string; bodyEn: string },
  lang: Lang,
): { lang: Lang; title: string; body: string; fallback: boolean } {
  const has = languagesOf(a);
  const use = has.includes(lang) || has.length === 0 ? lang : has[0];
  return use === 'ar'
    ? { lang: 'ar', title: a.titleAr, body: a.bodyAr, fallback: use !== lang }
    : { lang: 'en', title: a.titleEn, body: a.bodyEn, fallback: use !== lang };
}

/** The first words of a body as plain text (lists, feeds, Open Graph and search result descriptions). */
export function excerptOf(body: string, n = EXCERPT_CHARS): string {
  const plain = richTextPlain(body, { headings: true }).replace(/\s+/g, ' ').trim();
  if (plain.length <= n) return plain;
  const cut = plain.slice(0, n - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s،,.:;!؟?]+$/u, '')}…`;
}

/** A list's keyset cursor: the last article's publish time (ms) and id, "1767225600000.42". */
export const CURSOR_RE = /^\d{1,15}\.\d{1,15}$/;
export function cursorOf(a: { publishAt: Date | null; id: number }): string {
  return `${a.publishAt?.getTime() ?? 0}.${a.id}`;
}
export function readCursor(v: unknown): { at: Date; id: number } | null {
  if (typeof v !== 'string' || !CURSOR_RE.test(v)) return null;
  const [ms, id] = v.split('.').map(Number);
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(id)) return null;
  return { at: new Date(ms), id };
}
