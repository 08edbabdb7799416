// `botsweep profile` and `--profile` in-process, with an in-memory keychain (the real one is the keychain tier's job).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../../../electron/core/sandbox/robots.js';
import { runCli, tempHome } from '../../../helpers/cli.js';
import { MemoryKeychain, unreachableKeychain } from '../../../helpers/fake-keychain.js';
import { sandboxFetch, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const addArgs = (name: string, url: string) => [
  'profile',
  'add',
  '--name',
  name,
  '--endpoint',
  url,
  '--sdkappid',
  String(TEST_SDKAPPID),
  '--identifier',
  TEST_ADMIN,
  '--secret-stdin',
];

describe('botsweep profile with an injected keychain', () => {
  it('keeps the key in the keychain only, and delete --profile uses it through the injected fetch', async () => {
    sandbox = await withSandbox({ bots: 3 });
    const dataDir = tempHome();
    const memory = new MemoryKeychain();
    const keychain = () => Promise.resolve(memory);
    const added = await runCli(addArgs('Sandbox', sandbox.url), { dataDir, keychain, input: `${TEST_SECRET}\n` });
    expect(added.code, added.stderr).toBe(0);
    expect([...memory.entries.values()].map((entry) => JSON.parse(entry).secret)).toEqual([TEST_SECRET]);
    expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(TEST_SECRET);

    const fetchSpy = vi.fn(sandboxFetch);
    const run = await runCli(['delete', ...seedRobotNames(2), '--profile', 'Sandbox', '--yes', '--json'], {
      dataDir,
      keychain,
      fetch: fetchSpy,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).summary.deleted).toBe(2);
    expect(fetchSpy.mock.calls.length).toBe(sandbox.stats.calls);
    expect(sandbox.store.list()).toEqual(['@RBT#sandbox0003']);
  });

  it('exits 3 naming the keychain problem when it cannot be reached, and leaves nothing behind', async () => {
    const dataDir = tempHome();
    const run = await runCli(addArgs('Prod', 'https://gateway.example.com'), {
      dataDir,
      keychain: unreachableKeychain,
      input: TEST_SECRET,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot be reached/);
    expect(run.stderr).not.toContain(TEST_SECRET);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
