import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.ts';

/** The services publish pages and API. */
export function publishRoutes(_app: FastifyInstance, _services: Services): void {}
