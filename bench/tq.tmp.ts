import { indexSynonyms, DEFAULT_SYNONYMS, tsqueryText } from '../src/platform/search/index.ts';
const syn = indexSynonyms(DEFAULT_SYNONYMS);
const w = ['تصميم', 'شعار'];
console.log(tsqueryText(w, '&', true));
console.log(tsqueryText(w, '&', true, syn));
console.log(tsqueryText(w, '&', false, syn));
