import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { fromRoot } from '../../platform/paths.ts';
import { searchDocument } from '../../platform/search/index.ts';
import type { ServiceDraft } from './schema.ts';
import { CATEGORY_TREE } from './seed.ts';

/*
 * The demo services' generator: realistic offers in every subcategory, mostly in Arabic with some in English,
 * made from per-subcategory templates by a seeded pseudo-random generator, so one seed always gives the same
 * services; their placeholder images; and the demo sellers' profiles. Pure, no database (demo.ts seeds them).
 * The words themselves are data, in `fixtures/demo-catalog.json` and `fixtures/demo-sellers.json`.
 */

// ————————————————————————————————————————————— random —————————————————————————————————————————————

export const DEFAULT_SEED = 20_241_125;

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data; the same seed gives the same sequence. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
function sample<T>(r: Rng, xs: readonly T[], k: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.min(k, a.length));
}
/** Fills `{a|b|c}` alternatives with one choice each. */
const fill = (r: Rng, s: string) => s.replace(/\{([^{}]+)\}/g, (_, alts: string) => pick(r, alts.split('|')));

// ———————————————————————————————————————————— templates ————————————————————————————————————————————

type AddonT = [title: string, dollars: number, extraDays: number];
/** A title, or a title with the skills that belong to it (put first among the service's skills). */
type TitleT = string | [title: string, skills: string[]];
interface Side {
  titles: TitleT[];
  pitch: string[];
  items: string[];
  skills: string[];
  instructions: string;
  addons: AddonT[];
}
interface SubTemplate {
  /** Price range in whole dollars and delivery days. */
  price: [number, number];
  days: [number, number];
  /** The work has editable source files (design, video, audio) — offers the "source files" add-on. */
  files?: boolean;
  ar: Side;
  en: Side;
}

interface CommonText {
  headers: string[];
  experience: string;
  closings: string[];
  fast: string;
  source: string;
  revision: string;
}

/** The templates, the shared text and the image hues (`fixtures/demo-catalog.json`, read once at start). */
const catalogData = JSON.parse(readFileSync(fromRoot('fixtures/demo-catalog.json'), 'utf8')) as {
  templates: Record<string, SubTemplate>;
  common: Record<'ar' | 'en', CommonText>;
  hues: Record<string, number>;
};
/** Each subcategory's template, by slug. */
const TEMPLATES = catalogData.templates;
/** What every service in a language shares: list headers, closings, the common add-ons' titles. */
const COMMON = catalogData.common;

/** Whole-dollar prices sellers actually use. */
const PRICE_STEPS = [5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 75, 80, 100, 120, 150, 200];

// ———————————————————————————————————————————— generator ————————————————————————————————————————————

export interface SubcategoryInfo {
  slug: string;
  topSlug: string;
  nameAr: string;
  nameEn: string;
  topAr: string;
  topEn: string;
}

/** Every subcategory of the starting tree, in order. */
export const SUBCATEGORIES: SubcategoryInfo[] = CATEGORY_TREE.flatMap((top) =>
  top.children.map(([slug, nameAr, nameEn]) => ({ slug, topSlug: top.slug, nameAr, nameEn, topAr: top.ar, topEn: top.en })),
);

export interface GeneratedService {
  /** Position in the generated sequence. */
  index: number;
  subSlug: string;
  topSlug: string;
  lang: 'ar' | 'en';
  title: string;
  description: string;
  skills: string[];
  priceCents: number;
  deliveryDays: number;
  instructions: string;
  addons: { title: string; priceCents: number; extraDays: number }[];
  /** How many images the demo gives it (1–3) and the seed of their pattern. */
  imageCount: number;
  imageSeed: number;
}

/**
 * An endless, deterministic stream of realistic services. Subcategories come round in shuffled rounds, so
 * any 29 consecutive services cover every subcategory; about three in four are in Arabic.
 */
