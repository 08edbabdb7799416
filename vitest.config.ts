// Vitest, two tiers: `unit` (test/unit: fake clocks, scripted and in-memory gateways, temp files; `npm run test:fast`)
// and `integration` (test/integration: real sockets, spawned processes, signals, tmpfs, cross-module scenarios).
// `npx vitest run` runs both.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Vitest's default leaves one core idle; on a two-core machine that is half of it, and the integration tier mostly waits.
    maxWorkers: Math.max(2, availableParallelism()),
    // Transformed modules kept on disk between runs (keyed by their content): the unit tier's second run skips most of
    // its transform time (about 1.5 s of 8.5 here).
    experimental: { fsModuleCache: true },
    projects: [
      {
        extends: true,
        // BOTSWEEP_TEST_TIER: test/helpers/sandbox.ts refuses any URL no in-memory sandbox answers.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 10_000,
          pool: 'threads',
          isolate: false,
          env: { BOTSWEEP_TEST_TIER: 'unit' },
        },
      },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, pool: 'threads' } },
    ],
    // `npm run coverage`: line coverage of the desktop shell and of the sweep engine, each file held to 80 % on its own.
    coverage: {
      provider: 'v8',
      include: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/core/sweep/**/*.ts'],
      reporter: ['text'],
      thresholds: { perFile: true, lines: 80 },
    },
  },
});
