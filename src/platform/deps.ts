import type { Config } from '../config.ts';
import type { Database, Db } from './db/index.ts';
import type { LiveHub } from './live.ts';
import type { Mailer } from './mail.ts';
import type { OutboxDrainer } from './outbox.ts';
import type { RateLimiter } from './ratelimit.ts';
import type { Storage } from './storage.ts';

/** What every module's service is built from. `clock` is the one source of "now" (tests move it). */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  outbox: OutboxDrainer;
  limiter: RateLimiter;
  storage: Storage;
  /** Live events to users' open pages, across instances (LISTEN/NOTIFY). */
  live: LiveHub;
  clock: () => Date;
}
