import type { FastifyReply } from 'fastify';
import type { AppError } from '../errors.ts';
import { type Locale, stripIsolates, translate } from '../i18n/index.ts';

/**
 * Field problems that name the whole refusal when one of them is among a `validation.failed`'s fields: contact
 * details (API.md: a client tells a contact-details refusal by its `code`, `trust.contact_info`, whichever field
 * it is in and whatever else is wrong). The status stays the refusal's, and every field problem stays in `errors[]`.
 */
const HEADLINE_FIELD_CODES = ['trust.contact_info'];

/** The `code` a refusal answers with at the top of its problem document. */
function problemCode(err: AppError): string {
  if (err.code !== 'validation.failed') return err.code;
  const fieldCodes = Object.values(err.fields);
  return HEADLINE_FIELD_CODES.find((c) => fieldCodes.includes(c)) ?? err.code;
}

/** RFC 9457 problem+json with a stable `code`, a `title` in the request's language and the request's id. */
export function problem(reply: FastifyReply, locale: Locale, err: AppError): FastifyReply {
  const code = problemCode(err);
  const errors = Object.entries(err.fields).map(([field, code]) => ({
    field,
    code,
    message: stripIsolates(translate(locale, code, err.params)),
  }));
  if (err.status === 429 && typeof err.params.seconds === 'number') reply.header('retry-after', String(err.params.seconds));
  return reply
    .status(err.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(
      JSON.stringify({
        type: 'about:blank',
        status: err.status,
        // Plain text for API clients: without the isolates pages get around amounts and #ids.
        title: stripIsolates(translate(locale, code, err.params)),
        code,
        ...(errors.length ? { errors } : {}),
        ...err.extra,
        // The request's id in the server log (also X-Request-Id), for support to find it.
        requestId: reply.request.id,
      }),
    );
}
