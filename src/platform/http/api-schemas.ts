import { Type } from '@fastify/type-provider-typebox';
import type { Ajv } from 'ajv';
import { MAX_ID } from './request.ts';

/**
 * Every id the API reads, in a path, a query or a body (arrays of ids too): a whole number from 1 to MAX_ID
 * (PostgreSQL's `integer` maximum). In a path anything else is a 404, in a query or a body a 400 naming the field.
 * `x-finite` (finiteKeyword): ajv turns the string "Infinity" into a number and then skips minimum and maximum.
 */
export const Id = (options: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: MAX_ID, 'x-finite': true, ...options });

/** The ajv keyword `x-finite: true`: a number must be finite (ajv's own checks let a coerced Infinity through). */
export function finiteKeyword(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: 'x-finite',
    schemaType: 'boolean',
    errors: false,
    validate: (on: boolean, data: unknown) => !on || typeof data !== 'number' || Number.isFinite(data),
  });
  return ajv;
}

/** `:id` in a path. */
export const IdParams = Type.Object({ id: Id() });

/** RFC 9457 problem+json as every API error is sent (platform/http/problem.ts). */
export const Problem = Type.Object(
  {
    type: Type.String(),
    status: Type.Integer(),
    title: Type.String(),
    code: Type.String(),
    requestId: Type.Optional(Type.String({ description: 'The id of this request in the server log (also the X-Request-Id header)' })),
  },
  { additionalProperties: true, description: 'RFC 9457 problem' },
);

/** The error answers an operation documents. */
export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  422: Problem,
  429: Problem,
};

/** `security` of an operation that needs `Authorization: Bearer <token>`. */
export const bearer = [{ bearer: [] }];
