// delete, list, retry and history from the CLI against the sandbox in memory: outcomes, exit codes, --json, exports,
// a wrong key, unusable ports, and nothing of the secret in what a run leaves behind.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { History } from '../../electron/core/history.js';
import { runCli, startCli, tempHome } from '../helpers/cli.js';
import { skippingClock } from '../helpers/fake-clock.js';
import { connectionFlags, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function home() {
  const dir = tempHome();
  const env: Record<string, string | undefined> = { BOTSWEEP_HOME: dir, TIM_SECRET_KEY: TEST_SECRET };
  return { dir, env };
}
const target = (box: Sandbox) => connectionFlags(box.url);

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Everything a run left behind that a secret could leak into. */
function leakSurface(dir: string, ...outputs: string[]): string {
  const files = readdirSync(join(dir, 'history')).map((name) => readFileSync(join(dir, 'history', name), 'utf8'));
  return [...outputs, ...files].join('\n');
}

describe('botsweep delete', () => {
  it('deletes everything: exit 0 and one JSON object with every result', async () => {
    sandbox = await withSandbox({ bots: 30 });
    const { dir, env } = home();
    const run = await runCli(['delete', ...seedRobotNames(30), ...target(sandbox), '--yes', '--json'], { env });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report).sort()).toEqual([
      'batchId',
      'journalProblem',
      'kind',
      'listedAtStart',
      'listingContradicted',
      'outcome',
      'results',
      'retryOf',
      'signal',
      'status',
      'stop',
      'summary',
      'verification',
    ]);
    expect(report.status).toBe('completed');
    expect(report.outcome).toBe('finished');
    expect(report.kind).toBe('delete');
    expect(report.results).toHaveLength(30);
    expect(report.results[0]).toEqual({ account: '@RBT#sandbox0001', status: 'deleted', errorCode: null, errorInfo: null, attempts: 1 });
    expect(report.summary).toMatchObject({ total: 30, deleted: 30, absent: 0, failed: 0, skipped: 0, unconfirmed: 0 });
    expect(report.verification).toEqual({ status: 'verified', reason: null });
    expect(report.listedAtStart).toBe(30);
    expect(sandbox.store.list()).toEqual([]);
    const surface = leakSurface(dir, run.stdout, run.stderr);
    expect(surface).not.toContain(TEST_SECRET);
    expect(surface).not.toMatch(/usersig|sdkappid=/i);
  });

  it('reads a file and stdin, sends each duplicate once', async () => {
    sandbox = await withSandbox({ bots: 3 });
    const { dir, env } = home();
    const file = join(dir, 'list.csv');
    writeFileSync(file, '@RBT#sandbox0001,@RBT#sandbox0002\n@RBT#sandbox0001\n');
    const run = await runCli(['delete', '--file', file, '@RBT#sandbox0002', ...target(sandbox), '--yes'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/2 duplicates dropped/);
    expect(sandbox.stats.byCommand.delete_robot).toBe(2);
    const viaStdin = await runCli(['delete', '--file', '-', ...target(sandbox), '--yes', '--json'], { env, input: '@RBT#sandbox0003\n' });
    expect(JSON.parse(viaStdin.stdout).summary.deleted).toBe(1);
  });

  it('exits 0 when the only accounts left were never chatbots, and names them in plain words', async () => {
    sandbox = await withSandbox({ bots: 2 });
    const { env } = home();
    const run = await runCli(['delete', '@RBT#sandbox0001', '@RBT#nobody', ...target(sandbox), '--yes'], { env });
    expect(run.code).toBe(0);
    // The app's words: the outcome, then the counts.
    expect(run.stderr).toMatch(/Finished: 1 of 2 deleted · 1 absent \(\d/);
    expect(run.stderr).toMatch(/Absent \(not a chatbot of the app when the batch started .*\): @RBT#nobody\./);
    expect(run.stderr).not.toMatch(/botsweep retry/);
  });

  it('exits 2 before sending anything when any account is invalid, listing each with its line and reason', async () => {
    sandbox = await withSandbox({ bots: 2 });
    const { dir, env } = home();
    const file = join(dir, 'bad.txt');
    writeFileSync(file, '@RBT#sandbox0001\nbot2\n\n@RBT#' + 'x'.repeat(40) + '\n');
    const run = await runCli(['delete', '--file', file, ...target(sandbox), '--yes'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/2 invalid accounts; nothing was sent/);
    expect(run.stderr).toMatch(/bad\.txt line 2: "bot2" — a chatbot account starts with @RBT#/);
    expect(run.stderr).toMatch(/bad\.txt line 4: .* longer than 32 bytes/);
    expect(sandbox.stats.calls).toBe(0);
  });

  it.each([
    [['--yes'], /say where the app lives/],
    [['--region', 'mars', '--sdkappid', '1', '--identifier', 'a', '--yes'], /unknown region "mars"/],
    [['--endpoint', 'http://example.com', '--sdkappid', '1', '--identifier', 'a', '--yes'], /only allowed to this machine/],
  ])('exits 2 on bad target flags %j', async (flags, message) => {
    const { env } = home();
    const run = await runCli(['delete', '@RBT#a', ...flags], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses without --yes when stdin is not a terminal (exit 2, nothing sent)', async () => {
    sandbox = await withSandbox({ bots: 1 });
    const { env } = home();
    const run = await runCli(['delete', '@RBT#sandbox0001', ...target(sandbox)], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin is not a terminal; add --yes/);
    expect(sandbox.stats.calls).toBe(0);
  });

  it('shows what a dry run would delete and sends nothing, even without a secret', async () => {
    sandbox = await withSandbox({ bots: 2 });
    const { env } = home();
    delete env.TIM_SECRET_KEY;
    const run = await runCli(['delete', '@RBT#sandbox0001', '@RBT#sandbox0002', ...target(sandbox), '--dry-run', '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      dryRun: true,
      sdkAppId: TEST_SDKAPPID,
      accounts: ['@RBT#sandbox0001', '@RBT#sandbox0002'],
    });
    expect(sandbox.stats.calls).toBe(0);
  });

  it('aborts on a wrong key after the first answer: exit 3, few calls, and says what to check', async () => {
    sandbox = await withSandbox({ bots: 500, latencyMs: 30 });
    const { dir, env } = home();
    env.TIM_SECRET_KEY = 'not-the-key';
    const run = await runCli(['delete', ...seedRobotNames(500), ...target(sandbox), '--yes'], { env });
    expect(run.code).toBe(3);
    expect(sandbox.stats.calls).toBeLessThan(50);
    expect(run.stderr).toMatch(/signature was rejected/);
    expect(run.stderr).toMatch(/Stopped after \d+ calls? \(credentials refused\): .*Check the secret key, the SDKAppID and the region/);
    // A retry cannot get past a wrong key: no retry hint, only what to fix.
    expect(run.stderr).not.toMatch(/retry/i);
    expect(leakSurface(dir, run.stdout, run.stderr)).not.toContain('not-the-key');
    const json = await runCli(['delete', ...seedRobotNames(5), ...target(sandbox), '--yes', '--json'], { env });
    // The listing before the first deletion meets the wrong key: not one deletion is sent.
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'aborted', stop: { errorCode: 70009 }, summary: { skipped: 5, calls: 0 } });
  });

  it('a port no client may use (http://127.0.0.1:1) sends nothing: every account skipped with the reason, exit 2', async () => {
    const { env } = home();
    env.TIM_SECRET_KEY = TEST_SECRET;
    const endpoint = ['--endpoint', 'http://127.0.0.1:1', '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
    const run = await runCli(['delete', '@RBT#a', '@RBT#b', ...endpoint, '--yes', '--json'], { env });
    expect(run.code, run.stderr).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'aborted', outcome: 'stopped', stop: { kind: 'local' }, summary: { skipped: 2, calls: 0 } });
    expect(report.results.map((result: { status: string }) => result.status)).toEqual(['skipped', 'skipped']);
    expect(report.stop.errorInfo).toMatch(/port 1 .*nothing was sent/);
    const text = await runCli(['delete', '@RBT#a', ...endpoint, '--yes'], { env });
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/Stopped after 0 calls \(refused locally\): port 1 /);
    expect(text.stderr).toMatch(/Stopped: 0 of 1 deleted · 1 skipped/);
    expect(text.stderr).not.toMatch(/botsweep retry/);
    // The listing a dry run makes is refused the same way, and says so.
    const dry = await runCli(['delete', '@RBT#a', ...endpoint, '--dry-run'], { env });
    expect(dry.stderr).toMatch(/port 1 /);
  });

  it('stops on Ctrl-C: exit 130, the journal records a cancelled batch', async () => {
    sandbox = await withSandbox({ bots: 400 });
    const box = sandbox;
    const { dir, env } = home();
    const cli = startCli(['delete', ...seedRobotNames(400), ...target(box), '--yes', '--json', '--rate', '50'], { env });
    await waitUntil(() => (box.stats.byCommand.delete_robot ?? 0) >= 20);
    cli.interrupt();
    const run = await cli.done;
    expect(run.code).toBe(130);
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe('cancelled');
    expect(report.summary.skipped).toBeGreaterThan(0);
    const [batch] = new History(dir).list();
    expect(batch).toMatchObject({ id: report.batchId, status: 'cancelled' });
    expect(batch!.summary.deleted).toBe(400 - box.store.list().length);
  });
});

describe('botsweep list, history and retry', () => {
  it('lists the bots as JSON', async () => {
    sandbox = await withSandbox({ bots: 2 });
    const { env } = home();
    const run = await runCli(['list', ...target(sandbox), '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ count: 2, accounts: ['@RBT#sandbox0001', '@RBT#sandbox0002'] });
  });

  it('lists only chatbot accounts, each once, with details, when the gateway lists junk (__proto__, escapes, duplicates)', async () => {
    sandbox = await withSandbox({ bots: 3, listingFault: 'junk', nicknames: 'hostile' });
    const { env } = home();
    const run = await runCli(['list', ...target(sandbox), '--details', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout);
    expect(listed.accounts.map((entry: { account: string }) => entry.account)).toEqual(seedRobotNames(3));
    expect(listed.accounts[0].nickname).toMatch(/^Support bot 1 /);
    expect(run.stderr).toMatch(/6 entries of the gateway's listing are not chatbot accounts and were left out: "__proto__"/);
    // --match never offers what is not a chatbot account.
    const all = await runCli(['delete', '--match', '*', ...target(sandbox), '--yes', '--json'], { env });
    expect(JSON.parse(all.stdout).results.map((r: { account: string }) => r.account)).toEqual(seedRobotNames(3));
  });

  it('shows history as JSON, exports CSV, and retries what failed', async () => {
    sandbox = await withSandbox({ bots: 20, failRate: 1, faults: ['10002'], faultCommands: ['delete_robot'] });
    const { env } = home();
    // Every call answers 10002, which may have taken effect → all unconfirmed after their attempts (the backoff skipped).
    const first = await runCli(['delete', ...seedRobotNames(3), ...target(sandbox), '--yes', '--json'], { env, clock: skippingClock() });
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout).results.map((r: { attempts: number }) => r.attempts)).toEqual([5, 5, 5]);
    const batchId = JSON.parse(first.stdout).batchId;

    const history = await runCli(['history', '--json'], { env });
    const batches = JSON.parse(history.stdout);
    expect(batches).toHaveLength(1);
    expect(Object.keys(batches[0])).toEqual(expect.arrayContaining(['id', 'startedAt', 'finishedAt', 'status', 'target', 'results']));
    expect(batches[0]).toMatchObject({ id: batchId, status: 'completed', target: { kind: 'endpoint', url: sandbox.url } });
    expect(batches[0].results.map((r: { status: string }) => r.status)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);

    const csv = await runCli(['history', 'export', '--format', 'csv'], { env });
    expect(csv.stdout.split('\r\n')[1]).toContain(`${batchId},`);

    // The gateway recovers; retry sends the three again as a new batch.
    await sandbox.close();
    sandbox = await withSandbox({ bots: 20, port: Number(new URL(sandbox.url).port) });
    const retry = await runCli(['retry', batchId, '--yes', '--json'], { env });
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ retryOf: batchId, status: 'completed', summary: { deleted: 3 } });
    // Retrying the first batch again: its 10002 answers may have deleted them, and they were bots when it started: the
    // retry's "not found" and listing settle them as deleted, never absent on the new listing's word.
    const again = await runCli(['retry', batchId, '--yes', '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results.map((r: { status: string }) => r.status)).toEqual(['deleted', 'deleted', 'deleted']);
    const nothing = await runCli(['retry', JSON.parse(retry.stdout).batchId, '--yes'], { env });
    expect(nothing.stderr).toMatch(/Nothing to retry/);
    const unknown = await runCli(['retry', '20200101T000000000Z-000000', '--yes'], { env });
    expect(unknown.code).toBe(2);
  });
});
