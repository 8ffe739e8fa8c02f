import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/index.ts';
import { seedBase } from '../../src/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An embedded database already migrated and seeded (its data directory), which each journey copies. */
    e2eDbTemplate: string;
  }
}

/**
 * Migrates and seeds one embedded database for the whole browser run (what the server and the CLI do on an empty
 * DATA_DIR: a few seconds each time): each journey starts from a copy of its directory (harness.ts startJourney).
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve('.tmp', `e2e-db-template-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const db = await openDatabase({ databaseUrl: null, pgliteDir: dir });
  await seedBase(db.db);
  await db.close();
  project.provide('e2eDbTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
