import type { DbOrTx } from '../db/index.ts';
import { type Cursor, encodeCursor, type SearchMode } from './cursor.ts';
import { runSearch, type SearchPage, type SearchRun, type Total } from './engine.ts';
import { corrections } from './lexicon.ts';
import type { SynonymIndex } from './synonyms.ts';
import { widens } from './text.ts';

/**
 * A search for words, the same in every section: the exact search (every word, in its forms and synonyms) and,
 * when that finds less than a page, the widened one (any of the words or the known words closest to them: typos),
 * which the cursor then remembers (mode `w`). No widening for a later page, a full page, or a walk that goes on
 * (its next stretch may hold more), for a single word common as written, nor when the widened search would ask
 * for the same spellings.
 * Null: the widened search, asked for by the cursor, has nothing new to ask.
 */
export async function searchWords(
  db: DbOrTx,
  o: {
    words: string[];
    synonyms: SynonymIndex;
    cursor: Cursor;
    limit: number;
    /** The run of the exact search, from the cursor's keys. */
    exact: (after: string[] | null) => SearchRun;
    /** The run of the widened search for these words (the query's and their corrections). */
    widened: (words: string[], after: string[] | null) => SearchRun;
  },
): Promise<{ page: SearchPage<Record<string, unknown>>; mode: SearchMode } | null> {
  const wide = async (after: string[] | null) => {
    const all = [...new Set([...o.words, ...(await corrections(db, o.words))])];
    if (!widens(o.words, all, o.synonyms)) return null;
    // Any of the words and their corrections: common by nature, so a ranked walk that found no candidate is not
    // followed by the text index (its entries for so many words are long); the exact search already asked it.
    const run = o.widened(all, after);
    return runSearch(db, { ...run, bounds: { ...run.bounds, fallbackMs: 0 } });
  };
  if (o.cursor.mode === 'w') {
    const page = await wide(o.cursor.after);
    return page ? { page, mode: 'w' } : null;
  }
  const exact = await runSearch(db, o.exact(o.cursor.after));
  if (o.cursor.after !== null || exact.rows.length >= o.limit || exact.next) return { page: exact, mode: 'e' };
  // One word found as written in many rows is no typo: what it lacks is under the filters, not in its spelling.
  if (o.words.length === 1 && exact.common) return { page: exact, mode: 'e' };
  const widened = await wide(null);
  return widened && widened.rows.length > exact.rows.length ? { page: widened, mode: 'w' } : { page: exact, mode: 'e' };
}

/** A list answer as sections give it: the hits, the next page's cursor (opaque), the count. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  total: Total;
}

/** A page (or no page: the widened search had nothing new to ask) as a list answer, each row made a hit. */
export function listPage<T>(
  page: SearchPage<Record<string, unknown>> | null,
  mode: SearchMode,
  hit: (row: Record<string, unknown>) => T,
): ListPage<T> {
  if (!page) return { items: [], nextCursor: null, total: { n: 0, capped: false, estimated: false } };
  return { items: page.rows.map(hit), nextCursor: page.next ? encodeCursor(mode, page.next) : null, total: page.total };
}
