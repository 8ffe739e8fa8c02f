import { searchDocument } from '../../platform/search/index.ts';
import { cleanLine, normalizeText } from '../../platform/text.ts';

/** The community's numbers (RULES.md "Community (الملتقى) and content") and its pure checks: one function a rule. */

export const TOPIC_TYPES = ['discussion', 'question'] as const;
export type TopicType = (typeof TOPIC_TYPES)[number];

export const TITLE_MIN = 10;
export const TITLE_MAX = 120;
export const BODY_MIN = 20;
export const BODY_MAX = 20_000;
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 5_000;
export const SKILLS_MAX = 5;
export const SKILL_MAX_CHARS = 30;

/** A new account: younger than this, or without a verified mail address. */
export const NEW_ACCOUNT_HOURS = 24;
/** What a new account may post in a day (a rolling 24 hours). */
export const NEW_ACCOUNT_DAILY = { topic: 3, comment: 20 } as const;
export const DAY_MS = 86_400_000;

/** A follower's new comments wait this long for more before the digest mails them together. */
export const DIGEST_DELAY_MS = 60 * 60_000;

export const TOPIC_SORTS = ['active', 'newest', 'votes'] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];

/** The moderators' actions on a topic (each audited). */
export const TOPIC_MOD_ACTIONS = ['hide', 'unhide', 'delete', 'lock', 'unlock', 'pin', 'unpin', 'move'] as const;
export type TopicModAction = (typeof TOPIC_MOD_ACTIONS)[number];
export const COMMENT_MOD_ACTIONS = ['hide', 'unhide', 'delete'] as const;
export type CommentModAction = (typeof COMMENT_MOD_ACTIONS)[number];

export const VOTE_TARGETS = ['topic', 'comment'] as const;
export type VoteTarget = (typeof VOTE_TARGETS)[number];

/** A title's problem (10–120 characters after tidying its spaces), or null. */
export function titleProblem(title: string): string | null {
  return title.length < TITLE_MIN || title.length > TITLE_MAX ? 'community.title_length' : null;
}

/** A topic's or question's body: 20–20,000 characters. */
export function bodyProblem(body: string): string | null {
  return body.length < BODY_MIN || body.length > BODY_MAX ? 'community.body_length' : null;
}

/** A comment's or answer's body: 2–5,000 characters. */
export function commentProblem(body: string): string | null {
  return body.length < COMMENT_MIN || body.length > COMMENT_MAX ? 'community.comment_length' : null;
}

/** Up to SKILLS_MAX skills, each up to SKILL_MAX_CHARS. */
export function skillsProblem(skills: string[]): string | null {
  return skills.length > SKILLS_MAX || skills.some((s) => s.length > SKILL_MAX_CHARS) ? 'community.skills_invalid' : null;
}

/** Skills as typed (a list, or one line split at commas), tidied and without repeats. */
export function skillsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,،\n]/) : [];
  return list
    .map((x) => cleanLine(String(x)))
    .filter(Boolean)
    .filter((x, i, a) => a.findIndex((y) => normalizeText(y) === normalizeText(x)) === i);
}

/** A body as typed: line endings unified, trailing spaces and outer blank lines dropped (the formatting kept). */
export function cleanBody(v: unknown): string {
  if (typeof v !== 'string') return '';
  return v
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .trim();
}

/** Whether an account is new for the community's limits: younger than NEW_ACCOUNT_HOURS, or its mail unverified. */
export function isNewAccount(a: { createdAt: Date; emailVerified: boolean }, now: Date): boolean {
  return !a.emailVerified || now.getTime() - a.createdAt.getTime() < NEW_ACCOUNT_HOURS * 3_600_000;
}

/** Whether a new account has used up its day's posts of this kind (`used`: in the last 24 hours). */
export function overDailyLimit(kind: keyof typeof NEW_ACCOUNT_DAILY, used: number): boolean {
  return used >= NEW_ACCOUNT_DAILY[kind];
}

/** A readable address part from a title ("12-كيف-أبدأ"): letters and digits of any script, dashes between words. */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A section's slug as staff type it: 2–40 of a-z, 0-9 and dashes. */
export function sectionSlugProblem(slug: string): string | null {
  return /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug) && slug.length >= 2 ? null : 'community.section_slug_invalid';
}

/** A section's name in one language: 2–40 characters. */
export function sectionNameProblem(name: string): string | null {
  return name.length < 2 || name.length > 40 ? 'community.section_name_invalid' : null;
}

/** A topic's path: discussions under /community, questions under /questions, the slug after the id. */
export function topicPath(t: { id: number; type: string; title: string }): string {
  const slug = slugOf(t.title);
  return `/${t.type === 'question' ? 'questions' : 'community'}/${t.id}${slug ? `-${encodeURIComponent(slug)}` : ''}`;
}

/** The search text of a topic: title, skills, its section's names and body (the listings' searchDocument). */
export function searchTextOf(t: { title: string; body: string; skills: string[] }, sectionNames = ''): string {
  return searchDocument(t.title, t.skills.join(' '), sectionNames, t.body);
}
