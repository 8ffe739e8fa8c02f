import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from './db/index.ts';
import type { Deps } from './deps.ts';
import { createLiveHub } from './live.ts';
import { createMailer } from './mail.ts';
import { createOutboxDrainer } from './outbox.ts';
import { createRateLimiter } from './ratelimit.ts';
import { createDiskStorage } from './storage.ts';

/** Opens the real components the configuration names (or their embedded defaults). */
export async function openDeps(config: Config, log: (msg: string, err?: unknown) => void): Promise<Deps> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? null : path.join(config.dataDir, 'db'),
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, dir: path.join(config.dataDir, 'mail'), from: config.mailFrom });
  const clock = () => new Date();
  return {
    config,
    database,
    db: database.db,
    mailer,
    outbox: createOutboxDrainer(database.db, mailer, log),
    limiter: createRateLimiter(config.redisUrl, clock),
    storage: createDiskStorage(path.join(config.dataDir, 'files')),
    live: createLiveHub(database, log),
    clock,
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.live.close();
  await deps.limiter.close();
  await deps.database.close();
}
