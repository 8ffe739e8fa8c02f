export type Locale = 'ar' | 'en';

/** A set of messages: the same keys in both languages (the site's own, or one module's). */
export interface Messages {
  ar: Record<string, string>;
  en: Record<string, string>;
}

/**
 * Every catalogue, filled at start: the site's core messages (web/messages) and each module's own, registered
 * through `registerMessages` by the composition root (app.ts), so the platform knows no module.
 */
const catalogues: Messages = { ar: {}, en: {} };

/** Adds messages to the catalogues (registering the same texts twice is harmless; a key with another text is refused). */
export function registerMessages(m: Messages): void {
  // Two modules (or two files of one) giving one key different texts is a mistake: whichever came last would win.
  for (const locale of ['ar', 'en'] as const)
    for (const [key, text] of Object.entries(m[locale]))
      if (key in catalogues[locale] && catalogues[locale][key] !== text)
        throw new Error(`message "${key}" (${locale}) is registered twice with different texts`);
  Object.assign(catalogues.ar, m.ar);
  Object.assign(catalogues.en, m.en);
}

/** The message catalogue of a language, as registered so far (for checks and tests). */
export function catalogue(locale: Locale): Readonly<Record<string, string>> {
  return catalogues[locale];
}

export function hasMessage(key: string): boolean {
  return key in catalogues.ar;
}

/**
 * The message for `key` in `locale`, with `{name}` placeholders filled from params (numbers through `formatNumber`).
 * A placeholder may say how its value is written:
 * - `#{id}` or `@{username}`: a reference or a username, isolated left to right (`formatRef`, `formatUsername`), so
 *   "الطلب #4" never reads "4#" whatever surrounds it;
 * - `{days:count.days}`: the number with its noun in the right plural form (`plural` of that key: "يومان", "3 أيام");
 * - `{min:money}`: an amount in cents (`formatMoney`).
 */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues.ar[key] ?? key;
  return template.replace(/([#@]?)\{(\w+)(?::([\w.]+))?\}/g, (m, mark: string, name: string, how: string | undefined) => {
    const v = params[name];
    if (v === undefined) return m;
    if (mark === '#') return formatRef(v);
    if (mark === '@') return formatUsername(String(v));
    if (how === 'money') return formatMoney(locale, Number(v));
    if (how === 'duration') return formatDuration(locale, Number(v));
    if (how) return plural(locale, how, Number(v));
    return typeof v === 'number' ? formatNumber(locale, v) : v;
  });
}

/** Plural-aware message: looks up `key.zero|one|two|few|many|other` by Intl plural rules (Arabic has all six). */
// Intl formatters are costly to build: one of each per locale and style, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
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

// Unicode isolates: what sits between LRI (or FSI) and PDI is laid out on its own, left to right (or by its first
// strong letter), and the sentence around it sees one neutral character, so "$35" stays "$35" inside Arabic.
const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

/** `text` isolated and laid out left to right wherever it is put (amounts, references, usernames, codes). */
export function isolateLtr(text: string): string {
  return `${LRI}${text}${PDI}`;
}

/** `text` (a name or title someone typed) isolated with the direction of its own first strong letter. */
export function isolateAuto(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/** `text` without the isolates the formatters add: for machine-read output (the JSON API, CSV) and for tests. */
export function stripIsolates(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** "1,234" or "12.50": dollars of `cents` (never negative) in the locale's digits, cents only when not whole. */
function dollarDigits(locale: Locale, cents: number): string {
  const whole = cents % 100 === 0;
  return cached(
    `dollars:${locale}:${whole}`,
    () => new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }),
  ).format(cents / 100);
}

/** "$35" without the isolates: the one place the site's money text is made. */
function moneyText(locale: Locale, cents: number, opts: { signed?: boolean } = {}): string {
  const sign = cents < 0 ? '-' : opts.signed && cents > 0 ? '+' : '';
  return `${sign}$${dollarDigits(locale, Math.abs(cents))}`;
}

/**
 * An amount as the whole site writes it, in both languages: "$35", "$1,250", "$12.50" (cents only when not whole),
 * "-$5" ("+$5" when `signed`), isolated left to right so that it reads the same inside an Arabic sentence.
 */
export function formatMoney(locale: Locale, cents: number, opts: { signed?: boolean } = {}): string {
  return isolateLtr(moneyText(locale, cents, opts));
}

/** "$50–100", "$1,000–2,500": a range of amounts, one "$" first, isolated so that it never reads "100–$50". */
export function formatMoneyRange(locale: Locale, minCents: number, maxCents: number): string {
  return isolateLtr(`$${dollarDigits(locale, minCents)}–${dollarDigits(locale, maxCents)}`);
}

/** "#42": a reference to a numbered thing (order, top-up, ticket…), isolated so that it never reads "42#". */
export function formatRef(id: number | string): string {
  return isolateLtr(`#${id}`);
}

/** "@ahmad_designs": a username, isolated so that it never reads "ahmad_designs@". */
export function formatUsername(username: string): string {
  return isolateLtr(`@${username}`);
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

/** How long ago (or until) `then` is, in words: "قبل ٣ أيام", "in 2 hours". */
export function timeAgo(c: { locale: Locale }, then: Date, now: Date): string {
  const rtf = cached(`relative:${c.locale}`, () => new Intl.RelativeTimeFormat(intlLocale(c.locale), { numeric: 'auto' }));
  const s = Math.round((then.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(s);
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  if (abs < 30 * 86_400) return rtf.format(Math.round(s / 86_400), 'day');
  if (abs < 365 * 86_400) return rtf.format(Math.round(s / (30 * 86_400)), 'month');
  return rtf.format(Math.round(s / (365 * 86_400)), 'year');
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

/**
 * A wait in words, rounded up to the unit that reads naturally: "45 ثانية", "دقيقتان", "ساعة واحدة", "3 hours"
 * (under a minute in seconds, under an hour in minutes rounded up, else the nearest hour). In a message:
 * `{seconds:duration}`.
 */
export function formatDuration(locale: Locale, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return plural(locale, 'count.seconds', s);
  if (s < 3600) return plural(locale, 'count.minutes', Math.ceil(s / 60));
  return plural(locale, 'count.hours', Math.max(1, Math.round(s / 3600)));
}
