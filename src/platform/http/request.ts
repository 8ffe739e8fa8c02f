import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Origin } from './auth.ts';

/** Where a request came from, for audit rows, login alerts and rate limits. */
export function originOf(req: FastifyRequest): Origin {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}

/** A list's `?cursor=` (an id to continue after), or undefined for the first page; anything else is a 400. */
export function cursorOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) throw new AppError('validation.failed', {}, { cursor: 'validation.field_invalid' });
  return Number(raw);
}
