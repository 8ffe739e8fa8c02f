import { normalizeText } from '../text.ts';
import { COUNTRY_ROWS } from './countries-data.ts';

export type { CountryRow } from './countries-data.ts';

const BY_CODE = new Map(COUNTRY_ROWS.map((c) => [c.code, c]));

/** Whether `code` is an ISO 3166-1 alpha-2 code (upper-case). */
export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** A country's name in the locale; the code itself for an unknown one, '' for none. */
export function countryName(locale: 'ar' | 'en', code: string | null | undefined): string {
  if (!code) return '';
  const row = BY_CODE.get(code.toUpperCase());
  return row ? row[locale] : code;
}

/** The countries as a picker lists them: the Arab countries first, then the others, each group in the locale's order. */
export function countriesFor(locale: 'ar' | 'en'): { code: string; name: string; other: string; arab: boolean }[] {
  const collator = new Intl.Collator(locale);
  const other = locale === 'ar' ? 'en' : 'ar';
  return [...COUNTRY_ROWS]
    .sort((a, b) => Number(Boolean(b.arab)) - Number(Boolean(a.arab)) || collator.compare(a[locale], b[locale]))
    .map((c) => ({ code: c.code, name: c[locale], other: c[other], arab: c.arab === true }));
}

const key = (s: string) =>
  normalizeText(s)
    .replace(/[’'`.،,()-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const NAMES_OF = COUNTRY_ROWS.map((c) => ({ code: c.code, names: [c.ar, c.en, ...(c.aliases ?? [])].map(key) }));

/**
 * The country someone typed or picked: an ISO code (any case), or a name in Arabic or English (hamza, diacritics,
 * case and spacing ignored) — «مصر», "egypt" and "EG" are all EG. When no name is exactly that, a name with a word
 * starting with it counts if only one country has one («الإمارات» → AE). Undefined for nothing typed, null when
 * no country (or more than one) fits.
 */
export function resolveCountry(input: unknown): string | null | undefined {
  if (typeof input !== 'string') return undefined;
  const typed = input.trim();
  if (!typed) return undefined;
  if (/^[A-Za-z]{2}$/.test(typed)) return isCountryCode(typed.toUpperCase()) ? typed.toUpperCase() : null;
  const k = key(typed);
  if (k.length < 2) return null;
  const exact = NAMES_OF.filter((c) => c.names.includes(k));
  if (exact.length === 1) return exact[0].code;
  if (exact.length > 1) return null;
  const partial = NAMES_OF.filter((c) => c.names.some((n) => n.startsWith(k) || n.includes(` ${k}`)));
  return partial.length === 1 ? partial[0].code : null;
}
