/**
 * The search module every section uses (services, projects, and the sections to come): the Arabic-aware text
 * pieces, synonyms, typo corrections, the keyset cursor and the engine that decides how a search is read.
 */
export { CURSOR_MAX, CURSOR_PATTERN, type Cursor, decodeCursor, encodeCursor, type KeyType, type SearchMode } from './cursor.ts';
export {
  BOUNDS,
  type Bounds,
  type Order,
  type Partition,
  runSearch,
  type SearchPage,
  type SearchPath,
  type SearchRun,
  type SortKey,
  type Source,
  type Total,
} from './engine.ts';
export { CORRECTION_SIMILARITY, corrections } from './lexicon.ts';
export {
  DEFAULT_SYNONYMS,
  indexSynonyms,
  loadSynonyms,
  parseSynonyms,
  readSynonyms,
  SYNONYM_LIMITS,
  SYNONYMS_KEY,
  type SynonymGroups,
  type SynonymIndex,
  saveSynonyms,
  synonymsOf,
  synonymsText,
} from './synonyms.ts';
export {
  DOCUMENT_MAX,
  formsOf,
  QUERY_MAX,
  searchDocument,
  searchDocumentWithin,
  searchTerms,
  spellingsOf,
  termsMatch,
  tsqueryText,
  WORDS_MAX,
  widens,
  withoutProclitic,
  wordsOf,
} from './text.ts';
export { type ListPage, listPage, searchWords } from './words.ts';
