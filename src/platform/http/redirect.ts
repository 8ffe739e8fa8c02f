import type { FastifyReply } from 'fastify';
import { splitLocale } from '../i18n/index.ts';

/** Longest way back kept (a page's path and query); anything longer is not one of ours. */
const MAX_NEXT = 2048;
// Characters a browser may read as `/` or `\` (or that NFKC turns into them): refused anywhere in a way back.
const SLASH_LOOKALIKES = /[\u2044\u2215\u2216\u2571\u2572\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]/u;
// C0 and C1 controls, DEL, and the line and paragraph separators.
const CONTROLS = /[\p{Cc}\u2028\u2029]/u;

/** Decodes percent-escapes until nothing changes (a double-encoded `%252F` is a `/` to some readers); null if malformed. */
function decodeFully(raw: string): string | null {
  let s = raw;
  for (let i = 0; i < 5; i++) {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      return null;
    }
    if (d === s) return s;
    s = d;
  }
  return null;
}

/** The path with every `/en` prefix taken off (`/en` → `/`, `/en?x` → `/?x`); other paths unchanged. */
function withoutLocale(p: string): string {
  let s = p;
  for (let split = splitLocale(s); split.locale !== 'ar'; split = splitLocale(s)) s = split.path;
  return s;
}

/** A path on this site: one leading `/`, then no `/` or `\`, and no `.`/`..` segment in its path part. */
function pathShaped(s: string): boolean {
  if (!s.startsWith('/') || s[1] === '/' || s[1] === '\\') return false;
  const pathPart = s.split(/[?#]/, 1)[0];
  return !pathPart.split('/').some((seg) => seg === '.' || seg === '..');
}

/**
 * The locale-free path of this site that `raw` (a `next` or other "return to" value) names, or null when it is
 * not one. Refused: anything not starting with a single `/`; control characters (tab, newline…) and backslashes,
 * typed or percent-encoded (at any depth); `/`-lookalikes (`／`, `∕`…); dot segments; a malformed escape; and all
 * of these again after the locale prefix (`/en//evil` is `//evil` once redirectTo adds the locale back) and with
 * whitespace removed (`/ /evil`). What passes is returned as given (not decoded), without its `/en` prefix.
 */
export function sameSitePath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_NEXT) return null;
  const decoded = decodeFully(raw);
  if (decoded === null) return null;
  for (const s of [raw, decoded]) {
    if (CONTROLS.test(s) || s.includes('\\') || SLASH_LOOKALIKES.test(s)) return null;
  }
  const bare = withoutLocale(raw);
  const bareDecoded = decodeFully(bare);
  if (bareDecoded === null) return null;
  for (const s of [raw, decoded, bare, bareDecoded, withoutLocale(decoded)]) {
    for (const form of [s, s.normalize('NFKC'), s.replace(/\s/gu, '')]) {
      if (!pathShaped(form) || !pathShaped(withoutLocale(form))) return null;
      if (form.includes('\\') || SLASH_LOOKALIKES.test(form)) return null;
    }
  }
  return bare;
}

/** The way back `raw` names, as a locale-free path of this site (see sameSitePath), or `/`. */
export function safeNextPath(raw: unknown): string {
  return sameSitePath(raw) ?? '/';
}

/**
 * A redirect target as a `Location` header can carry it: every character outside the URL syntax that
 * `encodeURI` keeps (Arabic, spaces, controls, `\`, a `%` that starts no escape…) percent-encoded as UTF-8,
 * while `%XX` escapes already there stay as they are; a lone surrogate becomes U+FFFD.
 */
export function encodeLocation(target: string): string {
  return target.replace(/%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-_.!~*'();/?:@&=+$,#]/gu, (m) =>
    m.length === 3 && m[0] === '%' ? m : /^[\ud800-\udfff]$/.test(m) ? '%EF%BF%BD' : encodeURIComponent(m),
  );
}

/** `reply.redirect` with the target percent-encoded (a raw Arabic path would make the header throw). */
export function redirect(reply: FastifyReply, target: string, status: 301 | 302 | 303 | 307 | 308 = 303): FastifyReply {
  return reply.redirect(encodeLocation(target), status);
}
