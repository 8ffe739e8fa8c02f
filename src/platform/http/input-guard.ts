import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Input no route should have to think about, refused once for every request before any handler runs:
 * - a NUL character (U+0000) anywhere in a string — path, query, JSON body at any depth (keys too), urlencoded
 *   form, multipart text field or file name: PostgreSQL refuses it in text, so it would end as a 500;
 * - a number that is not finite: ajv turns the string "Infinity" into Infinity for an integer or number schema
 *   and then skips its minimum/maximum checks, so a schema alone lets it through.
 * Both answer 400 `validation.failed` naming the field (`errors[]` in the API, the error page for pages); a bad
 * number in a path is a 404 (no such page), like any other malformed id.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const params = (req.params ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && value.includes(NUL)) throw nulRefusal(name === '*' ? 'path' : name);
    }
    const inQuery = nulAt(req.query, '');
    if (inQuery !== null) throw nulRefusal(inQuery || 'query');
    // Anything the router and the query parser did not decode (an unknown path, a malformed query).
    const q = req.url.indexOf('?');
    if (/%00/i.test(req.url)) throw nulRefusal(q >= 0 && /%00/i.test(req.url.slice(q)) ? 'query' : 'path');
  });

  app.addHook('preValidation', async (req) => {
    if (req.isMultipart()) return guardMultipart(req);
    const inBody = nulAt(req.body, '');
    if (inBody !== null) throw nulRefusal(inBody || 'body');
  });

  app.addHook('preHandler', async (req) => {
    if (notFiniteAt(req.params, '') !== null) throw new AppError('http.not_found');
    for (const value of [req.query, req.body]) {
      const at = notFiniteAt(value, '');
      if (at !== null) throw new AppError('validation.failed', {}, { [at || 'body']: 'validation.field_invalid' });
    }
  });
}

const NUL = '\u0000';

function nulRefusal(field: string): AppError {
  return new AppError('validation.failed', {}, { [field]: 'validation.nul_character' });
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** The dotted path of the first string (or key) holding a NUL in a parsed value, '' for the value itself, or null. */
function nulAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nulAt(value[i], join(path, i), depth + 1);
      if (at !== null) return at;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes(NUL)) return join(path, k);
    const at = nulAt(v, join(path, k), depth + 1);
    if (at !== null) return at;
  }
  return null;
}

/** The dotted path of the first number that is not finite in a validated value, or null. */
function notFiniteAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const at = notFiniteAt(v, join(path, k), depth + 1);
    if (at !== null) return at;
  }
  return null;
}

/** A multipart body is read by its route (`req.parts()`, `req.file()`): each text field and file name is checked as it is read. */
function guardMultipart(req: FastifyRequest): void {
  const check = (part: Multipart) => {
    if (part.fieldname.includes(NUL)) throw nulRefusal(part.fieldname);
    if (part.type === 'file') {
      if (part.filename.includes(NUL)) throw nulRefusal(part.fieldname);
    } else if (typeof part.value === 'string' && part.value.includes(NUL)) throw nulRefusal(part.fieldname);
  };
  const parts = req.parts.bind(req);
  const file = req.file.bind(req);
  const guarded = req as unknown as { parts: typeof req.parts; file: typeof req.file };
  guarded.parts = async function* (options?: Parameters<typeof req.parts>[0]) {
    for await (const part of parts(options)) {
      check(part);
      yield part;
    }
  } as typeof req.parts;
  guarded.file = (async (options?: Parameters<typeof req.file>[0]) => {
    const f = await file(options);
    if (f) {
      check(f);
      // The text fields sent before the file.
      for (const v of Object.values(f.fields)) for (const p of Array.isArray(v) ? v : [v]) if (p) check(p);
    }
    return f;
  }) as typeof req.file;
}
