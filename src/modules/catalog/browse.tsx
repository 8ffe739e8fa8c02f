import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.ts';

/** The services browse pages and API. */
export function browseRoutes(_app: FastifyInstance, _services: Services): void {}
