// Keychain tier: profiles against the real OS keychain. KEYCHAIN_EXPECT says which state run.sh set up.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../electron/core/history.js';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { KEYCHAIN_SERVICE, osKeychain, Vault } from '../../electron/core/vault.js';
import { runCli as runCliWith, type CliOptions } from '../helpers/cli.js';
import { withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

const expected = (process.env.KEYCHAIN_EXPECT ?? 'available') as 'available' | 'locked' | 'unavailable';
const linux = process.platform === 'linux';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function home() {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-keychain-'));
  return { dir, env: { BOTSWEEP_HOME: dir } };
}

/** The CLI in-process with the real OS keychain. */
const runCli = (args: string[], options: CliOptions = {}) => runCliWith(args, { keychain: osKeychain, ...options });

/** Every file under `root` whose bytes contain `needle`. */
function filesContaining(root: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && stat.size < 50_000_000 && readFileSync(path).includes(needle)) hits.push(path);
    }
  };
  walk(root);
  return hits;
}

function secretToolLookup(account: string): string {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'username', account], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

const addArgs = (name: string, box: { url: string }) => [
  'profile',
  'add',
  '--name',
  name,
  '--endpoint',
  box.url,
  '--sdkappid',
  String(TEST_SDKAPPID),
  '--identifier',
  TEST_ADMIN,
  '--secret-stdin',
];

