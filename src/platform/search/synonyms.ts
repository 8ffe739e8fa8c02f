import type { DbOrTx } from '../db/index.ts';
import { invalid } from '../errors.ts';
import { readSetting, writeSetting } from '../settings.ts';
import { normalizeText } from '../text.ts';
import { ttlCache } from '../ttl-cache.ts';

/**
 * Search synonyms: groups of words that mean the same thing to the people searching — Arabic, English, the
 * colloquial spellings and loan words («لوجو» = «لوغو» = «شعار» = logo). A query word found in a group is
 * searched as any word of its group (platform/search/text.ts `tsqueryText`), so the services and projects searches
 * keep using their text indexes. The list is a setting (`search.synonyms` in `settings`): admins edit it,
 * every change is audited; without a stored list the defaults below apply.
 */

export const SYNONYMS_KEY = 'search.synonyms';
export const SYNONYM_LIMITS = { groups: 300, terms: 12, termMin: 2, termMax: 40 } as const;

export type SynonymGroups = string[][];

/** The default groups: each word as people type it (the index normalises them). */
export const DEFAULT_SYNONYMS: SynonymGroups = [
  ['شعار', 'لوجو', 'لوغو', 'لوقو', 'logo', 'logos'],
  ['فيديو', 'فديو', 'فيدو', 'video', 'videos'],
  ['مونتاج', 'montage', 'editing'],
  ['موقع', 'ويبسايت', 'website', 'site', 'web'],
  ['تصميم', 'ديزاين', 'design'],
  ['ترجمة', 'translation', 'translate'],
  ['تطبيق', 'ابلكيشن', 'app', 'application'],
  ['برمجة', 'programming', 'coding'],
  ['متجر', 'ستور', 'store', 'shop', 'ecommerce'],
  ['كتابة', 'writing', 'copywriting'],
  ['محتوى', 'كونتنت', 'content'],
  ['مقال', 'مقالة', 'article', 'blog'],
  ['سوشيال', 'سوشل', 'social'],
  ['انستجرام', 'انستغرام', 'انستقرام', 'انستا', 'instagram'],
  ['فيسبوك', 'فيس', 'facebook'],
  ['تيكتوك', 'tiktok'],
  ['يوتيوب', 'youtube'],
  ['اعلان', 'ads', 'advertising'],
  ['تسويق', 'ماركتنج', 'marketing'],
  ['سيو', 'seo'],
  ['ووردبريس', 'ووردبرس', 'وردبريس', 'wordpress'],
  ['فوتوشوب', 'فوتشوب', 'photoshop'],
  ['بوستر', 'ملصق', 'poster'],
  ['بنر', 'بانر', 'banner'],
  ['هوية', 'براندنج', 'branding', 'identity'],
  ['انيميشن', 'انميشن', 'رسوم', 'animation', 'cartoon'],
  ['موشن', 'motion'],
  ['تعليق', 'فويس', 'voiceover', 'voice'],
  ['بودكاست', 'podcast'],
  ['سيرة', 'resume', 'cv'],
  ['باوربوينت', 'بوربوينت', 'powerpoint', 'presentation'],
  ['اكسل', 'اكسيل', 'excel', 'spreadsheet'],
  ['بيانات', 'داتا', 'data'],
  ['اندرويد', 'android'],
  ['ايفون', 'iphone', 'ios'],
  ['تدقيق', 'proofreading'],
  ['جرافيك', 'جرافيكس', 'graphic', 'graphics'],
];

/** The list as the admin page shows and takes it: one group a line, its words joined by « = ». */
export function synonymsText(groups: SynonymGroups): string {
  return groups.map((g) => g.join(' = ')).join('\n');
}

/**
 * Reads the admin page's text: one group a line, words separated by `=`, `,` or `،`; blank lines are skipped.
 * Each word is one word (letters and digits), a group has at least two, a word belongs to one group only.
 * Refuses with `validation.failed` on the field `synonyms`, naming the line and the word.
 */
