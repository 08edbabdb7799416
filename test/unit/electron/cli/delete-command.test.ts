// `botsweep delete` reads what Botsweep writes (list output, history exports), refuses another app's export, refuses to
// run while a protected pattern of the app cannot be used (patterns are checked as they are saved), stops early against
// a gateway that refuses connections, and caps --rate.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { runCli, tempHome } from '../../../helpers/cli.js';
import { skippingClock } from '../../../helpers/fake-clock.js';
import { MemoryKeychain } from '../../../helpers/fake-keychain.js';
import { connectionFlags, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function withProfile() {
  sandbox = await withSandbox({ bots: 6, nicknames: true, recordRequests: 1000 });
  const dataDir = tempHome();
  const memory = new MemoryKeychain();
  const keychain = () => Promise.resolve(memory);
  const run = (args: string[], input?: string) => runCli(args, { dataDir, keychain, ...(input === undefined ? {} : { input }) });
  const add = [
    'profile',
    'add',
    '--name',
    'Prod',
    '--endpoint',
    sandbox.url,
    '--sdkappid',
    String(TEST_SDKAPPID),
    '--identifier',
    TEST_ADMIN,
  ];
  expect((await run([...add, '--secret-stdin'], `${TEST_SECRET}\n`)).code).toBe(0);
  const deletions = () => sandbox!.requests.filter((request) => request.command === 'delete_robot').length;
  return { run, dataDir, deletions, box: sandbox };
}

describe('delete --file reads Botsweep’s own output', () => {
  it.each([
    ['list --details', ['list', '--details']],
    ['list --details --json', ['list', '--details', '--json']],
    ['list --json', ['list', '--json']],
  ])('%s goes back into delete --file … --dry-run with no invalid line', async (_name, listArgs) => {
    const { run, dataDir } = await withProfile();
    const listed = await run([...listArgs, '--profile', 'Prod']);
    expect(listed.code, listed.stderr).toBe(0);
    const file = join(dataDir, 'listed.txt');
    writeFileSync(file, listed.stdout);
    const dry = await run(['delete', '--file', file, '--dry-run', '--json', '--profile', 'Prod']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      accounts: expect.arrayContaining(['@RBT#sandbox0001', '@RBT#sandbox0006']),
      absent: [],
    });
    expect(JSON.parse(dry.stdout).accounts).toHaveLength(6);
  });

  it.each(['csv', 'json'])('a history export (%s) goes back in, and says what it read', async (format) => {
    const { run, dataDir } = await withProfile();
    expect((await run(['delete', '@RBT#sandbox0001', '@RBT#typo', '--yes', '--profile', 'Prod'])).code).toBe(0);
    const file = join(dataDir, `export.${format}`);
    expect((await run(['history', 'export', '--format', format, '--output', file])).code).toBe(0);
    const dry = await run(['delete', '--file', file, '--dry-run', '--profile', 'Prod']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(new RegExp(`Read .*export\\.${format} as a Botsweep history export \\(${format.toUpperCase()}`));
    expect(dry.stdout).toMatch(/@RBT#sandbox0001\tabsent/);
    expect(dry.stdout).toMatch(/@RBT#typo\tabsent/);
  });

  it('refuses another app’s export, naming both apps, unless --from-other-app says it is meant', async () => {
    const { run, dataDir, deletions } = await withProfile();
    expect((await run(['delete', '@RBT#sandbox0001', '--yes', '--profile', 'Prod'])).code).toBe(0);
    const file = join(dataDir, 'export.csv');
    expect((await run(['history', 'export', '--format', 'csv', '--output', file])).code).toBe(0);
    // The same export, as if written for another app (same bot IDs: apps provisioned by one script).
    const other = join(dataDir, 'other.csv');
    writeFileSync(other, readFileSync(file, 'utf8').replaceAll(`,${TEST_SDKAPPID},`, ',1400012345,'));
    const before = deletions();
    const refused = await run(['delete', '--file', other, '--yes', '--profile', 'Prod']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is a Botsweep export from SDKAppID 1400012345 at .*, but this sweep goes to SDKAppID 1400000001/);
    expect(deletions()).toBe(before);
    const meant = await run(['delete', '--file', other, '--from-other-app', '--yes', '--profile', 'Prod']);
    expect(meant.code, meant.stderr).toBe(0);
  });
});

describe('protected patterns', () => {
  it.each([
    ['prod-*', /cannot match a chatbot account/],
    ['@RBT#x ', /whitespace at its end/],
    ['', /empty/],
  ])('%j is refused where it is saved, with the reason', async (pattern, reason) => {
    const { run } = await withProfile();
    const edit = await run(['profile', 'edit', 'Prod', '--protect', pattern]);
    expect(edit.code).toBe(2);
    expect(edit.stderr).toMatch(reason);
    expect(JSON.parse((await run(['profile', 'list', '--json'])).stdout)[0].protected).toEqual([]);
  });

  it('a damaged stored pattern refuses every sweep of the app, naming it; nothing is sent', async () => {
    const { run, dataDir, deletions } = await withProfile();
    const path = join(dataDir, 'profiles.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.profiles[0].protected = ['@RBT#keep-*', 'keep-*'];
    writeFileSync(path, JSON.stringify(file));
    for (const args of [
      ['delete', '@RBT#sandbox0001', '--yes', '--profile', 'Prod'],
      ['delete', '--match', '*', '--yes', '--profile', 'Prod'],
      ['delete', '@RBT#sandbox0001', '--yes', '--endpoint', sandbox!.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN],
    ]) {
      const refused = await runCli(args, {
        dataDir,
        env: { TIM_SECRET_KEY: TEST_SECRET },
        keychain: () => Promise.resolve(new MemoryKeychain()),
      });
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/Profile "Prod" protects accounts of .* with a pattern that cannot be used, "keep-\*"/);
    }
    expect(deletions()).toBe(0);
    // The profiles file itself stays readable: the other profiles and this one's good pattern are kept.
    expect(JSON.parse((await run(['profile', 'list', '--json'])).stdout)[0].protected).toEqual(['@RBT#keep-*', 'keep-*']);
  });
});

describe('delete against a gateway it cannot use', () => {
  it('1000 accounts against a gateway that refuses connections: an early stop, exit 1, says unreachable, the unsent skipped', async () => {
    sandbox = await withSandbox({ bots: 1000, outage: 'refuse' });
    const accounts = sandbox.store.list();
    const env = { BOTSWEEP_HOME: tempHome(), TIM_SECRET_KEY: TEST_SECRET };
    const target = connectionFlags(sandbox.url);
    const run = await runCli(['delete', ...accounts, ...target, '--yes', '--json'], { env, clock: skippingClock() });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.stop).toMatchObject({ kind: 'unreachable', errorInfo: expect.stringContaining('could not be reached') });
    expect(report.summary.skipped).toBeGreaterThan(700);
    expect(report.summary.deleted).toBe(0);
    expect(sandbox.store.list()).toHaveLength(1000);
  });

  it('caps --rate at the gateway limit of 200', async () => {
    const env = { BOTSWEEP_HOME: tempHome(), TIM_SECRET_KEY: TEST_SECRET };
    const run = await runCli(
      ['delete', '@RBT#a', '--endpoint', 'http://127.0.0.1:9', '--sdkappid', '1', '--identifier', 'a', '--yes', '--rate', '1000'],
      { env },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--rate takes a number of calls per second from 1 to 200/);
  });
});
