/** Pure rules of portfolio works (RULES.md "Portfolio (الأعمال) and freelancers", issue 17). */

export const TITLE_MIN = 10;
export const TITLE_MAX = 100;
export const DESCRIPTION_MIN = 30;
export const DESCRIPTION_MAX = 5000;
export const SKILLS_MAX = 10;
export const SKILL_MAX_CHARS = 30;
/** A cover image and up to 10 more. */
export const IMAGES_MAX = 11;
export const LINK_MAX = 500;
/** "More by this freelancer" on a work's page. */
export const MORE_BY_OWNER = 6;
/** A work's owner is told of likes at most once in this many hours (the first like after a quiet day). */
export const LIKE_NOTICE_HOURS = 24;
/** What `POST /api/v1/files` and the forms store a work's images as (`files.purpose`). */
export const WORK_IMAGE = 'work_image';

/**
 * draft (only its owner sees it) → published (everyone) ⇄ hidden (its owner and staff: hidden by the owner, or taken
 * down by a moderator with a reason the owner is shown) → deleted (soft: staff keep it; nobody else sees it).
 */
export const WORK_STATUSES = ['draft', 'published', 'hidden', 'deleted'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** Statuses whose owner may still edit the work (and publish it). */
export const EDITABLE: readonly WorkStatus[] = ['draft', 'published', 'hidden'];

/** What the owner may do to a work in each status (the owner's buttons; the service checks the same). */
export const OWNER_ACTIONS: Record<WorkStatus, readonly ('publish' | 'hide' | 'delete' | 'edit')[]> = {
  draft: ['publish', 'edit', 'delete'],
  published: ['hide', 'edit', 'delete'],
  hidden: ['publish', 'edit', 'delete'],
  deleted: [],
};

export function ownerMay(status: WorkStatus, action: 'publish' | 'hide' | 'delete' | 'edit'): boolean {
  return OWNER_ACTIONS[status]?.includes(action) ?? false;
}

/**
 * The "best" sort: likes weigh as much as BEST_LIKE_WEIGHT views. One expression, kept by PostgreSQL as the generated
 * column `works.best_score` (its index is the sort's), and the same in code (`bestScore`, tested to agree).
 */
export const BEST_LIKE_WEIGHT = 5;
export const BEST_SCORE_SQL = `likes_count * ${BEST_LIKE_WEIGHT} + views_count`;
export const bestScore = (likes: number, views: number) => likes * BEST_LIKE_WEIGHT + views;

/** A work as typed (API JSON or a form), before it is saved: malformed numbers are NaN, refused by the rules. */
export interface WorkDraft {
  title: string;
  description: string;
  categoryId: number | null;
  skills: string[];
  imageIds: number[];
  link: string | null;
  orderId: number | null;
}

/**
 * Each field's problem. A draft is checked only for what could never be saved (types, upper limits, a title);
 * publishing must meet every minimum: a title of 10–100 characters, a description of 30–5000, a leaf category and a
 * cover image.
 */
export function workProblems(d: WorkDraft, mode: 'draft' | 'publish', categoryIsLeaf: boolean): Record<string, string> {
  const f: Record<string, string> = {};
  const publish = mode === 'publish';
  const title = d.title.trim();
  if (title.length > TITLE_MAX || title.length === 0 || (publish && title.length < TITLE_MIN)) f.title = 'work.title_length';
  const description = d.description.trim();
  if (description.length > DESCRIPTION_MAX || (publish && description.length < DESCRIPTION_MIN)) f.description = 'work.description_length';
  if (d.categoryId !== null && (!Number.isSafeInteger(d.categoryId) || !categoryIsLeaf)) f.categoryId = 'work.category_invalid';
  else if (publish && d.categoryId === null) f.categoryId = 'work.category_required';
  if (d.skills.length > SKILLS_MAX || d.skills.some((s) => s.length > SKILL_MAX_CHARS)) f.skills = 'work.skills_invalid';
  if (d.imageIds.length > IMAGES_MAX) f.images = 'work.too_many_images';
  else if (d.imageIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) f.images = 'work.image_invalid';
  else if (publish && d.imageIds.length === 0) f.images = 'work.image_required';
  if (d.link !== null) {
    const p = linkProblem(d.link);
    if (p) f.link = p;
  }
  if (d.orderId !== null && (!Number.isSafeInteger(d.orderId) || d.orderId <= 0)) f.orderId = 'work.order_not_yours';
  return f;
}

/**
 * Messaging apps and their short links: a link to one is a way to talk off the platform (RULES.md "Trust and
 * safety"), whatever follows it. Social networks whose profiles take direct messages count too.
 */
export const MESSAGING_HOSTS = [
  'whatsapp.com',
  'wa.me',
  'wa.link',
  'telegram.org',
  'telegram.me',
  't.me',
  'telegram.dog',
  'messenger.com',
  'm.me',
  'signal.org',
  'signal.me',
  'signal.group',
  'viber.com',
  'vb.me',
  'line.me',
  'discord.com',
  'discord.gg',
  'discordapp.com',
  'skype.com',
  'wechat.com',
  'weixin.qq.com',
  'snapchat.com',
  'kik.me',
  'imo.im',
  'botim.me',
  'facebook.com',
  'fb.com',
  'fb.me',
  'instagram.com',
  'instagr.am',
  'ig.me',
  'twitter.com',
  'x.com',
  'tiktok.com',
  'linkedin.com',
  'lnkd.in',
  'calendly.com',
  // Pages of links lead to all of the above at once.
  'linktr.ee',
  'beacons.ai',
  'bio.link',
] as const;

/** Other freelance marketplaces, online storefronts and payment pages: a sale there escapes the platform's guarantee. */
export const MARKETPLACE_HOSTS = [
  'mostaql.com',
  'khamsat.com',
  'ureed.com',
  'nabbesh.com',
  'fiverr.com',
  'upwork.com',
  'freelancer.com',
  'peopleperhour.com',
  'guru.com',
  'toptal.com',
  'workana.com',
  'truelancer.com',
  'legiit.com',
  'contra.com',
  'malt.com',
  'malt.fr',
  '99designs.com',
  'designcrowd.com',
  'etsy.com',
  'gumroad.com',
  'creativemarket.com',
  'envato.com',
  'themeforest.net',
  'codecanyon.net',
  'graphicriver.net',
  'ko-fi.com',
  'buymeacoffee.com',
  'patreon.com',
  'paypal.me',
  'paypal.com',
  'myshopify.com',
  'salla.sa',
  'salla.store',
  'zid.store',
  'zid.sa',
] as const;

/** Which of the lists a host (lower case, without a trailing dot) is on: itself or a subdomain of a listed domain. */
export function blockedHost(host: string): 'messaging' | 'marketplace' | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  const on = (list: readonly string[]) => list.some((d) => h === d || h.endsWith(`.${d}`));
  if (on(MESSAGING_HOSTS)) return 'messaging';
  if (on(MARKETPLACE_HOSTS)) return 'marketplace';
  return null;
}

