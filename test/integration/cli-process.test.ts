// The real `botsweep` process (bin/botsweep.js → dist/, rebuilt first when stale): what only a process shows —
// the launcher, signals and a hard kill. Everything else about the commands is tested in-process.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { History } from '../../electron/core/history.js';
import { tempHome } from '../helpers/cli.js';
import { connectionFlags, withHttpSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';
import { gatewayFor } from '../helpers/sandbox.js';
import { childEnv, ensureBuilt, spawnCli } from '../helpers/spawn-cli.js';

const posix = process.platform !== 'win32';

beforeAll(() => ensureBuilt(), 120_000);

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('bin/botsweep.js', () => {
  it('runs the built CLI: help on stdout, an unknown command on stderr with exit 2', async () => {
    const help = await spawnCli(['--help']).done;
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: botsweep <command>/);
    const unknown = await spawnCli(['explode']).done;
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/unknown command "explode"/);
  });

  it.runIf(posix)('sandbox: serves until SIGINT, then exits 0', async () => {
    const cli = spawnCli(['sandbox', '--bots', '2'], { env: childEnv({ TIM_SECRET_KEY: TEST_SECRET }) });
    const [, url] = await cli.waitForStdout(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const gateway = gatewayFor({ url: url! }, { sdkAppId: 1400000000, identifier: 'administrator' });
    expect(await gateway.getAllRobots()).toMatchObject({ ok: true, answer: { Robot_Account: ['@RBT#sandbox0001', '@RBT#sandbox0002'] } });
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/sandbox stopped/);
  });

  it.runIf(posix)('delete: the first SIGINT finishes the calls in flight and exits 130 with a cancelled batch', async () => {
    const box = (sandbox = await withHttpSandbox({ bots: 200 }));
    const dir = tempHome();
    const args = ['delete', ...seedRobotNames(200), '--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
    const cli = spawnCli([...args, '--yes', '--json', '--rate', '50'], {
      env: childEnv({ BOTSWEEP_HOME: dir, TIM_SECRET_KEY: TEST_SECRET }),
    });
    await waitUntil(() => (box.stats.byCommand.delete_robot ?? 0) >= 20);
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'cancelled' });
    expect(new History(dir).list()[0]).toMatchObject({ status: 'cancelled' });
  });

  it('a batch killed with SIGKILL reads back as interrupted, records nothing the gateway deleted as failed, and retry completes it', async () => {
    const count = 120;
    const box = (sandbox = await withHttpSandbox({ bots: count, latencyMs: 40 }));
    const dir = tempHome();
    const env = childEnv({ BOTSWEEP_HOME: dir, TIM_SECRET_KEY: TEST_SECRET });
    const target = connectionFlags(box.url);
    const cli = spawnCli(['delete', ...seedRobotNames(count), ...target, '--yes', '--rate', '100'], { env });
    // Kill it once the journal holds some outcomes, mid-flight.
    await waitUntil(() => (journalText(dir).match(/"type":"outcome"/g) ?? []).length >= 30, 20_000);
    cli.child.kill('SIGKILL');
    const killed = await cli.done;
    if (posix) expect(killed.signal).toBe('SIGKILL');
    else expect(killed.code).not.toBe(0);

    const [batch] = new History(dir).list();
    expect(batch!.status).toBe('interrupted');
    expect(batch!.results).toHaveLength(count);
    const live = new Set(box.store.list());
    const goneAtGateway = batch!.results.filter((r) => !live.has(r.account));
    expect(goneAtGateway.length).toBeGreaterThanOrEqual(30);
    for (const result of goneAtGateway) expect(['deleted', 'unconfirmed']).toContain(result.status);
    expect(batch!.summary.unconfirmed).toBeGreaterThan(0);
    // Only calls in flight can be unconfirmed: the rest were never sent (skipped).
    expect(batch!.summary.unconfirmed).toBeLessThanOrEqual(48);
    expect(batch!.summary.deleted + batch!.summary.unconfirmed + batch!.summary.skipped).toBe(count);

    const retry = await spawnCli(['retry', batch!.id, '--yes', '--json'], { env }).done;
    expect(retry.code).toBe(0);
    const report = JSON.parse(retry.stdout);
    expect(report.summary).toMatchObject({ deleted: count - batch!.summary.deleted, absent: 0, failed: 0 });
    expect(report.verification.status).toBe('verified');
    expect(box.store.list()).toEqual([]);
  });
});

function journalText(dir: string): string {
  try {
    const [file] = readdirSync(join(dir, 'history'));
    return file ? readFileSync(join(dir, 'history', file), 'utf8') : '';
  } catch {
    return '';
  }
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
