import { Type } from '@fastify/type-provider-typebox';

/** RFC 9457 problem+json as every API error is sent (platform/http/problem.ts). */
export const Problem = Type.Object(
  { type: Type.String(), status: Type.Integer(), title: Type.String(), code: Type.String() },
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