export function serviceGenerator(seed = DEFAULT_SEED): () => GeneratedService {
  const r = rng(seed);
  let index = 0;
  let round: SubcategoryInfo[] = [];
  return () => {
    if (round.length === 0) round = sample(r, SUBCATEGORIES, SUBCATEGORIES.length);
    const sub = round.pop() as SubcategoryInfo;
    const t = TEMPLATES[sub.slug];
    const lang: 'ar' | 'en' = r() < 0.75 ? 'ar' : 'en';
    const side = t[lang];
    const common = COMMON[lang];

    const chosen = pick(r, side.titles);
    const [titleT, ownSkills] = typeof chosen === 'string' ? [chosen, []] : chosen;
    const title = fill(r, titleT);
    const steps = PRICE_STEPS.filter((p) => p >= t.price[0] && p <= t.price[1]);
    // Cheaper offers are more common than expensive ones.
    const dollars = steps[Math.floor(r() ** 1.6 * steps.length)];
    const deliveryDays = int(r, t.days[0], t.days[1]);
    const items = sample(r, side.items, int(r, 3, Math.min(5, side.items.length)));
    const description = [
      fill(r, pick(r, side.pitch)) + (r() < 0.5 ? ` ${fill(r, common.experience)}` : ''),
      [pick(r, common.headers), ...items.map((i) => `- ${i}`)].join('\n'),
      pick(r, common.closings),
    ].join('\n\n');
    const skills = [...new Set([...ownSkills, ...sample(r, side.skills, int(r, 3, Math.min(5, side.skills.length)))])].slice(0, 6);

    const pool: AddonT[] = [...side.addons, [common.revision, 5, 1]];
    if (deliveryDays >= 2) pool.push([common.fast, dollars >= 50 ? 20 : 10, 0]);
    if (t.files) pool.push([common.source, 15, 0]);
    const nAddons = pick(r, [0, 1, 1, 1, 2, 2, 2, 3]);
    const addons = sample(r, pool, nAddons).map(([a, d, days]) => ({ title: a, priceCents: d * 100, extraDays: days }));

    return {
      index: index++,
      subSlug: sub.slug,
      topSlug: sub.topSlug,
      lang,
      title,
      description,
      skills,
      priceCents: dollars * 100,
      deliveryDays,
      instructions: side.instructions,
      addons,
      imageCount: pick(r, [1, 1, 1, 1, 2, 2, 3]),
      imageSeed: Math.floor(r() * 2 ** 31),
    };
  };
}

export function generateServices(n: number, seed = DEFAULT_SEED): GeneratedService[] {
  const next = serviceGenerator(seed);
  return Array.from({ length: n }, () => next());
}

/** The draft the service layer receives for a generated service. */
export function draftOf(s: GeneratedService, categoryId: number, imageIds: number[]): ServiceDraft {
  return {
    title: s.title,
    categoryId,
    description: s.description,
    priceCents: s.priceCents,
    deliveryDays: s.deliveryDays,
    instructions: s.instructions,
    skills: s.skills,
    imageIds,
    addons: s.addons,
  };
}

/**
 * `services.search_text` exactly as the catalog service computes it: title, skills, the subcategory's and
 * its parent's names in both languages, and the description, normalised (keep in step with `searchTextOf`
 * in service.ts — demo.int.test.ts compares the two).
 */
export function serviceSearchText(
  d: Pick<ServiceDraft, 'title' | 'skills' | 'description'>,
  cat: { nameAr: string; nameEn: string; parentAr?: string; parentEn?: string } | null,
): string {
  const names = cat ? [cat.nameAr, cat.nameEn, cat.parentAr, cat.parentEn].filter(Boolean).join(' ') : '';
  return searchDocument(d.title, d.skills.join(' '), names, d.description);
}

// ————————————————————————————————————————————— images —————————————————————————————————————————————

/** Each top category's hue, so a category's images share a colour. */
const HUES = catalogData.hues;

