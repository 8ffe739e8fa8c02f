import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseLockedError, openDatabase } from './db/index.ts';
import { createMailer } from './mail.ts';
import { createRateLimiter } from './ratelimit.ts';

describe('configuration', () => {
  it('uses the embedded defaults on a fresh machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, smtpUrl: null, redisUrl: null });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('stops with a message naming the variable when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: /);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/^SEED_DEMO: /);
  });
});

describe('mail on disk', () => {
  it('writes each message as a readable .eml file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-mail-'));
    const mailer = createMailer({ smtpUrl: null, dir, from: 'Kafiil <no-reply@kafiil.local>' });
    await mailer.send({ to: 'sara@example.com', subject: 'أكّد بريدك', text: 'http://x/verify-email?token=abc', html: '<p>hi</p>' });
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = fs.readFileSync(path.join(dir, files[0]), 'utf8');
    expect(eml).toContain('To: sara@example.com');
    expect(eml).toMatch(/Subject: =\?UTF-8\?/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('embedded database', () => {
  it('refuses a second opener of the same data directory while the first holds it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-db-'));
    const lock = path.join(dir, 'kafiil.lock');
    fs.writeFileSync(lock, String(process.ppid));
    await expect(openDatabase({ databaseUrl: null, pgliteDir: dir })).rejects.toBeInstanceOf(DatabaseLockedError);
    // A lock left by a process that is gone is taken over.
    fs.writeFileSync(lock, '999999');
    const db = await openDatabase({ databaseUrl: null, pgliteDir: dir, migrate: false });
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(lock)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes the CLI stop at once with a message when the server holds the database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-cli-'));
    fs.mkdirSync(path.join(dir, 'db'));
    fs.writeFileSync(path.join(dir, 'db', 'kafiil.lock'), String(process.pid));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run-due'], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', BASE_URL: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('is in use by process');
    expect(fs.readdirSync(path.join(dir, 'db'))).toEqual(['kafiil.lock']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('rate limiter', () => {
  it('counts hits per key in a fixed window', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const rl = createRateLimiter(null, () => now);
    for (let i = 0; i < 3; i++) await rl.hit('k', 3, 60);
    await expect(rl.hit('k', 3, 60)).rejects.toMatchObject({ code: 'http.rate_limited', params: { seconds: 60 } });
    await rl.hit('other', 3, 60);
    now = new Date(now.getTime() + 61_000);
    await rl.hit('k', 3, 60);
  });

  it.skipIf(!process.env.TEST_REDIS_URL)('shares counters through Redis when REDIS_URL is set', async () => {
    const a = createRateLimiter(process.env.TEST_REDIS_URL as string, () => new Date());
    const b = createRateLimiter(process.env.TEST_REDIS_URL as string, () => new Date());
    const key = `test-${process.pid}-${Date.now()}`;
    await a.hit(key, 2, 30);
    await b.hit(key, 2, 30);
    await expect(a.hit(key, 2, 30)).rejects.toMatchObject({ code: 'http.rate_limited' });
    await a.close();
    await b.close();
  });
});
