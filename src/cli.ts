import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createServices } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { scanContacts } from './modules/trust/detector.ts';
import { DatabaseLockedError } from './platform/db/index.ts';
import { AppError } from './platform/errors.ts';
import { translate } from './platform/i18n/index.ts';
import { closeDeps, openDeps } from './platform/runtime.ts';
import { seedBase } from './seed.ts';
import { runDue } from './worker.ts';

const USAGE = `Usage: npm run -s cli -- <command>
  create-admin --email E --username U --password P   a staff account with every role
  run-due [--now <ISO time>]                         run every due timed transition, print a JSON summary
  contact-scan                                       one JSON string per stdin line → one JSON verdict per stdout line`;

/** Pure: never opens the database, so it runs even while a server holds the embedded database's lock. */
async function contactScan(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    let out: unknown;
    try {
      const text: unknown = JSON.parse(line);
      out = typeof text === 'string' ? scanContacts(text) : { error: 'each line must be a JSON string' };
    } catch {
      out = { error: 'not valid JSON' };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'contact-scan') return contactScan();
  if (!['create-admin', 'run-due'].includes(command)) {
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const deps = await openDeps(config, (m, e) => console.error(m, e ?? ''));
  try {
    const services = createServices(deps);
    await seedBase(deps.db);
    if (command === 'create-admin') {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } },
      });
      const u = await services.accounts.createAdmin({
        email: values.email ?? '',
        username: values.username ?? '',
        password: values.password ?? '',
      });
      await deps.outbox.drain();
      console.log(JSON.stringify({ id: u.id, username: u.username, email: u.email, roles: u.roles }));
      return 0;
    }
    const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } } });
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) {
      console.error(`--now: not a date: "${values.now}"`);
      return 2;
    }
    // Every step stamps and schedules from the given time (a clearance date is completion + the level's days).
    const at = { ...deps, clock: () => now };
    console.log(JSON.stringify(await runDue(createServices(at), at, now)));
    return 0;
  } finally {
    await closeDeps(deps);
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof DatabaseLockedError || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(3);
    }
    if (err instanceof AppError) {
      const details = Object.entries(err.fields)
        .map(([f, code]) => `  ${f}: ${translate('en', code, { min: 10, ...err.params })}`)
        .join('\n');
      console.error(`${translate('en', err.code, err.params)}${details ? `\n${details}` : ''}`);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  });
