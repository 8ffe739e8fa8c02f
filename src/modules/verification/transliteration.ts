/**
 * Whether two spellings of a person's name are likely the same name, across Arabic and Latin letters (محمد / Mohamed,
 * عبد الرحمن / Abdelrahman, شريف / Cherif): a hint for the staff who compare an identity document's name with the
 * account's. Both sides become a *skeleton* of consonant classes — the letters that survive transliteration — then
 * are compared word by word. Vowels, long vowels (ا و ي), hamza, ʿayn and ta marbuta are dropped: they are what
 * spellings disagree on. Letters often written for one another share a class (ت ط → t, س ص → s, ك ق → k, ج and
 * Egyptian g → j). A hint, never a decision: staff still look at the document.
 */

/** Arabic letters → their skeleton class ('' = dropped). Diacritics and tatweel are stripped before. */
const ARABIC: Record<string, string> = {
  ب: 'b',
  پ: 'b',
  ت: 't',
  ط: 't',
  ث: 't',
  ج: 'j',
  چ: 'c',
  گ: 'j',
  ح: 'h',
  ه: 'h',
  خ: 'x',
  د: 'd',
  ض: 'd',
  ذ: 'z',
  ز: 'z',
  ظ: 'z',
  ر: 'r',
  س: 's',
  ص: 's',
  ش: 'c',
  غ: 'g',
  ف: 'f',
  ڤ: 'f',
  ق: 'k',
  ك: 'k',
  ک: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
};
/** Dropped on the Arabic side: alef and hamza forms, ʿayn, the long vowels, ta marbuta, alef maqsura. */
const ARABIC_DROPPED = new Set([...'اأإآٱءؤئعوىيیة']);

/** Latin letters and letter groups → classes (after accents are removed and the text lower-cased); others dropped. */
const LATIN: Record<string, string> = {
  kh: 'x',
  gh: 'g',
  sch: 'c',
  sh: 'c',
  ch: 'c',
  th: 't',
  dh: 'z',
  ph: 'f',
  ck: 'k',
  x: 'ks',
  b: 'b',
  p: 'b',
  t: 't',
  j: 'j',
  g: 'j',
  h: 'h',
  d: 'd',
  z: 'z',
  r: 'r',
  s: 's',
  f: 'f',
  v: 'f',
  q: 'k',
  k: 'k',
  c: 'k',
  l: 'l',
  m: 'm',
  n: 'n',
};
/** Chat-alphabet digits people type for Arabic sounds (3 = ع, 7 = ح, 5 = خ, 2 = ء, 6 = ط, 9 = ص). */
const DIGITS: Record<string, string> = { '2': '', '3': '', '5': 'x', '6': 't', '7': 'h', '8': 'k', '9': 's' };
/** The Latin groups, longest first, then any one character; a c before e, i or y sounds s (Cecile). */
const LATIN_TOKEN = /sch|kh|gh|sh|ch|th|dh|ph|ck|./g;
const latinClass = (token: string, at: number, word: string) =>
  token === 'c' && /[eiy]/.test(word[at + 1] ?? '') ? 's' : (DIGITS[token] ?? LATIN[token] ?? '');

/** Words that only join names ("bin", "ibn", بن): left out of the comparison. */
const JOINERS = new Set(['bin', 'ben', 'ibn', 'bint', 'بن', 'ابن', 'بنت']);
/** Words that belong to the next one: "Abdel Rahman" is one name, as عبد الرحمن is ("Abu Bakr", أبو بكر). */
const PREFIXES = new Set([
  'abd',
  'abdel',
  'abdul',
  'abdal',
  'abdol',
  'abdur',
  'abdoul',
  'abu',
  'abou',
  'al',
  'el',
  'عبد',
  'ابو',
  'أبو',
  'ال',
]);

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Whether the text has Arabic letters. */
export const isArabicName = (name: string) => ARABIC_LETTER.test(name);

/** A name's words, lower-cased without accents or diacritics, joiners left out and prefixes joined to what follows. */
function words(name: string): string[] {
  const clean = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/[-‐–—_.,·'’‘`ʿʾ]/g, ' ');
  const out: string[] = [];
  let pending = '';
  for (const w of clean.split(/\s+/).filter(Boolean)) {
    if (JOINERS.has(w)) continue;
    if (PREFIXES.has(w)) {
      pending += w;
      continue;
    }
    out.push(pending + w);
    pending = '';
  }
  if (pending) out.push(pending);
  return out;
}

/** One word's skeleton: its consonant classes, doubled letters once. */
function wordSkeleton(word: string): string {
  let classes = '';
  if (isArabicName(word)) {
    for (const ch of word) classes += ARABIC_DROPPED.has(ch) ? '' : (ARABIC[ch] ?? '');
  } else {
    for (const m of word.matchAll(LATIN_TOKEN)) classes += latinClass(m[0], m.index, word);
  }
  // A final h is left out on both sides: ta marbuta written as ه (فاطمه) or as "h" (Fatimah), «الله» / "Abdulla".
  return classes.replace(/(.)\1+/g, '$1').replace(/(.)h$/, '$1');
}

/** A name's skeleton, word by word ("عبد الرحمن محمد" → ["bdlrhmn", "mhmd"]). */
export function nameSkeleton(name: string): string[] {
  return words(name)
    .map(wordSkeleton)
    .filter((s) => s.length > 0);
}

/** Classes that spellings swap for one another: a substitution between them costs half. */
const NEAR = new Set(['dz', 'zd', 'st', 'ts', 'sz', 'zs', 'jg', 'gj', 'kx', 'xk', 'hx', 'xh']);

/** Edit distance between two skeletons, a near substitution costing ½. */
export function skeletonDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : NEAR.has(a[i - 1] + b[j - 1]) ? 0.5 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Whether two word skeletons are one name: equal when short (أحمد ≠ محمود), one slip allowed from 5 classes, two from 8. */
function sameWord(a: string, b: string): boolean {
  const longest = Math.max(a.length, b.length);
  const allowed = longest >= 8 ? 2 : longest >= 5 ? 1 : 0.5;
  return skeletonDistance(a, b) <= allowed;
}

export type NameHint = 'likely_same' | 'check';

/**
 * Whether the name on the document and the account's name are likely the same person's: every word of the shorter
 * name matches a word of the longer one, in order (a document carries the father's and grandfather's names that an
 * account's display name leaves out). Anything else — a different name, a name with no letters to compare — is
 * "check carefully".
 */
export function compareNames(a: string, b: string): NameHint {
  const [x, y] = [nameSkeleton(a), nameSkeleton(b)];
  if (x.length === 0 || y.length === 0) return 'check';
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let at = 0;
  for (const w of short) {
    while (at < long.length && !sameWord(w, long[at])) at++;
    if (at === long.length) {
      // The names may split differently ("Abdel Rahman" / عبدالرحمن): compare them whole too.
      return sameWord(x.join(''), y.join('')) ? 'likely_same' : 'check';
    }
    at++;
  }
  return 'likely_same';
}
