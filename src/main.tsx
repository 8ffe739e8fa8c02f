import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseLockedError } from './platform/db/index.ts';
import { closeDeps, openDeps } from './platform/runtime.ts';
import { isEmpty, seedBase, seedDemo } from './seed.ts';
import { startWorker } from './worker.ts';

/** Reads config, opens the database, builds the app, listens, and stops cleanly on SIGTERM/SIGINT. */
async function main() {
  const started = performance.now();
  const args = new Set(process.argv.slice(2));
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Kafiil: bad configuration — ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = (msg: string, err?: unknown) => console.error(`[kafiil] ${msg}`, err ?? '');
  // A stop asked for while starting waits until start-up is done, then stops cleanly.
  let stopRequested: string | null = null;
  let stop: ((signal: string) => Promise<void>) | null = null;
  const onSignal = (signal: string) => {
    if (stop) void stop(signal);
    else stopRequested = signal;
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  let deps: Awaited<ReturnType<typeof openDeps>>;
  try {
    deps = await openDeps(config, log);
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      console.error(`Kafiil: ${err.message}`);
      process.exit(3);
    }
    throw err;
  }
  // The server's log: JSON lines on stdout (server errors with their stack, slow requests), LOG_LEVEL deep.
  const { app, services } = await buildApp(deps, { log: { level: config.logLevel } });
  const fresh = await isEmpty(deps.db);
  await seedBase(deps.db);
  // Authenticator keys from before they were sealed with SECRET_KEY are sealed now (none after the first start).
  const sealed = await services.accounts.sealStoredTotpKeys();
  if (sealed > 0) log(`sealed ${sealed} stored authenticator keys`);
  // The demo dataset (users, 60 services with their images) is made after the server listens, so a first
  // start answers at once; its services appear a few seconds later.
  const seedDemoData = async () => {
    const admin = await seedDemo(services);
    console.log(
      `Demo data created. Sign in as the demo admin at ${config.baseUrl}/login with\n  username: ${admin.username}\n  password: ${admin.password}\n(a one-time password, shown once: the first sign-in asks you to choose your own; or set one with: npm run -s cli -- create-admin --email ${admin.email} --username ${admin.username} --password <new>)`,
    );
  };
  let demoSeeding: Promise<void> | null = null;
  const worker = args.has('--no-worker') ? null : startWorker(services, deps, log);
  if (args.has('--worker-only')) {
    console.log('Kafiil worker running (no HTTP).');
  } else {
    await app.listen({ port: config.port, host: config.host });
    const ms = Math.round(performance.now() - started);
    console.log(
      `Kafiil is running at ${config.baseUrl} (database: ${deps.database.kind}${deps.database.kind === 'pglite' ? ` in ${config.dataDir}/db` : ''}; mail: ${deps.mailer.kind === 'files' ? `${config.dataDir}/mail` : 'SMTP'}) — started in ${ms} ms`,
    );
  }
  if (fresh && config.seedDemo !== false) {
    if (!args.has('--worker-only')) console.log('Creating the demo data…');
    demoSeeding = seedDemoData().catch((err) => log('demo data failed', err));
  }
  let stopping = false;
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Kafiil: ${signal} received, stopping…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await demoSeeding;
    await worker?.stop();
    await closeDeps(deps);
    console.log('Kafiil: stopped cleanly.');
    process.exit(0);
  };
  if (stopRequested) await stop(stopRequested);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
