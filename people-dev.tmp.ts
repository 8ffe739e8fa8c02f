import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './src/app.ts';
import { loadConfig } from './src/config.ts';
import { closeDeps, openDeps } from './src/platform/runtime.ts';
import { seedBase } from './src/seed.ts';
import { seedPeople } from './bench/people.ts';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-pd-'));
const config = { ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), databaseUrl: 'postgres://postgres@127.0.0.1:5432/people_dev' };
const deps = await openDeps(config, () => {});
await seedBase(deps.db);
const { app, services } = await buildApp(deps);
if (process.argv.includes('--seed')) await seedPeople(services, deps, 20000);
await app.ready();
const paths = process.argv.filter((a) => a.startsWith('/'));
for (const p of paths) {
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: p });
  const t0 = performance.now();
  let size = 0;
  for (let i = 0; i < 20; i++) size = (await app.inject({ method: 'GET', url: p })).body.length;
  console.log(p, ((performance.now() - t0) / 20).toFixed(1), 'ms', size, 'bytes');
  if (process.env.DUMP) fs.writeFileSync(process.env.DUMP, (await app.inject({ method: 'GET', url: p })).body);
}
await app.close();
await closeDeps(deps);
