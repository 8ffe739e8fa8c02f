import { spawnSync } from 'node:child_process';
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
 * Builds dist/ (scripts/build.mjs), and migrates and seeds one embedded database for the whole browser run (what the server and the CLI do on an empty
 * DATA_DIR: a few seconds each time): each journey starts from a copy of its directory (harness.ts startJourney).
 */
export default async function setup(project: TestProject) {
  // The server and the CLI the journeys start, compiled from the current sources (skipped when dist/ is fresh).
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`scripts/build.mjs failed:\n${built.stdout}\n${built.stderr}`);
  const dir = path.resolve('.tmp', `e2e-db-template-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const db = await openDatabase({ databaseUrl: null, pgliteDir: dir });
  await seedBase(db.db);
  await db.close();
  project.provide('e2eDbTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
