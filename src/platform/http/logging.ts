import { randomBytes } from 'node:crypto';
import { type FastifyInstance, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { LogLevel } from '../../config.ts';

/** A request slower than this is written to the log as a warning. */
export const SLOW_REQUEST_MS = 1000;

export interface LogOptions {
  level: LogLevel;
  /** Where the JSON lines go (stdout when not given): a test passes a stream to read them. */
  stream?: { write(line: string): unknown };
  /** Requests slower than this (ms) are logged as warnings; SLOW_REQUEST_MS by default. */
  slowMs?: number;
}

/** A random id for every request: in each log line (`reqId`), the X-Request-Id header, error pages and problem documents. */
export const newRequestId = () => randomBytes(8).toString('hex');

/** Query parameters whose values are secrets (mailed tokens, the sandbox checkout's secret…): never logged. */
const SECRET_PARAM = /token|secret|pass|key|code|sig|session|auth|otp|^s$/i;

/** A request's address for the log: the path, and the query with the values of secret parameters replaced. */
export function logUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url.slice(0, 500);
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {}
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`.slice(0, 500);
}

/** Double-quoted values in a database error's message ('invalid input syntax for type integer: "…"') may be what a user typed. */
const scrubQuoted = (s: string) => s.replace(/"[^"]*"/g, '"…"');

/**
 * An error for the log: its type, message, code and stack, and its cause the same way. A failed query's message
 * lists its parameters (what users typed, password hashes, tokens' hashes): they are cut, and only the named
 * fields are written (never a database error's `detail`, `where` or parameters).
 */
export function logError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err).slice(0, 200) };
  const e = err as Error & { code?: unknown; statusCode?: unknown; severity?: unknown };
  const fromDatabase = typeof e.severity === 'string';
  const scrub = (s: string) => {
    const cut = s.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]');
    return fromDatabase ? scrubQuoted(cut) : cut;
  };
  const message = scrub(e.message);
  const stack = e.stack ? (e.stack.includes(e.message) ? e.stack.replace(e.message, message) : scrub(e.stack)) : undefined;
  return {
    type: e.constructor?.name ?? 'Error',
    message,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(stack ? { stack: stack.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]') } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: logError(e.cause, depth + 1) } : {}),
  };
}

/**
 * Fastify's logger options: pino JSON lines (stdout, or `stream`), a random request id (no header is believed),
 * no line per request by default (5xx, slow requests and, at `debug`, every request are written by
 * registerRequestLog), and serializers that write a request as its method and address only: never headers,
 * cookies, bodies or secret query values.
 */
export function loggerOptions(
  opts: LogOptions | undefined,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader' | 'logController'> {
  const base = {
    genReqId: newRequestId,
    requestIdHeader: false as const,
    logController: new LogController({ disableRequestLogging: true }),
  };
  if (!opts) return { ...base, logger: false };
  return {
    ...base,
    logger: {
      level: opts.level,
      ...(opts.stream ? { stream: opts.stream } : {}),
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: logUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error) => logError(err) as { type: string; message: string; stack: string },
      },
      // The serializers write none of these; should a log call ever pass them, they are still not written.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          'password',
          '*.password',
          'token',
          '*.token',
          'body',
          '*.body',
        ],
        censor: '[redacted]',
      },
    },
  };
}

const logged = new WeakSet<FastifyRequest>();

/** Writes a request that failed with a server error (5xx): its status and the error with its stack. */
export function logServerError(req: FastifyRequest, status: number, err: unknown): void {
  logged.add(req);
  req.log.error({ req, status, err }, 'request failed');
}

/**
 * Every answer carries its request id (X-Request-Id). A 5xx not already written with its error, and a request slower
 * than `slowMs`, are written when the answer has gone; at level `debug` every request is.
 */
export function registerRequestLog(app: FastifyInstance, slowMs = SLOW_REQUEST_MS): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    if (status >= 500 && !logged.has(req)) req.log.error({ req, status, ms }, 'request answered with a server error');
    else if (ms >= slowMs) req.log.warn({ req, status, ms }, 'slow request');
    else req.log.debug({ req, status, ms }, 'request');
  });
}
