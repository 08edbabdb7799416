// What a red team tried against the rule book, kept as tests: nicknames that look like accounts, a damaged profiles
// file, other spellings of a guarded gateway, a session flip and an edited journal, edited exports, --json refusals.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

async function world(protect: string[] = []) {
  sandbox = await withSandbox({ bots: 6, nicknames: true, recordRequests: 1000 });
  const dataDir = tempHome();
  const memory = new MemoryKeychain();
  const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { dataDir, env, keychain: () => Promise.resolve(memory) });
  const app = ['--endpoint', sandbox.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
  const protects = protect.flatMap((glob) => ['--protect', glob]);
  const added = await runCli(['profile', 'add', '--name', 'Prod', ...app, ...protects, '--secret-stdin'], {
    dataDir,
    keychain: () => Promise.resolve(memory),
    input: `${TEST_SECRET}\n`,
  });
  expect(added.code, added.stderr).toBe(0);
  const sent = () => sandbox!.requests.filter((request) => request.command === 'delete_robot').length;
  return { run, app, dataDir, sent, box: sandbox };
}

describe('hostile input', () => {
  it('never reads a nickname that looks like an account as one: a file of account pairs is refused', async () => {
    const { run, dataDir, sent, box } = await world();
    box.store.nicknames.set('@RBT#sandbox0001', '@RBT#sandbox0002');
    const listed = await run(['list', '--details', '--profile', 'Prod']);
    const file = join(dataDir, 'one.txt');
    writeFileSync(
      file,
      listed.stdout
        .split('\n')
        .filter((line) => line.startsWith('@RBT#sandbox0001'))
        .join('\n'),
    );
    const refused = await run(['delete', '--file', file, '--yes', '--profile', 'Prod']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a tab separates two accounts on every line/);
    expect(sent()).toBe(0);
  });

  it('refuses every sweep while the profiles file cannot be read (its guards are unknown), and never moves it', async () => {
    const { run, app, dataDir, sent } = await world(['@RBT#sandbox0001']);
    const path = join(dataDir, 'profiles.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"version": 1', '"version": 1,'));
    const spelled = await run(['delete', '@RBT#sandbox0001', ...app, '--yes'], { TIM_SECRET_KEY: TEST_SECRET });
    expect(spelled.code).toBe(2);
    expect(spelled.stderr).toMatch(/profiles file .* cannot be read .*nothing is sent to any app/);
    const listed = await run(['profile', 'list']);
    expect(listed.stderr).toMatch(/warning: The profiles file .* cannot be read/);
    expect(readdirSync(dataDir)).toContain('profiles.json');
    expect(sent()).toBe(0);
  });

  it.each(['http://[::1]:PORT', 'http://localhost:PORT/', 'http://127.0.0.2:PORT'])(
    'guards the app under another spelling of its gateway: %s',
    async (spelling) => {
      const { run, sent, box } = await world(['@RBT#sandbox0001']);
      const endpoint = spelling.replace('PORT', new URL(box.url).port);
      const refused = await run(
        ['delete', '@RBT#sandbox0001', '--endpoint', endpoint, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN, '--yes'],
        { TIM_SECRET_KEY: TEST_SECRET },
      );
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/protected accounts are never deleted/);
      expect(sent()).toBe(0);
    },
  );

  it('a retry with TIM_SECRET_KEY never follows a journal edited to another host', async () => {
    const { run, dataDir, sent } = await world();
    const first = await run(['delete', '@RBT#sandbox0001', '--profile', 'Prod', '--yes', '--no-verify']);
    const batchId = first.stdout.trim();
    const [file] = readdirSync(join(dataDir, 'history'));
    const path = join(dataDir, 'history', file!);
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replace(/"status":"deleted"/g, '"status":"skipped"')
        .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9'),
    );
    const before = sent();
    const retry = await run(['retry', batchId, '--yes'], { TIM_SECRET_KEY: TEST_SECRET });
    expect(retry.code).toBe(2);
    expect(retry.stderr).toMatch(/Profile "Prod" is for .*, but batch .* went to .*127\.0\.0\.1:9/);
    expect(sent()).toBe(before);
  });

  it.each([
    ['a blank sdkappid', (csv: string) => csv.replace(`,${TEST_SDKAPPID},`, ',,')],
    ['a quoted sdkappid', (csv: string) => csv.replace(`,${TEST_SDKAPPID},`, `,'${TEST_SDKAPPID},`)],
  ])('an export edited to hide its app (%s) is not taken', async (_name, edit) => {
    const { run, dataDir, sent } = await world();
    expect((await run(['delete', '@RBT#sandbox0001', '--profile', 'Prod', '--yes'])).code).toBe(0);
    const file = join(dataDir, 'export.csv');
    expect((await run(['history', 'export', '--format', 'csv', '--output', file])).code).toBe(0);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const before = sent();
    const refused = await run(['delete', '--file', file, '--yes', '--profile', 'Prod']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/does not say which app it came from/);
    expect(sent()).toBe(before);
  });

  it('with --json, every refusal still prints one object on stdout', async () => {
    const { run } = await world(['@RBT#sandbox0001']);
    for (const args of [
      ['delete', '@RBT#sandbox0001', '--profile', 'Prod', '--yes', '--json'],
      ['delete', 'not-a-bot', '--profile', 'Prod', '--yes', '--json'],
      ['delete', '@RBT#x', '--profile', 'Nobody', '--yes', '--json'],
      ['retry', '20260101T000000000Z-abcdef', '--yes', '--json'],
    ]) {
      const refused = await run(args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(JSON.parse(refused.stdout)).toMatchObject({
        batchId: null,
        status: 'refused',
        code: expect.any(String),
        reason: expect.any(String),
      });
    }
  });
});
