// The CLI's record of the truth under damage: a journal that cannot be written (a real full or read-only tmpfs,
// where this machine may mount one), SIGTERM/SIGHUP/SIGKILL mid-batch, and damaged history files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../electron/core/history.js';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { runCli } from '../helpers/cli.js';
import { childEnv, ensureBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { withHttpSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

beforeAll(() => ensureBuilt(), 120_000);

let sandbox: Sandbox | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const target = (box: Sandbox) => ['--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-journal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A tmpfs of `size` mounted on a fresh folder, or null where this machine does not let us mount one. */
function smallDisk(size: string, readOnly = false): string | null {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  cleanups.push(() => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }));
  return dir;
}

const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe.skipIf(!canMount)('a journal that cannot be written (a real tmpfs)', () => {
  it('a disk that fills mid-batch: stops sending, reports the batch and why, and --json still prints its object', async () => {
    sandbox = await withHttpSandbox({ bots: 600 });
    const home = smallDisk('48k')!;
    const run = await runCli(['delete', ...seedRobotNames(600), ...target(sandbox), '--yes', '--json'], {
      env: { BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET },
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.batchId).toMatch(/^\d{8}T/);
    expect(report.status).toBe('aborted');
    expect(report.stop).toMatchObject({ kind: 'journal', errorInfo: expect.stringContaining('the disk is full (ENOSPC)') });
    const sent = sandbox.stats.byCommand.delete_robot ?? 0;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(600);
    // Every bot the gateway deleted is reported deleted; what was never sent is skipped.
    const live = new Set(sandbox.store.list());
    for (const result of report.results) {
      if (!live.has(result.account)) expect(result.status).toBe('deleted');
      else expect(['skipped', 'unconfirmed', 'failed']).toContain(result.status);
    }
    expect(report.summary.skipped).toBeGreaterThanOrEqual(600 - sent - 48);

    const text = await runCli(['delete', ...seedRobotNames(600).slice(-200), ...target(sandbox), '--yes'], {
      env: { BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET },
    });
    expect(text.code).toBe(2); // the disk is full before anything could be sent
    expect(text.stderr).toMatch(/history journal could not be written: the disk is full \(ENOSPC\)/);
    expect(text.stderr).toMatch(/nothing was sent/);
    expect(text.stderr).not.toMatch(/^ENOSPC/m);
  });

  it('a read-only data folder: exit 2 with a message, nothing sent', async () => {
    sandbox = await withHttpSandbox({ bots: 5 });
    const home = smallDisk('64k', true)!;
    const run = await runCli(['delete', ...seedRobotNames(5), ...target(sandbox), '--yes', '--json'], {
      env: { BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET },
    });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      batchId: null,
      status: 'aborted',
      stop: { kind: 'journal', errorInfo: expect.stringContaining('read-only') },
      summary: { skipped: 5, calls: 0 },
    });
    expect(sandbox.stats.calls).toBe(0);
  });
});

describe('signals', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} drains like Ctrl-C: exit ${code}, and the journal's end record names it`, async () => {
      sandbox = await withHttpSandbox({ bots: 400, latencyMs: 20 });
      const home = tempDir();
      mkdirSync(home, { recursive: true });
      const { child, done } = spawnCli(['delete', ...seedRobotNames(400), ...target(sandbox), '--yes', '--json', '--rate', '50'], {
        env: childEnv({ BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET }),
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill(signal);
      const run = await done;
      expect(run.code).toBe(code);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ status: 'cancelled', signal });
      expect(report.summary.skipped).toBeGreaterThan(0);
      const [batch] = new History(home).list();
      expect(batch).toMatchObject({ id: report.batchId, status: 'cancelled', signal });
      expect(batch!.summary.deleted).toBe(400 - sandbox.store.list().length);
    });
  }
});

