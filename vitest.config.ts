// Vitest: unit tests under test/unit, run under plain Node (the desktop shell over an Electron stand-in).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // `npm run coverage`: line coverage of the desktop shell and of the sweep engine, each file held to 80 % on its own.
    coverage: {
      provider: 'v8',
      include: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/core/sweep/**/*.ts'],
      reporter: ['text'],
      thresholds: { perFile: true, lines: 80 },
    },
  },
});
