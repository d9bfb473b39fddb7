import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// `server-only` throws outside React Server Components; tests run server code directly.
const alias = {
  '@/': root,
  'server-only': fileURLToPath(new URL('./test/support/server-only-stub.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // Unit tests assert behaviour, never speed (benchmarks measure that): the generous timeout keeps the property
        // tests and the CLI spawns from failing when a shared 2-core machine is loaded, as it often is.
        // Vitest's default is one worker per core but one, which is a single worker on our 2-core machines: unit files
        // are independent (each writes only to its own mkdtemp folder), so give each core one.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          maxWorkers: Math.max(availableParallelism(), 2),
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // The engine workers' budget is wall time, there to protect a server; on a loaded 2-core machine a 10 s
          // budget trips on work that takes 1 s when idle. Tests assert behaviour, so they get a wide budget (the
          // budget's own tests pass theirs explicitly).
          env: { LZSIM_ENGINE_BUDGET_MS: process.env.LZSIM_ENGINE_BUDGET_MS ?? '120000' },
          globalSetup: ['test/support/integration-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One embedded Postgres serves every file; each test creates its own designs.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Browser tests: run through scripts/run-e2e.mjs (npm run test:e2e), which builds the app first.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
