// Knowing what you delete, from the CLI: nicknames in `list --details`, `delete --match` and a checking
// `--dry-run` that delete nothing, protected accounts refused (exit 2), and production profiles confirmed by name.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { MemoryKeychain } from '../helpers/fake-keychain.js';
import { withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function withProfile(extra: string[] = []) {
  sandbox = await withSandbox({ bots: 6, nicknames: true });
  const dataDir = tempHome();
  const memory = new MemoryKeychain();
  const keychain = () => Promise.resolve(memory);
  const add = ['profile', 'add', '--name', 'Prod', '--endpoint', sandbox.url, '--sdkappid', String(TEST_SDKAPPID)];
  const added = await runCli([...add, '--identifier', TEST_ADMIN, '--secret-stdin', ...extra], {
    dataDir,
    keychain,
    input: `${TEST_SECRET}\n`,
  });
  expect(added.code, added.stderr).toBe(0);
  const run = (args: string[], options: { input?: string; stdinIsTTY?: boolean } = {}) =>
    runCli([...args, '--profile', 'Prod'], { dataDir, keychain, ...options });
  return { run, dataDir, keychain, box: sandbox };
}

describe('knowing what you delete', () => {
  it('list --details --json has each bot with its nickname', async () => {
    const { run } = await withProfile();
    const listed = await run(['list', '--details', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const report = JSON.parse(listed.stdout);
    expect(report.count).toBe(6);
    expect(report.accounts[0]).toEqual({ account: '@RBT#sandbox0001', nickname: 'Support bot 1' });
    expect(report.accounts[2]).toEqual({ account: '@RBT#sandbox0003', nickname: 'Weather bot 3' });
    const text = await run(['list', '--details']);
    expect(text.stdout.split('\n')[1]).toBe('@RBT#sandbox0002\tSales bot 2');
  });

  it('delete --match with --dry-run lists what it would send, checked against the app, and deletes nothing', async () => {
    const { run, box } = await withProfile();
    const dry = await run(['delete', '@RBT#typo', '--match', '@RBT#sandbox000[13]', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    // `[` is literal in these globs: nothing matches it, so only the typo remains.
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, accounts: ['@RBT#typo'], checked: true, bots: [], absent: ['@RBT#typo'] });
    const matched = await run(['delete', '--match', '@RBT#sandbox000?', '--dry-run', '--json']);
    const report = JSON.parse(matched.stdout);
    expect(report.accounts).toHaveLength(6);
    expect(report.bots).toHaveLength(6);
    expect(box.stats.byCommand.delete_robot ?? 0).toBe(0);
    expect(box.store.list()).toHaveLength(6);
  });

  it('refuses a protected account with exit 2, naming it; --match and retry leave protected ones out', async () => {
    const { run, box } = await withProfile(['--protect', '@RBT#sandbox000[12]', '--protect', '@RBT#sandbox0001']);
    const refused = await run(['delete', '@RBT#sandbox0001', '@RBT#sandbox0002', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /1 of these accounts is protected for SDKAppID \d+ at .* by "@RBT#sandbox0001" of profile "Prod".*\n\s+@RBT#sandbox0001/,
    );
    expect(box.stats.byCommand.delete_robot ?? 0).toBe(0);
    const matched = await run(['delete', '--match', '@RBT#sandbox*', '--yes', '--json']);
    expect(matched.code, matched.stderr).toBe(0);
    expect(matched.stderr).toMatch(/1 protected account left out of --match: @RBT#sandbox0001/);
    expect(box.store.list()).toEqual(['@RBT#sandbox0001']);
  });

  it('a production profile needs its name: --yes alone refuses (exit 2), --confirm-profile goes ahead, a terminal asks for it', async () => {
    const { run, box } = await withProfile(['--production']);
    const bare = await run(['delete', '@RBT#sandbox0001', '--yes']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/is a production app \(profile "Prod"\).*--confirm-profile "Prod".*Nothing was sent/);
    const wrong = await run(['delete', '@RBT#sandbox0001'], { stdinIsTTY: true, input: 'prod\n' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/type that profile's name to confirm.*Nothing was sent/);
    const cased = await run(['delete', '@RBT#sandbox0001', '--yes', '--confirm-profile', 'PROD']);
    expect(cased.code).toBe(2);
    expect(box.stats.byCommand.delete_robot ?? 0).toBe(0);
    const typed = await run(['delete', '@RBT#sandbox0001'], { stdinIsTTY: true, input: 'Prod\n' });
    expect(typed.code, typed.stderr).toBe(0);
    const confirmed = await run(['delete', '@RBT#sandbox0002', '--yes', '--confirm-profile', 'Prod']);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(box.store.list()).toHaveLength(4);
  });

  it('profile edit adds and removes protected patterns and the production mark', async () => {
    const { dataDir, keychain } = await withProfile();
    const edit = (args: string[]) => runCli(['profile', 'edit', 'Prod', ...args], { dataDir, keychain });
    expect((await edit(['--protect', '@RBT#keep-*', '--production'])).code).toBe(0);
    const listed = JSON.parse((await runCli(['profile', 'list', '--json'], { dataDir, keychain })).stdout);
    expect(listed[0]).toMatchObject({ protected: ['@RBT#keep-*'], production: true });
    const unknown = await edit(['--unprotect', '@RBT#other']);
    expect(unknown.code).toBe(2);
    expect((await edit(['--unprotect', '@RBT#keep-*', '--no-production'])).code).toBe(0);
    expect(JSON.parse((await runCli(['profile', 'list', '--json'], { dataDir, keychain })).stdout)[0]).toMatchObject({
      protected: [],
      production: false,
    });
  });
});
