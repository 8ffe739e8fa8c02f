import { invalid } from './errors.ts';
import { type SynonymIndex, synonymsOf } from './synonyms.ts';
import { normalizeText } from './text.ts';

/**
 * The Arabic-aware search pieces every listing shares (DESIGN.md "Text, language and search"): the query as it
 * is searched, its words, the forms of an Arabic word searched together, the `to_tsquery` text, and the
 * offset cursor of a result list. Services, projects and the sections to come build their SQL on these.
 */

/** The longest query taken into account (characters, after normalisation). */
export const QUERY_MAX = 200;
/** Words of a query taken into account. */
export const WORDS_MAX = 6;
/** How deep offset paging goes: past this, refine the search instead. */
export const OFFSET_MAX = 10_000;
/** Word similarity from which a query is a trigram match (pg_trgm's default, 0.6, misses «شعارات» → شعار). */
export const WORD_SIMILARITY = 0.4;
/** The query as it is searched: normalised (DESIGN.md) and cut to QUERY_MAX characters. */
export function searchTerms(q: string | undefined): string {
  // Control characters (NUL cannot even be sent to PostgreSQL) and lone surrogates become spaces; the cut is by code point.
  const clean = normalizeText((q ?? '').replace(/[\p{Cc}\p{Cs}]/gu, ' '));
  return Array.from(clean).slice(0, QUERY_MAX).join('').trim();
}

/** The words of a normalised query: letters and digits only, so they are safe inside a tsquery between quotes. */
export function wordsOf(text: string): string[] {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, WORDS_MAX);
}

const ARABIC = /[\u0600-\u06FF]/;

/** The spellings of a word searched together: an Arabic word with and without «ال», and with «ات». */
export function formsOf(word: string): string[] {
  if (!ARABIC.test(word)) return [word];
  const core = word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
  return [...new Set([word, core, `ال${core}`, `${core}ات`])];
}

/**
 * A `to_tsquery` text: every word (all of them, or any) in any of its forms, or as any word of its synonyms group
 * (platform/synonyms.ts). Only letters and digits are quoted (query words by `wordsOf`, synonyms by `parseSynonyms`).
 */
export function tsqueryText(words: string[], join: '&' | '|', forms: boolean, synonyms?: SynonymIndex): string {
  return words
    .map((w) => {
      const alternatives = [w, ...synonymsOf(w, synonyms)];
      const spelled = [...new Set(alternatives.flatMap((a) => (forms ? formsOf(a) : [a])))];
      return `(${spelled.map((f) => `'${f}'`).join(' | ')})`;
    })
    .join(` ${join} `);
}

/** A result list's mode: the exact search, or the widened one (any word, typos). */
export type SearchMode = 'e' | 'w';

export function encodeCursor(offset: number, mode: SearchMode = 'e'): string {
  return Buffer.from(`${mode}${offset}`).toString('base64url');
}

/** The offset and mode a cursor stands for; anything else is refused as invalid input. */
export function decodeCursor(cursor: string | undefined): { offset: number; mode: SearchMode } {
  if (cursor === undefined || cursor === '') return { offset: 0, mode: 'e' };
  const m = cursor.length <= 16 ? /^([ew])(\d{1,5})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1')) : null;
  const n = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(n) || n > OFFSET_MAX || encodeCursor(n, m[1] as SearchMode) !== cursor) {
    throw invalid({ cursor: 'search.cursor_invalid' });
  }
  return { offset: n, mode: m[1] as SearchMode };
}
