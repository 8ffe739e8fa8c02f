import type { ar } from '../../web/messages/ar.ts';
import { catalogues } from '../../web/messages/index.ts';

export type Locale = 'ar' | 'en';
export const LOCALES: Locale[] = ['ar', 'en'];
export type MessageKey = keyof typeof ar;

export function hasMessage(key: string): boolean {
  return key in catalogues.ar;
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from params. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues.ar[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatNumber(locale, v) : v;
  });
}

/** Plural-aware message: looks up `key.zero|one|two|few|many|other` by Intl plural rules (Arabic has all six). */
// Intl formatters are costly to build: one of each per locale and style, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function plural(locale: Locale, key: string, count: number, params: Record<string, string | number> = {}): string {
  const cat = cached(`plural:${locale}`, () => new Intl.PluralRules(intlLocale(locale))).select(count);
  const k = `${key}.${cat}` in catalogues[locale] ? `${key}.${cat}` : `${key}.other`;
  return translate(locale, k, { count, ...params });
}

export function intlLocale(locale: Locale): string {
  // Latin digits in Arabic, as the platform's own pages write them (e.g. "2023-04-06").
  return locale === 'ar' ? 'ar-EG-u-nu-latn' : 'en-US';
}

export function formatNumber(locale: Locale, n: number): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

export function formatMoney(locale: Locale, cents: number): string {
  return cached(`money:${locale}`, () => new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'USD' })).format(
    cents / 100,
  );
}

export function formatDate(locale: Locale, d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  return cached(`date:${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' })).format(date);
}

export function formatDateTime(locale: Locale, d: Date): string {
  return cached(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  ).format(d);
}

/** `/x` in Arabic (the default) is `/en/x` in English. */
export function localePath(locale: Locale, p: string): string {
  if (locale === 'ar') return p;
  return p === '/' ? '/en' : `/en${p}`;
}

/** Splits a request path into its locale and the locale-free path. */
export function splitLocale(url: string): { locale: Locale; path: string } {
  if (url === '/en' || url.startsWith('/en/') || url.startsWith('/en?')) {
    const rest = url.slice(3);
    return { locale: 'en', path: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
  }
  return { locale: 'ar', path: url };
}

/** The language asked for by an API client. */
export function apiLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'ar';
  return acceptLanguage.trim().toLowerCase().startsWith('en') ? 'en' : 'ar';
}
