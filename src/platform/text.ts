/**
 * Arabic-aware normalisation for search and comparison (DESIGN.md "Text, language and search"):
 * strip diacritics and tatweel, unify alef forms, ى → ي, ة → ه, Arabic-Indic and Persian digits → ASCII,
 * lower-case Latin, collapse spaces.
 */
export function normalizeText(input: string): string {
  return asciiDigits(
    input
      .normalize('NFKC')
      .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED]/g, '')
      .replace(/\u0640/g, '')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه'),
  )
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trims and collapses inner whitespace of a one-line field. */
export function cleanLine(input: unknown): string {
  return typeof input === 'string' ? input.replace(/\s+/g, ' ').trim() : '';
}

/** Arabic-Indic and Persian digits → ASCII (what people type in amounts, phone numbers and codes). */
export function asciiDigits(input: string): string {
  return input
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** At most `n` characters, with an ellipsis when cut (titles of long texts in lists). */
export function shorten(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
