// The CLI's sweep control end to end: one sweep per app across processes (refuse with exit 4, or --wait), a running
// batch in history, retry and clear, an early stop against a closed port, and the --rate cap.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../../../electron/core/sandbox/robots.js';
import { runCli } from '../../helpers/cli.js';
import { childEnv, ensureBuilt, spawnCli } from '../../helpers/spawn-cli.js';
import { withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../helpers/sandbox.js';

beforeAll(() => ensureBuilt(), 120_000);

let sandbox: Sandbox | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function home() {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-control-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env: { BOTSWEEP_HOME: dir, TIM_SECRET_KEY: TEST_SECRET } };
}
const target = (url: string) => ['--endpoint', url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];

/** The id of the first batch journaled in `dir`, once there is one. */
async function firstBatchId(dir: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const [name] = readdirSync(join(dir, 'history'));
      if (name) return name.replace(/\.jsonl$/, '');
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no batch was journaled');
}

describe('one sweep per app', () => {
  it('a second run refuses at once (exit 4, nothing sent, names the batch); history shows the first running; retry and clear leave it alone', async () => {
    const bots = seedRobotNames(800);
    sandbox = await withSandbox({ bots, latencyMs: 20 });
    const { dir, env } = home();
    // The first run is another process, as a second terminal would be.
    const { child: first, done: firstDone } = spawnCli(['delete', ...bots.slice(0, 400), ...target(sandbox.url), '--yes', '--json'], {
      env: childEnv(env),
    });
    const running = await firstBatchId(dir);

    const second = await runCli(['delete', ...bots.slice(400), ...target(sandbox.url), '--yes'], { env });
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(`Another sweep of this app is running: batch ${running} (pid ${first.pid}`);
    expect(second.stderr).toMatch(/Nothing was sent/);

    const history = JSON.parse((await runCli(['history', '--json'], { env })).stdout);
    expect(history.find((batch: { id: string }) => batch.id === running)).toMatchObject({ status: 'running' });
    const retry = await runCli(['retry', running, '--yes'], { env });
    expect(retry.code).toBe(4);
    expect(retry.stderr).toMatch(/still running/);
    const clear = await runCli(['history', 'clear', '--yes'], { env });
    expect(clear.stderr).toContain(`Kept ${running}: it is still running.`);

    const done = await firstDone;
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout).summary.deleted).toBe(400);
    // Nothing of the second run reached the gateway: its bots are all there.
    expect(sandbox.store.list()).toEqual(bots.slice(400));
    // Zero on a quiet machine (npm run bench); a loaded test machine's timers may bunch a few calls.
    expect(sandbox.stats.rateLimited).toBeLessThanOrEqual(20);
  }, 60_000);

  it('with --wait, the second run says whom it waits for, then runs: no frequency-limit answer in all', async () => {
    const bots = seedRobotNames(600);
    sandbox = await withSandbox({ bots, latencyMs: 20 });
    const { dir, env } = home();
    const { child: first, done: firstDone } = spawnCli(['delete', ...bots.slice(0, 300), ...target(sandbox.url), '--yes'], {
      env: childEnv(env),
    });
    const running = await firstBatchId(dir);
    const second = await runCli(['delete', ...bots.slice(300), ...target(sandbox.url), '--yes', '--wait', '--json'], { env });
    expect(second.stderr).toContain(`Waiting for batch ${running} (pid ${first.pid}) to finish`);
    expect(second.code).toBe(0);
    expect((await firstDone).code).toBe(0);
    expect(sandbox.store.list()).toEqual([]);
    expect(sandbox.stats.rateLimited).toBeLessThanOrEqual(20); // zero on a quiet machine (npm run bench)
  }, 60_000);
});

describe('an unreachable gateway', () => {
  it('1000 accounts against a closed port end within 15 s: exit 1, says unreachable, the unsent skipped', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { env } = home();
    const started = Date.now();
    const run = await runCli(['delete', ...seedRobotNames(1000), ...target(`http://127.0.0.1:${port}`), '--yes', '--json'], { env });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.stop).toMatchObject({ kind: 'unreachable', errorInfo: expect.stringContaining('could not be reached') });
    expect(report.summary.skipped).toBeGreaterThan(700);
    expect(report.summary.deleted).toBe(0);
  }, 30_000);
});

it('caps --rate at the gateway limit of 200', async () => {
  const { env } = home();
  const run = await runCli(['delete', '@RBT#a', ...target('http://127.0.0.1:9'), '--yes', '--rate', '1000'], { env });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--rate takes a number of calls per second from 1 to 200/);
});
