import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, MIGRATIONS_DIR, openDatabase } from './db/index.ts';

/** The migrations folder as it was before `tag` (the journal cut there), to build a database of that time. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh database migrated with the migrations in `dir`: PGlite, or a new PostgreSQL database in the PostgreSQL run. */
async function databaseFrom(dir: string): Promise<{ db: Database; migrateAll(): Promise<void> }> {
  const url = process.env.KAFIIL_TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (url) {
    const name = `kafiil_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: u.toString(), max: 2 });
    // Dropping the database WITH (FORCE) at the end terminates whatever connection is still idle (57P01): expected here.
    const ignoreTermination = (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err;
    };
    pool.on('error', ignoreTermination);
    admin.on('error', ignoreTermination);
    await migrate(drizzle(pool), { migrationsFolder: dir });
    const db = await openDatabase({ databaseUrl: u.toString(), pgliteDir: null, migrate: false, poolSize: 2 });
    cleanups.push(async () => {
      await db.close();
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    return { db, migrateAll: () => migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_DIR }) };
  }
  const db = await openDatabase({ databaseUrl: null, pgliteDir: null, migrate: false });
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = (db.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  const { drizzle } = await import('drizzle-orm/pglite');
  await migrate(drizzle(client), { migrationsFolder: dir });
  cleanups.push(() => db.close());
  return { db, migrateAll: () => migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR }) };
}

const rows = async <T>(db: Database, q: ReturnType<typeof sql>) => ((await db.db.execute(q)) as unknown as { rows: T[] }).rows;

describe('migration 0014: files get a public id', () => {
  it('gives every existing file its own random public id, and each avatar its address, then requires one', async () => {
    const { db, migrateAll } = await databaseFrom(migrationsBefore('0014_file_public_ids'));
    // Files and users as they were before: no public ids anywhere.
    for (let i = 0; i < 5; i++) {
      await db.db.execute(
        sql`INSERT INTO files (owner_id, storage_key, name, type, size, purpose) VALUES (1, ${`key-${i}-aaaaaaaaaaaaaaaaaaaa`}, 'a.png', 'image/png', 1, ${i === 0 ? 'avatar' : 'service_image'})`,
      );
    }
    const [avatar] = await rows<{ id: number }>(db, sql`SELECT id FROM files WHERE purpose = 'avatar'`);
    await db.db.execute(
      sql`INSERT INTO users (email, username, password_hash, display_name, avatar_file_id, terms_version, privacy_version)
          VALUES ('a@example.com', 'with_avatar', 'x', 'A', ${avatar.id}, 1, 1), ('b@example.com', 'no_avatar', 'x', 'B', NULL, 1, 1)`,
    );

    await migrateAll();

    const files = await rows<{ id: number; public_id: string }>(db, sql`SELECT id, public_id FROM files ORDER BY id`);
    expect(files).toHaveLength(5);
    for (const f of files) {
      expect(f.public_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(f.public_id, 'base64url')).toHaveLength(32);
    }
    expect(new Set(files.map((f) => f.public_id)).size).toBe(5);
    const users = await rows<{ username: string; avatar_public_id: string | null }>(
      db,
      sql`SELECT username, avatar_public_id FROM users ORDER BY username`,
    );
    expect(users).toEqual([
      { username: 'no_avatar', avatar_public_id: null },
      { username: 'with_avatar', avatar_public_id: files.find((f) => Number(f.id) === Number(avatar.id))?.public_id },
    ]);
    // Required and unique from now on (new rows get one from the application: files.ts / tables.ts).
    await expect(
      db.db.execute(
        sql`INSERT INTO files (owner_id, storage_key, name, type, size, purpose) VALUES (1, 'k-new-aaaaaaaaaaaaaaaaaaaa', 'a', 'a', 1, 'x')`,
      ),
    ).rejects.toThrow();
    await expect(
      db.db.execute(
        sql`INSERT INTO files (owner_id, storage_key, public_id, name, type, size, purpose) VALUES (1, 'k-dup-aaaaaaaaaaaaaaaaaaaa', ${files[0].public_id}, 'a', 'a', 1, 'x')`,
      ),
    ).rejects.toThrow();
    const [index] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'services_images_idx'`);
    expect(index.n).toBe(1);
  }, 60_000);
});
