import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// The CLI as a person runs it: against the embedded database in a fresh DATA_DIR, or (KAFIIL_TEST_DB=postgres) against
// a fresh PostgreSQL database copied from the migrated template, through DATABASE_URL as on a server.
let databaseUrl = '';
let dropDatabase = async () => {};
beforeAll(async () => {
  const template = inject('pgTemplateDb');
  if (!template) return;
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `kafiil_t_${template.replace('kafiil_tpl_', '')}_${process.pid}_cli`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  dropDatabase = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
});
afterAll(() => dropDatabase());

function cli(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, BASE_URL: '' };
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, encoding: 'utf8' });
}

describe('command line', () => {
  it('creates a staff account with every role, refuses a weak password, and runs due work', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-cli-'));
    const weak = cli(dir, 'create-admin', '--email', 'ops@example.com', '--username', 'ops_lead', '--password', 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password: The password is too short');
    const ok = cli(dir, 'create-admin', '--email', 'ops@example.com', '--username', 'ops_lead', '--password', 'operations passphrase 7');
    expect(ok.status, ok.stderr).toBe(0);
    const made = JSON.parse(ok.stdout.trim().split('\n').at(-1) as string);
    expect(made).toMatchObject({ username: 'ops_lead', email: 'ops@example.com', roles: ['admin', 'moderator', 'finance', 'support'] });
    const due = cli(dir, 'run-due', '--now', '2027-01-01T00:00:00Z');
    expect(due.status, due.stderr).toBe(0);
    expect(JSON.parse(due.stdout.trim())).toMatchObject({ at: '2027-01-01T00:00:00.000Z', outbox: { delivered: 0, failed: 0 } });
    const bad = cli(dir, 'run-due', '--now', 'tomorrow');
    expect(bad.status).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
    // Four CLI processes, each starting Node and opening (the first migrating) an embedded database: on a busy
    // 2-core CI machine that took over a minute once.
  }, 180_000);
});