describe.runIf(expected === 'available')('with a reachable, unlocked keychain', () => {
  it('stores, reads and removes a secret under service "botsweep"', async () => {
    const vault = new Vault({ keychain: osKeychain });
    const id = `test-${process.pid}-${Date.now()}`;
    const app = { target: { kind: 'region', region: 'seoul' }, sdkAppId: 1400000000, identifier: 'administrator' } as const;
    await vault.store(id, 'round-trip-secret', 'keychain', app);
    expect(await vault.read(id, 'keychain')).toEqual({ secret: 'round-trip-secret', boundTo: app });
    // The entry holds the key together with the app it was entered for: neither changes without the other.
    if (linux) expect(JSON.parse(secretToolLookup(id))).toEqual({ botsweep: 2, secret: 'round-trip-secret', app });
    await vault.remove(id, 'keychain');
    await expect(vault.read(id, 'keychain')).rejects.toMatchObject({ problem: 'missing' });
  });

  it('profile add puts the key in the keychain and in no file; delete --profile works without TIM_SECRET_KEY', async () => {
    sandbox = await withSandbox({ bots: 5 });
    const { dir, env } = home();
    const added = await runCli(addArgs('Sandbox', sandbox), { env, input: `${TEST_SECRET}\n` });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(/secret key is in the OS keychain/);

    const profiles = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles;
    if (linux) expect(JSON.parse(secretToolLookup(profiles[0].id))).toMatchObject({ botsweep: 2, secret: TEST_SECRET });
    expect(filesContaining(dir, TEST_SECRET)).toEqual([]);
    // run.sh gives the Linux runs a fresh HOME; elsewhere HOME is the user's own, too big to read through.
    if (linux) expect(filesContaining(homedir(), TEST_SECRET)).toEqual([]);

    const list = await runCli(['profile', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual([
      {
        name: 'Sandbox',
        target: { kind: 'endpoint', url: sandbox.url },
        sdkappid: TEST_SDKAPPID,
        identifier: TEST_ADMIN,
        hasSecret: true,
        secretStorage: 'keychain',
        protected: [],
        production: false,
        appGuards: { protected: [], production: null, unusable: [] },
      },
    ]);
    expect(list.stdout).not.toContain(TEST_SECRET);

    const test = await runCli(['profile', 'test', 'sandbox'], { env });
    expect(test.code).toBe(0);
    expect(test.stderr).toMatch(/OK: .* 5 chatbots/);

    const deleted = await runCli(['delete', ...seedRobotNames(3), '--profile', 'Sandbox', '--yes', '--json'], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout).summary.deleted).toBe(3);
    const listed = await runCli(['list', '--profile', 'Sandbox', '--json'], { env });
    expect(JSON.parse(listed.stdout).count).toBe(2);
    expect(JSON.parse(listed.stdout).accounts).toEqual(['@RBT#sandbox0004', '@RBT#sandbox0005']);
    expect(filesContaining(dir, TEST_SECRET)).toEqual([]);

    // A retry takes the key from the batch's own profile: a batch that left one bot refused (as a flaky gateway would).
    const writer = new History(dir).begin(
      {
        target: { kind: 'endpoint', url: sandbox.url },
        sdkAppId: TEST_SDKAPPID,
        identifier: TEST_ADMIN,
        profile: 'Sandbox',
        profileId: profiles[0].id,
      },
      ['@RBT#sandbox0004'],
    );
    writer.classified({ botCount: 2, problem: null, bots: ['@RBT#sandbox0004'], notBots: [] });
    const refused = [
      { account: '@RBT#sandbox0004', status: 'failed' as const, errorCode: 10002, errorInfo: 'internal error', attempts: 5 },
    ];
    writer.outcome(refused[0]!);
    writer.end({ status: 'completed', results: refused, stop: null, verification: { status: 'not-needed', reason: null }, signal: null });
    const retry = await runCli(['retry', writer.id, '--yes', '--json'], { env });
    expect(retry.code, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout).results).toEqual([expect.objectContaining({ account: '@RBT#sandbox0004', status: 'deleted' })]);

    const removed = await runCli(['profile', 'remove', 'Sandbox', '--yes'], { env });
    expect(removed.code).toBe(0);
    if (linux) expect(secretToolLookup(profiles[0].id)).toBe('');
  });

  it('profile test names the problem for a wrong key, and editing without a key keeps the stored one', async () => {
    sandbox = await withSandbox({ bots: 1 });
    const { env } = home();
    expect((await runCli(addArgs('Wrong', sandbox), { env, input: 'not-the-key\n' })).code).toBe(0);
    const test = await runCli(['profile', 'test', 'Wrong'], { env });
    expect(test.code).toBe(3);
    expect(test.stderr).toMatch(/secret key does not match this SDKAppID/);
    expect(test.stderr).not.toContain('not-the-key');
    const edit = await runCli(['profile', 'edit', 'Wrong', '--name', 'Fixed', '--secret-stdin'], { env, input: TEST_SECRET });
    expect(edit.code).toBe(0);
    expect((await runCli(['profile', 'edit', 'Fixed', '--identifier', TEST_ADMIN], { env })).code).toBe(0);
    expect((await runCli(['profile', 'test', 'Fixed'], { env })).code).toBe(0);
    await runCli(['profile', 'remove', 'Fixed', '--yes'], { env });
  });

  it('never takes a secret as an argument', async () => {
    const { env } = home();
    const run = await runCli(['profile', 'add', '--name', 'X', '--region', 'tokyo', '--sdkappid', '1', '--identifier', 'a', 'my-secret'], {
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a secret key is never an argument/);
    const flag = await runCli(
      ['profile', 'add', '--name', 'X', '--region', 'tokyo', '--sdkappid', '1', '--identifier', 'a', '--secret', 'x'],
      { env },
    );
    expect(flag.code).toBe(2);
    const noStdin = await runCli(['profile', 'add', '--name', 'X', '--region', 'tokyo', '--sdkappid', '1', '--identifier', 'a'], { env });
    expect(noStdin.stderr).toMatch(/--secret-stdin/);
  });
});

describe.runIf(expected !== 'available')(`with a keychain that is ${expected}`, () => {
  const problem =
    expected === 'locked'
      ? /Secret Service keyring .* is locked\. Unlock/
      : /Secret Service keyring .* cannot be reached .*Start gnome-keyring or KWallet/;

  it('profile add fails with a message naming the keychain problem and leaves no half-made profile', async () => {
    const { dir, env } = home();
    const run = await runCli(addArgs('Prod', { url: 'https://gateway.example.com' }), { env, input: TEST_SECRET });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(problem);
    expect(readdirSync(dir)).toEqual([]);
    expect(run.stderr).not.toContain(TEST_SECRET);
  });

  it('delete --profile fails naming the keychain problem and sends nothing', async () => {
    sandbox = await withSandbox({ bots: 3 });
    const { dir, env } = home();
    mkdirSync(dir, { recursive: true });
    const at = new Date().toISOString();
    writeFileSync(
      join(dir, 'profiles.json'),
      JSON.stringify({
        version: 1,
        profiles: [
          {
            id: '00000000-0000-4000-8000-000000000001',
            name: 'Prod',
            target: { kind: 'endpoint', url: sandbox.url },
            sdkAppId: TEST_SDKAPPID,
            identifier: TEST_ADMIN,
            secretStorage: 'keychain',
            keyFor: { target: { kind: 'endpoint', url: sandbox.url }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN },
            createdAt: at,
            updatedAt: at,
          },
        ],
      }),
    );
    const run = await runCli(['delete', ...seedRobotNames(3), '--profile', 'Prod', '--yes'], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/secret key of profile "Prod" could not be read/);
    expect(run.stderr).toMatch(problem);
    expect(sandbox.stats.calls).toBe(0);
    expect(readdirSync(dir)).toEqual(['profiles.json']);
  });
});
