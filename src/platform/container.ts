import type { FilesService } from './files.ts';
import type { Presence } from './presence.ts';

/**
 * The services every route file, the worker and the seed are given: a typed container declared below the
 * modules. Each module adds its own entry from its `index.ts` (declaration merging):
 *
 *   declare module '../../platform/container.ts' { interface Services { orders: OrdersService } }
 *
 * so a route file asks for `Services` here and never imports `app.ts`, which builds the object
 * (`createServices`) and checks it has every entry.
 */
export interface Services {
  files: FilesService;
  /** Who is online now, across instances (live event streams: platform/presence.ts). */
  presence: Presence;
}
