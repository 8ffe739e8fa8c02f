// The process deposit-crash.int.test.ts kills: a Kafiil server on the test's PostgreSQL database (DATABASE_URL)
// that takes one deposit request through its HTTP routes. KAFIIL_CRASH_POINT makes it stop between two steps of
// the deposit, print `between <point>` and wait there until the test sends SIGKILL.
//   KAFIIL_TEST_NOW   the server's clock (ISO time), so the test knows when the key's lease began
//   KAFIIL_TEST_TOKEN the depositor's Bearer token; KAFIIL_TEST_KEY the Idempotency-Key; KAFIIL_TEST_BODY the JSON body
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { closeDeps, openDeps } from '../src/platform/runtime.ts';

async function main() {
  const env = process.env;
  const config = loadConfig(env);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is needed: the test and this process share a PostgreSQL database');
  const now = new Date(env.KAFIIL_TEST_NOW ?? '');
  if (Number.isNaN(now.getTime())) throw new Error('KAFIIL_TEST_NOW must be an ISO time');
  const deps = { ...(await openDeps(config, (m, e) => console.error(m, e ?? ''))), clock: () => now };
  const { app } = await buildApp(deps);
  await app.ready();
  process.stdout.write('ready\n');
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/wallet/deposits',
    headers: { authorization: `Bearer ${env.KAFIIL_TEST_TOKEN}`, 'idempotency-key': env.KAFIIL_TEST_KEY ?? '' },
    payload: JSON.parse(env.KAFIIL_TEST_BODY ?? '{}'),
  });
  // Reached only when no crash point stopped the request.
  process.stdout.write(`answer ${r.statusCode} ${r.body}\n`);
  await app.close();
  await closeDeps(deps);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
