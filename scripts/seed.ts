// `npm run seed -- --services N`: N realistic published services (and their sellers) for benchmarks and demos.
// Reads the same configuration as the server (DATA_DIR, DATABASE_URL, …). The embedded database can be open in
// one process at a time: with the server running on it, this stops at once and touches nothing.
import { parseArgs } from 'node:util';
import { createServices } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { seedBulkServices, seedDemoServices } from '../src/modules/catalog/demo.ts';
import { DatabaseLockedError } from '../src/platform/db/index.ts';
import { closeDeps, openDeps } from '../src/platform/runtime.ts';
import { isEmpty, seedBase, seedDemo } from '../src/seed.ts';

const USAGE = `Usage: npm run seed -- --services N [options]
  --services N    how many published services to add (required)
  --sellers M     how many sellers to create for them (default: one per 5 services, at most 300)
  --seed S        the generator's seed (default: fixed, so runs are repeatable)
  --demo          go through the service layer like a person would (each image uploaded, each service
                  submitted and approved; within sellers' level limits) instead of fast bulk inserts
  --no-demo-data  on a new database, do not create the usual demo data (admin, freelancers) first`;

async function main(argv: string[]): Promise<number> {
  let values: { services?: string; sellers?: string; seed?: string; demo?: boolean; 'no-demo-data'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        services: { type: 'string' },
        sellers: { type: 'string' },
        seed: { type: 'string' },
        demo: { type: 'boolean' },
        'no-demo-data': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const whole = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return Number(v);
  };
  const n = whole('services', values.services, 1, 10_000_000);
  if (n === undefined) throw new UsageError('--services N is required');
  const sellers = whole('sellers', values.sellers, 1, 100_000);
  const seed = whole('seed', values.seed, 0, 2 ** 31 - 1);

  const config = loadConfig();
  const deps = await openDeps(config, (m, e) => console.error(m, e ?? ''));
  try {
    const services = createServices(deps);
    const fresh = await isEmpty(deps.db);
    await seedBase(deps.db);
    // The server creates the demo data only on an empty database: seeding one first would skip it for good.
    if (fresh && config.seedDemo !== false && !values['no-demo-data']) {
      const admin = await seedDemo(services);
      console.log(`New database: demo data created. Demo admin: username ${admin.username}, password ${admin.password}`);
    }
    const t0 = performance.now();
    let line: string;
    if (values.demo) {
      const r = await seedDemoServices(services, n, { seed });
      line = `${r.services.length} services by ${r.sellers} sellers with ${r.images} images (service layer)`;
    } else {
      let shown = 0;
      const r = await seedBulkServices(deps.db, n, {
        services,
        seed,
        sellers,
        concurrency: deps.database.kind === 'postgres' ? 3 : 1,
        onProgress: (done, total) => {
          if (process.stderr.isTTY && (done - shown >= 10_000 || done === total)) {
            shown = done;
            process.stderr.write(`\r  ${done} / ${total}`);
            if (done === total) process.stderr.write('\n');
          }
        },
      });
      line =
        `${r.services} services (ids ${r.firstId}–${r.lastId}) by ${r.sellers} new sellers with ${r.images} images` +
        ` — sellers ${r.seconds.sellers} s, images ${r.seconds.images} s, services ${r.seconds.services} s` +
        ` + ${r.rebuiltIndexes ? 'search indexes rebuilt and ' : ''}ANALYZE ${r.seconds.indexes} s` +
        ` (${Math.round(r.services / Math.max(r.seconds.services + r.seconds.indexes, 0.001))} services/s)`;
    }
    // Approvals queued mail (and kicked background drains): deliver it all before closing the database.
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 25));
      if ((await deps.outbox.drain()).delivered === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`Seeded ${line}; ${seconds.toFixed(1)} s in all (database: ${deps.database.kind}).`);
    return 0;
  } finally {
    await closeDeps(deps);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof DatabaseLockedError || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(3);
    }
    console.error(err);
    process.exit(1);
  });
