// A journal that cannot be written, on a real tmpfs where this machine may mount one: a disk that fills mid-batch stops
// sending and says why; a read-only data folder sends nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { runCli } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/spawn-cli.js';
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
