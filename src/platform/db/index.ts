import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { fromRoot } from '../paths.ts';
// Queries are built from each module's own tables (no relational query API), so the handle carries no schema:
// the platform knows no module's tables.
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; services pass it to other modules' functions so one step is one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /**
   * Calls `fn` with the payload of every NOTIFY on `channel` (from any process on PostgreSQL; from this one
   * on PGlite). A NOTIFY sent inside a transaction arrives only if it commits. Resolves to an unlisten.
   */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fromRoot('drizzle');

export class DatabaseLockedError extends Error {}

/** The embedded database can be opened by one process at a time: a lock file in its directory says who. */
function takeLock(dir: string): () => void {
  const lockPath = path.join(dir, 'kafiil.lock');
  const tryCreate = () => fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  try {
    tryCreate();
  } catch {
    const pid = Number(fs.readFileSync(lockPath, 'utf8'));
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new DatabaseLockedError(
        `The embedded database in ${dir} is in use by process ${pid} (the server?). Stop it first, or set DATABASE_URL to use PostgreSQL.`,
      );
    }
    fs.rmSync(lockPath, { force: true });
    tryCreate();
  }
  return () => fs.rmSync(lockPath, { force: true });
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Directory of the embedded database; null = in memory. */
  pgliteDir: string | null;
  /** A dumped, already-migrated data directory (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
  migrate?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection closed by the server (restart, failover) is dropped from the pool, not a crash.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01') console.error('[kafiil] idle database connection error:', err.message);
    });
    const db = drizzlePg(pool) as unknown as Db;
    if (opts.migrate !== false) {
      // Instances starting together take turns: an advisory lock around the migrator.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7240531)');
        await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock(7240531)').catch(() => {});
        client.release();
      }
    }
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await pool.query('SELECT 1');
      },
      listen: (channel, fn) => listenPg(opts.databaseUrl as string, channel, fn),
      close: () => pool.end(),
    };
  }
  let release = () => {};
  if (opts.pgliteDir) {
    fs.mkdirSync(opts.pgliteDir, { recursive: true });
    release = takeLock(opts.pgliteDir);
  }
  try {
    // pg_trgm ranks search results by trigram similarity (typo tolerance); PGlite loads it as an extension.
    const extensions = { pg_trgm };
    const client = opts.loadDataDir
      ? new PGlite({ loadDataDir: opts.loadDataDir, extensions })
      : opts.pgliteDir
        ? new PGlite(opts.pgliteDir, { extensions })
        : new PGlite({ extensions });
    await client.waitReady;
    const db = drizzlePglite(client) as unknown as Db;
    if (opts.migrate !== false && !opts.loadDataDir) {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
    }
    return {
      db,
      kind: 'pglite',
      ping: async () => {
        await db.execute(sql`SELECT 1`);
      },
      listen: async (channel, fn) => {
        const unlisten = await client.listen(channel, fn);
        return async () => {
          if (!client.closed) await unlisten();
        };
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to others). If the connection drops
 * (server restart, failover) it reconnects with backoff; notifications sent while it was down are lost,
 * which live updates tolerate (a page reload or the next event catches up).
 */
async function listenPg(url: string, channel: string, fn: (payload: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 250;
  const schedule = () => {
    if (stopped) return;
    setTimeout(() => void connect().catch(schedule), retryMs).unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) fn(n.payload);
    });
    c.on('error', () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => {});
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) {
      await c.end();
      return;
    }
    client = c;
    retryMs = 250;
  };
  await connect();
  return async () => {
    stopped = true;
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}

/** The first row of an UPDATE/INSERT … RETURNING, or null. */
export function first<T>(rows: T[]): T | null {
  return rows.length > 0 ? rows[0] : null;
}

/** Rows of a raw SQL query, the same on PGlite and node-postgres. */
export async function queryRows<T>(tx: DbOrTx, q: SQL): Promise<T[]> {
  const r = (await tx.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}
