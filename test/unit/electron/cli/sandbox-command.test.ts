// `botsweep sandbox`'s flags, refused before it listens (serving on a real port: test/integration/sandbox-command.test.ts).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.js';

describe('botsweep sandbox', () => {
  it('rejects a bad fail rate with exit 2', async () => {
    const run = await runCli(['sandbox', '--fail-rate', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fail-rate takes a number from 0 to 1/);
  });
});
