import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Origin } from './auth.ts';

/**
 * The largest id a request may name: PostgreSQL's `integer` maximum. Ids are `integer` (int4) or `bigint` columns;
 * a bigger number makes a query on an `integer` column fail, and no `bigint` id gets near it.
 */
export const MAX_ID = 2_147_483_647;

/** The last moment a Date can hold (ms since 1970): a cursor's time beyond it would make an invalid date. */
export const MAX_DATE_MS = 8_640_000_000_000_000;

/**
 * An id as a page reads it from a path, a query or a form ("42", or a number): a whole number from 1 to MAX_ID,
 * or null for anything else ("0", "-1", "1.5", "1e308", "Infinity", 20 digits…). The caller says what null means:
 * a page that does not exist (404) for a path, the field's refusal for a form.
 */
export function parseId(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 && raw <= MAX_ID ? raw : null;
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/** An id from a path: parseId's, or a page that does not exist (404 `code`) for anything else. */
export function pathId(raw: unknown, code = 'http.not_found'): number {
  const id = parseId(raw);
  if (id === null) throw new AppError(code);
  return id;
}

/** Where a request came from, for audit rows, login alerts and rate limits. */
export function originOf(req: FastifyRequest): Origin {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}

/** A list's `?cursor=` (an id to continue after), or undefined for the first page; anything else is a 400. */
export function cursorOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const id = parseId(raw);
  if (id === null) throw new AppError('validation.failed', {}, { cursor: 'validation.field_invalid' });
  return id;
}
