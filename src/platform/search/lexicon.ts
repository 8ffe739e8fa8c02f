import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';

/**
 * Typos, through the words the site's texts use (`search_words`): a misspelled query word («animtion», «فديو»,
 * «wordpres») is matched by trigram similarity against that list, a table of a few thousand words with its own
 * trigram index, and the closest words are searched too, through the text index. The list fills itself: a trigger
 * on each searchable table (`search_words_learn`, migration 0016) adds the words of every search text written.
 * Comparing the query with each row's whole search text instead (`<%` on `search_text`) read a million texts
 * at 1M services and gave up (findings/performance.md); this costs the same at any size.
 */

/** Similarity (pg_trgm's `similarity`) from which a known word is taken as what was meant. */
export const CORRECTION_SIMILARITY = 0.3;
/** Words tried in place of each query word at most. */
export const CORRECTIONS_PER_WORD = 3;
/** pg_trgm needs three letters or digits to say anything. */
const MIN_LETTERS = 3;

/** The known words closest to each of the query's words (not the words themselves), most similar first. */
export async function corrections(db: DbOrTx, words: string[]): Promise<string[]> {
  const tried = words.filter((w) => w.length >= MIN_LETTERS && w.length <= 40);
  if (tried.length === 0) return [];
  return db.transaction(async (tx) => {
    // The words' trigram index, even while the list is small enough for the planner to read it all (4–7 ms).
    await tx.execute(
      sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(CORRECTION_SIMILARITY)}, true), set_config('enable_seqscan', 'off', true)`,
    );
    const r = (await tx.execute(
      sql`SELECT c.word FROM unnest(ARRAY[${sql.join(
        tried.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[]) AS q(w)
        CROSS JOIN LATERAL (SELECT x.word FROM search_words x WHERE x.word % q.w AND x.word <> q.w
          ORDER BY similarity(x.word, q.w) DESC, x.word LIMIT ${CORRECTIONS_PER_WORD}) c`,
    )) as unknown as { rows: { word: string }[] };
    // Only letters and digits go into a tsquery (a learnt «e-mail» or «a.b» is left out).
    return [...new Set(r.rows.map((x) => x.word))].filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
  });
}
