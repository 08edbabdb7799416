// One sweep per app across processes, end to end: a second run refuses with exit 4 or, with --wait, runs after the
// first; a running batch in history, retry and clear. Both runs pace at 150/s: run one after the other they stay under
// the gateway's 200 in any second (no limit answer), run together they would not.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function home() {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-control-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env: { BOTSWEEP_HOME: dir, TIM_SECRET_KEY: TEST_SECRET } };
}
const target = connectionFlags;

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
    const bots = seedRobotNames(600);
    sandbox = await withHttpSandbox({ bots, latencyMs: 20 });
    const { dir, env } = home();
    // The first run is another process, as a second terminal would be.
    const firstRun = ['delete', ...bots.slice(0, 300), ...target(sandbox.url), '--yes', '--json', '--rate', '150'];
    const { child: first, done: firstDone } = spawnCli(firstRun, {
      env: childEnv(env),
    });
    const running = await firstBatchId(dir);

    const second = await runCli(['delete', ...bots.slice(300), ...target(sandbox.url), '--yes'], { env });
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
    expect(JSON.parse(done.stdout).summary.deleted).toBe(300);
    // Nothing of the second run reached the gateway: its bots are all there.
    expect(sandbox.store.list()).toEqual(bots.slice(300));
    expect(sandbox.stats.rateLimited).toBe(0);
  }, 60_000);

  it('with --wait, the second run says whom it waits for, then runs: no frequency-limit answer in all', async () => {
    const bots = seedRobotNames(600);
    sandbox = await withHttpSandbox({ bots, latencyMs: 20 });
    const { dir, env } = home();
    const { child: first, done: firstDone } = spawnCli(
      ['delete', ...bots.slice(0, 300), ...target(sandbox.url), '--yes', '--rate', '150'],
      {
        env: childEnv(env),
      },
    );
    const running = await firstBatchId(dir);
    const second = await runCli(['delete', ...bots.slice(300), ...target(sandbox.url), '--yes', '--wait', '--json', '--rate', '150'], {
      env,
    });
    expect(second.stderr).toContain(`Waiting for batch ${running} (pid ${first.pid}) to finish`);
    expect(second.code).toBe(0);
    expect((await firstDone).code).toBe(0);
    expect(sandbox.store.list()).toEqual([]);
    expect(sandbox.stats.rateLimited).toBe(0);
  }, 60_000);
});
