// Vitest for the keychain tier: real OS keychain, run by test/keychain/run.sh in each keychain state.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/keychain/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
