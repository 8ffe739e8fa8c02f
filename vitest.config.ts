import { defineConfig } from 'vitest/config';

// One run of the unit and integration tests (beside the code) and, when asked, the browser tests.
// KAFIIL_TEST_DB=postgres (with TEST_DATABASE_URL) runs the integration files on PostgreSQL instead of PGlite.
export default defineConfig({
  test: {
    include:
      process.env.KAFIIL_E2E === '1'
        ? ['test/e2e/**/*.test.ts']
        : process.env.KAFIIL_TEST_DB === 'postgres'
          ? ['src/**/*.int.test.{ts,tsx}']
          : ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: process.env.KAFIIL_E2E === '1' ? [] : ['test/e2e/**', 'node_modules/**'],
    globalSetup: process.env.KAFIIL_E2E === '1' ? [] : ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