export function parseSynonyms(text: string): SynonymGroups {
  const groups: SynonymGroups = [];
  const lineOf = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const terms = lines[i]
      .split(/[=,،]/)
      .map((t) => t.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    if (terms.length === 0) continue;
    const group: string[] = [];
    for (const term of terms) {
      const key = normalizeText(term);
      const n = Array.from(key).length;
      if (!/^[\p{L}\p{N}]+$/u.test(key) || n < SYNONYM_LIMITS.termMin || n > SYNONYM_LIMITS.termMax) {
        throw invalid({ synonyms: 'synonyms.term_invalid' }, { term, line, min: SYNONYM_LIMITS.termMin, max: SYNONYM_LIMITS.termMax });
      }
      const other = lineOf.get(key);
      if (other === line) continue;
      if (other !== undefined) throw invalid({ synonyms: 'synonyms.term_repeated' }, { term, line, other });
      lineOf.set(key, line);
      group.push(term);
    }
    if (group.length < 2) throw invalid({ synonyms: 'synonyms.group_too_small' }, { line });
    if (group.length > SYNONYM_LIMITS.terms) throw invalid({ synonyms: 'synonyms.group_too_big' }, { line, max: SYNONYM_LIMITS.terms });
    groups.push(group);
    if (groups.length > SYNONYM_LIMITS.groups) throw invalid({ synonyms: 'synonyms.too_many' }, { max: SYNONYM_LIMITS.groups });
  }
  return groups;
}

/** Each normalised word → the other words of its group (normalised), for expanding a query. */
export type SynonymIndex = ReadonlyMap<string, readonly string[]>;

export function indexSynonyms(groups: SynonymGroups): SynonymIndex {
  const index = new Map<string, string[]>();
  for (const g of groups) {
    // Only letters and digits reach a tsquery (a stored list is checked by parseSynonyms; this keeps it so).
    const words = [...new Set(g.map(normalizeText))].filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
    for (const w of words)
      index.set(
        w,
        words.filter((x) => x !== w),
      );
  }
  return index;
}

/** The other words of a query word's group: the word as typed, or an Arabic word without its «ال» («اللوجو»). */
export function synonymsOf(word: string, index: SynonymIndex | undefined): readonly string[] {
  if (!index || index.size === 0) return [];
  const direct = index.get(word);
  if (direct) return direct;
  if (word.startsWith('ال') && word.length > 3) return index.get(word.slice(2)) ?? [];
  return [];
}

/** The stored list, or the defaults when none was saved (an unreadable value also falls back to them). */
export async function readSynonyms(db: DbOrTx): Promise<SynonymGroups> {
  const stored = (await readSetting(db, SYNONYMS_KEY)) as { groups?: unknown } | undefined;
  const groups = stored?.groups;
  if (Array.isArray(groups) && groups.every((g) => Array.isArray(g) && g.every((t) => typeof t === 'string'))) {
    return groups as SynonymGroups;
  }
  return DEFAULT_SYNONYMS;
}

// Searches read the index at every query: kept 15 s per instance, dropped at once by a change made here.
const cache = ttlCache<SynonymIndex>(15_000, 4);
let generation = 0;

/** The index the searches expand queries with (15 s per instance; a change on this instance shows at once). */
export function loadSynonyms(db: DbOrTx): Promise<SynonymIndex> {
  return cache.get(String(generation), async () => indexSynonyms(await readSynonyms(db)));
}

/** Validates the admin page's text, stores it and audits the change (before and after); returns the groups. */
export async function saveSynonyms(db: DbOrTx, text: string, actorId: number): Promise<SynonymGroups> {
  const groups = parseSynonyms(text);
  await db.transaction(async (tx) => {
    const before = await readSetting(tx, SYNONYMS_KEY);
    await writeSetting(tx, SYNONYMS_KEY, { groups }, actorId, before ?? null);
  });
  // After the commit: a search between the write and the commit would keep the old list for the new generation.
  generation++;
  cache.clear();
  return groups;
}
