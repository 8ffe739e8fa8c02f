import type { ServiceDraft } from './schema.ts';

/** Pure service rules (RULES.md "Services", "Levels"). Money in cents; prices are whole dollars. */
export const TITLE_MIN = 10;
export const TITLE_MAX = 100;
export const DESCRIPTION_MIN = 100;
export const DESCRIPTION_MAX = 5000;
export const INSTRUCTIONS_MAX = 2000;
export const PRICE_MIN_CENTS = 500;
export const PRICE_MAX_CENTS = 100_000;
export const DAYS_MIN = 1;
export const DAYS_MAX = 90;
export const ADDONS_MAX = 10;
export const ADDON_PRICE_MIN_CENTS = 500;
export const ADDON_DAYS_MAX = 30;
export const IMAGES_MAX = 9;
export const SKILLS_MAX = 10;

/** `hidden`/`removed`: taken down by moderators; `suspended`: offline while the seller's selling is sanctioned. */
export type ServiceStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'paused' | 'hidden' | 'removed' | 'suspended';

/** How many services a seller may have live or in review, by level (RULES.md table; Expert: no limit). */
export const SERVICES_ALLOWED: Record<string, number> = { new: 5, level1: 10, level2: 15, level3: 30, expert: Number.POSITIVE_INFINITY };

const wholeDollars = (c: number) => Number.isSafeInteger(c) && c % 100 === 0;

/**
 * Each field's problem. A draft is checked only for what could never be saved (types, upper limits);
 * a submission must meet every minimum too.
 */
export function serviceProblems(d: ServiceDraft, mode: 'draft' | 'submit', categoryIsLeaf: boolean): Record<string, string> {
  const f: Record<string, string> = {};
  const submit = mode === 'submit';
  if (d.title.length > TITLE_MAX || (submit && d.title.length < TITLE_MIN)) f.title = 'service.title_length';
  if (submit && !d.categoryId) f.categoryId = 'service.category_required';
  else if (d.categoryId && !categoryIsLeaf) f.categoryId = 'service.category_invalid';
  if (d.description.length > DESCRIPTION_MAX || (submit && d.description.length < DESCRIPTION_MIN))
    f.description = 'service.description_length';
  if (d.instructions.length > INSTRUCTIONS_MAX) f.instructions = 'service.instructions_too_long';
  if (
    !Number.isSafeInteger(d.priceCents) ||
    ((submit || d.priceCents) && (d.priceCents < PRICE_MIN_CENTS || d.priceCents > PRICE_MAX_CENTS || !wholeDollars(d.priceCents)))
  ) {
    f.priceCents = 'service.price_invalid';
  }
  if (!Number.isSafeInteger(d.deliveryDays) || ((submit || d.deliveryDays) && (d.deliveryDays < DAYS_MIN || d.deliveryDays > DAYS_MAX)))
    f.deliveryDays = 'service.days_invalid';
  if (d.skills.length > SKILLS_MAX || d.skills.some((s) => s.length > 30)) f.skills = 'service.skills_invalid';
  if (d.imageIds.length > IMAGES_MAX) f.images = 'service.too_many_images';
  if (submit && d.imageIds.length === 0) f.images = 'service.image_required';
  if (d.addons.length > ADDONS_MAX) f.addons = 'service.too_many_addons';
  else {
    d.addons.forEach((a, i) => {
      if (a.title.length < 3 || a.title.length > 100) f[`addons.${i}.title`] = 'service.addon_title_invalid';
      if (
        !Number.isSafeInteger(a.priceCents) ||
        a.priceCents < ADDON_PRICE_MIN_CENTS ||
        a.priceCents > PRICE_MAX_CENTS ||
        !wholeDollars(a.priceCents)
      ) {
        f[`addons.${i}.priceCents`] = 'service.addon_price_invalid';
      }
      if (!Number.isSafeInteger(a.extraDays) || a.extraDays < 0 || a.extraDays > ADDON_DAYS_MAX)
        f[`addons.${i}.extraDays`] = 'service.addon_days_invalid';
    });
  }
  return f;
}

/** A readable, stable address part from a title (Arabic letters kept): `/services/123-logo-design`. */
export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKC')
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'service'
  );
}
