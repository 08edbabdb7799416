// Signals mid-batch in the real process: SIGTERM and SIGHUP drain like Ctrl-C and say so in the journal; SIGKILL leaves
// at most the calls in flight unconfirmed, and retry completes the batch.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../electron/core/history.js';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { runCli } from '../helpers/cli.js';
import { childEnv, ensureBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { connectionFlags, withHttpSandbox, TEST_SECRET } from '../helpers/sandbox.js';

beforeAll(() => ensureBuilt(), 120_000);

let sandbox: Sandbox | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const target = (box: Sandbox) => connectionFlags(box.url);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-journal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
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
