// The `botsweep` entry point: help, the version package.json gives, and an unknown command.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('botsweep (no command)', () => {
  it('prints help listing the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: botsweep <command>/);
    expect(run.stdout).toMatch(/sandbox/);
  });

  it.each(['--version', '-v'])('%s prints the version package.json gives', async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('rejects an unknown command with exit 2', async () => {
    const run = await runCli(['explode']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command "explode"/);
  });
});