describe('a 600-account batch killed with SIGKILL at 194/s (npm run bench kills one of 1500)', () => {
  it('leaves at most the calls in flight unconfirmed, never calls a typo deleted, and retry completes it', async () => {
    const bots = seedRobotNames(600);
    // Every 50th entry is a typo: never a chatbot of the app.
    const accounts = bots.map((bot, i) => (i % 50 === 25 ? `@RBT#typo${i}` : bot));
    const typos = accounts.filter((account) => account.startsWith('@RBT#typo'));
    sandbox = await withHttpSandbox({ bots: 600, latencyMs: 30 });
    const home = tempDir();
    const env = { BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET };
    const { child, done } = spawnCli(['delete', ...accounts, ...target(sandbox), '--yes'], { env: childEnv(env) });
    const deadline = Date.now() + 20_000;
    // Kill it mid-run, once about 200 outcomes are journaled.
    while (Date.now() < deadline) {
      let files: { name: string }[] = [];
      try {
        files = readdirSync(join(home, 'history'), { withFileTypes: true }).filter((entry) => entry.isFile());
      } catch {
        // not created yet
      }
      const text = files.length ? readFileSync(join(home, 'history', files[0]!.name), 'utf8') : '';
      if ((text.match(/"type":"outcome"/g) ?? []).length >= 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    const [batch] = new History(home).list();
    expect(batch!.status).toBe('interrupted');
    expect(batch!.summary.unconfirmed).toBeLessThanOrEqual(48);
    expect(batch!.summary.deleted + batch!.summary.absent + batch!.summary.unconfirmed + batch!.summary.skipped).toBe(600);
    expect(batch!.summary.skipped).toBeGreaterThan(100); // killed mid-run
    const live = new Set(sandbox.store.list());
    for (const result of batch!.results) {
      if (result.status === 'deleted') expect(live.has(result.account)).toBe(false);
      if (typos.includes(result.account)) expect(result.status).not.toBe('deleted');
    }

    const retry = await runCli(['retry', batch!.id, '--yes', '--json'], { env });
    expect(retry.code).toBe(0);
    const report = JSON.parse(retry.stdout);
    const byAccount = new Map<string, string>(report.results.map((r: { account: string; status: string }) => [r.account, r.status]));
    for (const typo of typos) if (byAccount.has(typo)) expect(byAccount.get(typo)).toBe('absent');
    for (const [account, status] of byAccount) if (!typos.includes(account)) expect(status).toBe('deleted');
    // Only the bots the typos stood in for are left.
    expect(sandbox.store.list()).toEqual(bots.filter((bot) => !accounts.includes(bot)));
  }, 60_000);
});

describe('a history with damaged files', () => {
  it('history, --json, export and retry of a good batch still work, exit 0, and the damage is reported', async () => {
    sandbox = await withHttpSandbox({ bots: 3 });
    const home = tempDir();
    const env = { BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET };
    // A batch that ended with three accounts refused (as a flaky gateway would leave it), written as the engine does.
    const writer = new History(home).begin(
      { target: { kind: 'endpoint', url: sandbox.url }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN },
      seedRobotNames(3),
    );
    writer.classified({ botCount: 3, problem: null, bots: seedRobotNames(3), notBots: [] });
    const refused = seedRobotNames(3).map((account) => ({
      account,
      status: 'failed' as const,
      errorCode: 10002,
      errorInfo: 'internal error',
      attempts: 5,
    }));
    for (const result of refused) writer.outcome(result);
    writer.end({ status: 'completed', results: refused, stop: null, verification: { status: 'not-needed', reason: null }, signal: null });
    const good = writer.id;
    const dir = join(home, 'history');
    writeFileSync(join(dir, '20200101T000000001Z-aaaaa1.jsonl'), 'null\n');
    writeFileSync(join(dir, '20200101T000000002Z-aaaaa2.jsonl'), '{"type":"begin","v":2}\n');
    writeFileSync(join(dir, '20200101T000000003Z-aaaaa3.jsonl'), '{"type":"beg');
    mkdirSync(join(dir, '20200101T000000004Z-aaaaa4.jsonl'));

    const list = await runCli(['history'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(good);
    expect(list.stderr.match(/Damaged history file/g)).toHaveLength(4);
    const json = await runCli(['history', '--json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((b: { id: string }) => b.id)).toEqual([good]);
    expect(json.stderr).toContain('20200101T000000004Z-aaaaa4.jsonl: it is a folder');
    const csv = await runCli(['history', 'export', '--format', 'csv'], { env });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(good);
    const retry = await runCli(['retry', good, '--yes', '--json'], { env });
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout).summary).toMatchObject({ deleted: 3 });
  }, 60_000);
});
