import type { FastifyReply } from 'fastify';
import type { AppError } from '../errors.ts';
import { type Locale, translate } from '../i18n/index.ts';

/** RFC 9457 problem+json with a stable `code` and a `title` in the request's language. */
export function problem(reply: FastifyReply, locale: Locale, err: AppError): FastifyReply {
  const errors = Object.entries(err.fields).map(([field, code]) => ({
    field,
    code,
    message: translate(locale, code, err.params),
  }));
  if (err.status === 429 && typeof err.params.seconds === 'number') reply.header('retry-after', String(err.params.seconds));
  return reply
    .status(err.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(
      JSON.stringify({
        type: 'about:blank',
        status: err.status,
        title: translate(locale, err.code, err.params),
        code: err.code,
        ...(errors.length ? { errors } : {}),
      }),
    );
}
