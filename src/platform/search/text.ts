import { type SQL, sql } from 'drizzle-orm';
import { normalizeText } from '../text.ts';
import { type SynonymIndex, synonymsOf } from './synonyms.ts';

/**
 * The Arabic-aware text pieces every search shares (DESIGN.md "Text, language and search"): the query as it
 * is searched, its words, the forms of an Arabic word searched together and the `to_tsquery` text.
 */

/** The longest query taken into account (characters, after normalisation). */
export const QUERY_MAX = 200;
/** Words of a query taken into account. */
export const WORDS_MAX = 6;
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

/**
 * The particles Arabic writes joined to the front of a word — و and ف (and), ب (with), ل (for), ك (like), alone or
 * before «ال» (وال، بال، لل…) — longest first.
 */
const PROCLITICS = ['وبال', 'وكال', 'فبال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'و', 'ف', 'ب', 'ل', 'ك'];
/** What is left of a word once a joined particle is taken off, kept only when 3 letters or more remain. */
const PROCLITIC_LEFT_MIN = 3;

/**
 * An Arabic word without the particle joined to its front (لمخبز → مخبز, وبالتصميم → تصميم, للشركات → شركات), or
 * null when it has none. A word that merely begins with one of those letters (وظيفة) gives a remainder no one
 * searches for: searched alongside the word, it finds nothing more.
 */
export function withoutProclitic(word: string): string | null {
  if (!ARABIC.test(word)) return null;
  for (const p of PROCLITICS) if (word.startsWith(p) && word.length - p.length >= PROCLITIC_LEFT_MIN) return word.slice(p.length);
  return null;
}

/**
 * The spellings of a word searched together: an Arabic word with and without «ال», with «ات», and without a joined
 * particle (لمخبز is searched as مخبز too).
 */
export function formsOf(word: string): string[] {
  if (!ARABIC.test(word)) return [word];
  const bases = [word];
  const bare = withoutProclitic(word);
  if (bare) bases.push(bare);
  return [
    ...new Set(
      bases.flatMap((w) => {
        const core = w.startsWith('ال') && w.length > 3 ? w.slice(2) : w;
        return [w, core, `ال${core}`, `${core}ات`];
      }),
    ),
  ];
}

/** The longest search text of a listing (characters), and how much of it the particle-free forms may add. */
export const DOCUMENT_MAX = 8000;
const DOCUMENT_EXTRA_MAX = 2000;

/**
 * A listing's search text (a service, project, contest or work: title, skills, category names, description): the
 * texts normalised, then the particle-free form of each of its words that has one (the title's «لمخبز الحارة» is
 * found by «مخبز»), so that a word is found however the writer joined it.
 */
export function searchDocument(...texts: string[]): string {
  return searchDocumentWithin(DOCUMENT_MAX, ...texts);
}

/** `searchDocument` for a longer text (an article in two languages): its first `max` characters. */
export function searchDocumentWithin(max: number, ...texts: string[]): string {
  const text = normalizeText(texts.join(' ')).slice(0, max);
  const have = new Set(text.split(' '));
  const extra: string[] = [];
  let length = 0;
  for (const w of text.split(/[^\p{L}\p{N}]+/u)) {
    const bare = withoutProclitic(w);
    if (!bare || have.has(bare)) continue;
    have.add(bare);
    length += bare.length + 1;
    if (length > DOCUMENT_EXTRA_MAX) break;
    extra.push(bare);
  }
  return extra.length ? `${text} ${extra.join(' ')}` : text;
}

/**
 * A `to_tsquery` text: every word (all of them, or any) in any of its forms, or as any word of its synonyms group
 * (platform/synonyms.ts). Only letters and digits are quoted (query words by `wordsOf`, synonyms by `parseSynonyms`).
 */
export function tsqueryText(words: string[], join: '&' | '|', forms: boolean, synonyms?: SynonymIndex): string {
  return words
    .map(
      (w) =>
        `(${spellingsOf(w, forms, synonyms)
          .map((f) => `'${f}'`)
          .join(' | ')})`,
    )
    .join(` ${join} `);
}

/** The spellings a word is searched as: itself and its synonyms, each (with `forms`) in its forms. */
export function spellingsOf(word: string, forms: boolean, synonyms?: SynonymIndex): string[] {
  const alternatives = [word, ...synonymsOf(word, synonyms)];
  return [...new Set(alternatives.flatMap((a) => (forms ? formsOf(a) : [a])))];
}

/**
 * The words as a condition on a column of lexeme hashes (`search_hashes(search_text)`, migration 0017): for each
 * word (all of them, or any), the row holds the hash of a lexeme of one of its spellings (`search_query_hashes`:
 * in both configurations, and as written). A word no row can hold (no lexeme of `search_hashes`: an English stop
 * word) asks for nothing, as `to_tsquery` drops a stop word; a query of such words only finds nothing. The hashes of a constant are computed when the statement is
 * planned: the text index and the planner's statistics see the hashes themselves (a dropped word's condition: `true`).
 */
export function termsMatch(column: SQL, words: string[], join: '&' | '|', synonyms?: SynonymIndex): SQL {
  const text = (ws: string[]) => ws.flatMap((w) => spellingsOf(w, true, synonyms)).join(' ');
  const any = (ws: string[]) => sql`${column} && search_query_hashes(${text(ws)})`;
  if (join === '|') return any(words);
  return sql`cardinality(search_hashes(${text(words)})) > 0 AND ${sql.join(
    words.map((w) => sql`(cardinality(search_hashes(${text([w])})) = 0 OR ${any([w])})`),
    sql` AND `,
  )}`;
}

/**
 * Whether searching any of `wider` (the words and their corrections) could find more than searching all of
 * `words`: not when there is one word and every spelling of the others is already one of its own.
 */
export function widens(words: string[], wider: string[], synonyms?: SynonymIndex): boolean {
  if (words.length !== 1) return true;
  const spellings = (ws: string[]) => new Set(ws.flatMap((w) => [w, ...synonymsOf(w, synonyms)]).flatMap(formsOf));
  const own = spellings(words);
  return [...spellings(wider)].some((x) => !own.has(x));
}