/** A pleasant 800×600 placeholder as SVG: a gradient in the category's colour and a few soft shapes. */
export function demoImageSvg(topSlug: string, seed: number): string {
  const r = rng(seed);
  const h = (HUES[topSlug] ?? 200) + int(r, -12, 12);
  const h2 = h + int(r, 25, 50);
  const shapes: string[] = [];
  const n = int(r, 4, 7);
  for (let i = 0; i < n; i++) {
    const x = int(r, 40, 760);
    const y = int(r, 40, 560);
    const o = (0.1 + r() * 0.22).toFixed(2);
    const fill = r() < 0.75 ? '#ffffff' : `hsl(${h2},80%,25%)`;
    const kind = int(r, 0, 3);
    if (kind === 0) shapes.push(`<circle cx="${x}" cy="${y}" r="${int(r, 30, 150)}" fill="${fill}" fill-opacity="${o}"/>`);
    else if (kind === 1) {
      const w = int(r, 80, 260);
      const hh = int(r, 60, 200);
      shapes.push(
        `<rect x="${x - w / 2}" y="${y - hh / 2}" width="${w}" height="${hh}" rx="${int(r, 10, 40)}" fill="${fill}" fill-opacity="${o}" transform="rotate(${int(r, -25, 25)} ${x} ${y})"/>`,
      );
    } else if (kind === 2) {
      const s = int(r, 60, 170);
      shapes.push(`<polygon points="${x},${y - s} ${x + s},${y + s * 0.8} ${x - s},${y + s * 0.8}" fill="${fill}" fill-opacity="${o}"/>`);
    } else {
      shapes.push(
        `<circle cx="${x}" cy="${y}" r="${int(r, 40, 130)}" fill="none" stroke="#ffffff" stroke-opacity="${o}" stroke-width="${int(r, 8, 22)}"/>`,
      );
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${h},72%,60%)"/><stop offset="1" stop-color="hsl(${h2},68%,38%)"/>` +
    `</linearGradient></defs><rect width="800" height="600" fill="url(#g)"/>${shapes.join('')}</svg>`
  );
}

/** The placeholder as JPEG bytes, as a seller would upload a photo (`saveImage` re-encodes it). */
export async function demoImage(topSlug: string, seed: number): Promise<Buffer> {
  return sharp(Buffer.from(demoImageSvg(topSlug, seed)))
    .jpeg({ quality: 90 })
    .toBuffer();
}

// ————————————————————————————————————————————— sellers —————————————————————————————————————————————

export interface SellerProfile {
  username: string;
  name: string;
  country: string;
  skills: string[];
  languages: string[];
  bio: string;
  /** Top categories this seller works in. */
  specialties: string[];
}

/** The demo sellers and what generated sellers are made of (`fixtures/demo-sellers.json`). */
const sellerData = JSON.parse(readFileSync(fromRoot('fixtures/demo-sellers.json'), 'utf8')) as {
  existing: Record<string, string[]>;
  sellers: SellerProfile[];
  firstNames: [arabic: string, latin: string, gender: 'm' | 'f'][];
  lastNames: string[];
  countries: string[];
  roles: Record<string, [masculine: string, feminine: string]>;
  bioEndings: string[];
};
/** The three demo freelancers `seedDemo` creates, and what they sell. */
export const EXISTING_DEMO_SELLERS = sellerData.existing;
/** More demo sellers, created with their profiles the way `seedDemo` creates its freelancers. */
export const DEMO_SELLERS = sellerData.sellers;
/** What generated sellers are made of. */
const { firstNames: FIRST_NAMES, lastNames: LAST_NAMES, countries: COUNTRIES, roles: ROLES, bioEndings: BIO_ENDINGS } = sellerData;

/** A generated seller (name, username, country, skills, bio) for seller number `i`, working in `topSlug`. */
export function sellerProfileOf(i: number, topSlug: string, tag: string, seed = DEFAULT_SEED): SellerProfile {
  const r = rng(seed ^ Math.imul(i + 1, 0x9e3779b1));
  const [first, latin, gender] = pick(r, FIRST_NAMES);
  const top = CATEGORY_TREE.find((c) => c.slug === topSlug) ?? CATEGORY_TREE[0];
  const subs = SUBCATEGORIES.filter((s) => s.topSlug === top.slug);
  const skills = sample(r, [...new Set(subs.flatMap((s) => TEMPLATES[s.slug].ar.skills))], 3);
  const role = ROLES[top.slug]?.[gender === 'm' ? 0 : 1] ?? 'مستقل';
  return {
    username: `${latin}_${tag}${i}`.slice(0, 30),
    name: `${first} ${pick(r, LAST_NAMES)}`,
    country: pick(r, COUNTRIES),
    skills,
    languages: r() < 0.6 ? ['العربية', 'English'] : r() < 0.5 ? ['العربية', 'Français'] : ['العربية'],
    bio: `${role} بخبرة ${int(r, 3, 10)} سنوات في مجال ${top.ar}. ${pick(r, BIO_ENDINGS)}`,
    specialties: [top.slug],
  };
}