/**
 * An outside link's problem, or null: at most LINK_MAX characters, an http or https address of a named host (no
 * user name or password in it, no bare IP address), not on a messaging app or another marketplace. The contact guard
 * reads the rest of it (`linkText`) for phone numbers and e-mail addresses.
 */
export function linkProblem(link: string): string | null {
  const raw = link.trim();
  if (raw.length === 0 || raw.length > LINK_MAX || /\s/.test(raw)) return 'work.link_invalid';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'work.link_invalid';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'work.link_scheme';
  const host = u.hostname.toLowerCase();
  if (u.username || u.password || !host.includes('.') || /^[\d.]+$/.test(host) || host.startsWith('[')) return 'work.link_invalid';
  const blocked = blockedHost(host);
  if (blocked === 'messaging') return 'work.link_messaging';
  if (blocked === 'marketplace') return 'work.link_marketplace';
  return null;
}

/**
 * What the contact guard reads of a link: its path, query and fragment decoded, with the address's separators as
 * spaces (`/contact/0501234567` → "contact 0501234567"; `?mail=a@b.com` → "mail a@b.com"). The host is the link
 * itself, which the guard would always find; it is judged by `linkProblem` instead.
 */
export function linkText(link: string): string {
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return '';
  }
  const rest = `${u.pathname} ${u.search} ${u.hash}`;
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: read as typed.
  }
  return decoded
    .replace(/[/?&=#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
