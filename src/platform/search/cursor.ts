import { invalid } from '../errors.ts';

/**
 * The keyset cursor of a result list: where the last page ended, as the values of its order's keys for the
 * page's last row (so the next page starts right after it, and page 50 costs what page 1 does), and the search's
 * mode (the exact search, or the widened one). Opaque to clients: base64url of a small JSON array.
 */

/** A result list's mode: the exact search, or the widened one (any word, typos). */
export type SearchMode = 'e' | 'w';

/** How an order's key is typed: each value travels as the text PostgreSQL gives and is cast back on the next page. */
export type KeyType = 'int' | 'float' | 'date';

/** A cursor is short; anything longer is not one of ours. */
export const CURSOR_MAX = 400;
/** What a cursor may look like in an address (pages check it before searching). */
export const CURSOR_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${CURSOR_MAX}}$`);

const SHAPES: Record<KeyType, RegExp> = {
  int: /^-?\d{1,18}$/,
  float: /^-?(?:\d{1,20}(?:\.\d{1,20})?(?:e[+-]?\d{1,3})?|Infinity)$/,
  // timestamptz as PostgreSQL writes it: 2026-12-03 15:10:04.123456+00 (any zone offset).
  date: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2}){0,2}$/,
};

export interface Cursor {
  mode: SearchMode;
  /** The last row's keys (text), or null for the first page. */
  after: string[] | null;
}

export function encodeCursor(mode: SearchMode, after: string[]): string {
  return Buffer.from(JSON.stringify([mode, ...after])).toString('base64url');
}

/** A date key is checked for a real calendar date here (PostgreSQL would refuse 2026-02-31 with an error). */
function realDate(v: string): boolean {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const [hh, mm, ss] = v.slice(11, 19).split(':').map(Number);
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && hh < 24 && mm < 60 && ss < 60;
}

/** The cursor a list was given back, checked against the order's key types; anything else is invalid input. */
export function decodeCursor(cursor: string | undefined, types: readonly KeyType[]): Cursor {
  if (cursor === undefined || cursor === '') return { mode: 'e', after: null };
  const fail = () => invalid({ cursor: 'search.cursor_invalid' });
  if (cursor.length > CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length + 1 || (parsed[0] !== 'e' && parsed[0] !== 'w')) throw fail();
  const after = parsed.slice(1);
  const ok = after.every(
    (v, i) =>
      typeof v === 'string' &&
      SHAPES[types[i]].test(v) &&
      (types[i] !== 'date' || realDate(v)) &&
      (types[i] !== 'int' || Number.isSafeInteger(Number(v))),
  );
  if (!ok || encodeCursor(parsed[0], after as string[]) !== cursor) throw fail();
  return { mode: parsed[0], after: after as string[] };
}
