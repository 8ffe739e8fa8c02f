// `npm test`: lint and type-check, then unit + integration tests on PGlite, the integration tests again on
// PostgreSQL when TEST_DATABASE_URL is set, and the browser tests in Chromium (required when CI=true).
// Ends with one line for all suites together: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (n) => path.join(root, 'node_modules/.bin', n);
const ci = process.env.CI === 'true' || process.env.CI === '1';
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
const started = Date.now();

function run(label, cmd, args, env = {}) {
  const t = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status}`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function vitest(label, env) {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const out = path.join(root, '.tmp', `vitest-${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(label, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (!fs.existsSync(out)) {
    totals.failed++;
    broken = true;
    return;
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  // A file that failed without a failed test (it did not load, or its beforeAll threw and vitest marked
  // its tests skipped) counts as one failure, so the summary line never says 0 failed for a broken file.
  const loadFailures = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  totals.failed += loadFailures;
  if (!ok && r.numFailedTests === 0 && loadFailures === 0) broken = true;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && fs.existsSync(p)) ?? null;
}

if (!run('biome check', bin('biome'), ['check', '.'])) {
  totals.failed++;
  broken = true;
}
if (!run('import rules', process.execPath, ['scripts/check-imports.mjs'])) {
  totals.failed++;
  broken = true;
}
if (!run('tsc --noEmit', bin('tsc'), ['--noEmit'])) {
  totals.failed++;
  broken = true;
}
vitest('unit + integration (PGlite)', {});
if (process.env.TEST_DATABASE_URL) {
  vitest('integration (PostgreSQL)', { KAFIIL_TEST_DB: 'postgres' });
} else {
  console.log('\n(integration on PostgreSQL skipped: TEST_DATABASE_URL is not set)');
}
const chromium = findChromium();
if (chromium) {
  run('build css', process.execPath, ['scripts/build-css.mjs']);
  vitest('browser (Chromium)', { KAFIIL_E2E: '1', CHROMIUM_PATH: chromium });
} else if (ci) {
  console.log('\nCI=true but no Chromium was found: the browser tests are required.');
  totals.failed++;
} else {
  console.log('\n(browser tests skipped: no Chromium found at /usr/bin/chromium; install the Debian package "chromium")');
}
// The hostile-input run (scripts/hostile.ts) in CI: the real server on PostgreSQL, ~40,000 hostile requests, no 5xx.
if (ci && process.env.TEST_DATABASE_URL) {
  if (
    run('hostile input (no 5xx)', process.execPath, ['--import', 'tsx', 'scripts/hostile.ts'], {
      HOSTILE_DATABASE_URL: process.env.TEST_DATABASE_URL,
    })
  )
    totals.passed++;
  else totals.failed++;
}
console.log(`\nAll suites in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
