// `npm run bench`: requests per second on a few routes, served by the real app in this process.
// Embedded PGlite always; PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set. Loopback only, bounded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { closeDeps, openDeps } from '../src/platform/runtime.ts';
import { seedBase } from '../src/seed.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

async function bench(label: string, databaseUrl: string | null) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-bench-'));
  const config = { ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), databaseUrl };
  const deps = await openDeps(config, () => {});
  await seedBase(deps.db);
  const { app, services } = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const user = `bench_${Date.now().toString(36)}`;
  await services.accounts.createDemoUser({ email: `${user}@example.com`, username: user, password: 'benchmark passphrase 1' });
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: 'benchmark passphrase 1' }),
  });
  const { token } = (await login.json()) as { token: string };
  const cases: [string, autocannon.Options][] = [
    ['GET /healthz', { url: `${base}/healthz` }],
    ['GET / (home page, anonymous)', { url: `${base}/` }],
    ['GET /privacy (policy from the database)', { url: `${base}/privacy` }],
    ['GET /api/v1/me (Bearer session lookup)', { url: `${base}/api/v1/me`, headers: { authorization: `Bearer ${token}` } }],
    ['GET /api/v1/freelancers?q=… (directory search)', { url: `${base}/api/v1/freelancers?q=design` }],
  ];
  console.log(`\n${label}`);
  for (const [name, opts] of cases) {
    const r = await autocannon({ ...opts, connections: 20, duration: DURATION });
    const errors = r.errors + r.non2xx;
    console.log(
      `  ${name.padEnd(48)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${errors ? `  (${errors} errors/non-2xx)` : ''}`,
    );
  }
  await app.close();
  await closeDeps(deps);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await bench('Embedded PGlite', null);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl) await bench(`PostgreSQL (${new URL(pgUrl).pathname.slice(1)})`, pgUrl);
else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to measure it)');
