import { defineConfig } from 'vitest/config';

// One run of the unit and integration tests (beside the code) and, when asked, the browser tests.
// KAFIIL_TEST_DB=postgres (with TEST_DATABASE_URL) runs the integration files on PostgreSQL instead of PGlite.
//
// The unit and integration files share their worker's loaded modules (isolate: false): each file builds its own app
// on its own copy of the database (test/helpers.ts makeTestApp), so what a file owns is never shared, and the app's
// hundreds of modules are loaded once per worker instead of once per file (the run takes less than half the time).
// A file that replaces a module (vi.mock) runs isolated, in a project of its own.
const e2e = process.env.KAFIIL_E2E === '1';
const include = e2e
  ? ['test/e2e/**/*.test.ts']
  : process.env.KAFIIL_TEST_DB === 'postgres'
    ? ['src/**/*.int.test.{ts,tsx}']
    : ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'];
const exclude = e2e ? [] : ['test/e2e/**', 'node_modules/**'];
/** Files that mock a module: they need a fresh module graph of their own. */
const MOCKING = ['src/modules/accounts/lock-out.int.test.ts'];

export default defineConfig({
  test: {
    globalSetup: e2e ? ['test/e2e/global-setup.ts'] : ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: e2e
      ? [{ extends: true, test: { name: 'browser', include, exclude } }]
      : [
          { extends: true, test: { name: 'shared', include, exclude: [...exclude, ...MOCKING], isolate: false } },
          { extends: true, test: { name: 'isolated', include: MOCKING, exclude } },
        ],
  },
});
