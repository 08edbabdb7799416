// Input that is not a file or never ends, in the real process or with real special files: a FIFO, a socket or a device
// given to --file, a pipe whose writer never finishes, and a second signal while calls in flight hold the first one up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { History } from '../../electron/core/history.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { connectionFlags, withHttpSandbox, TEST_SECRET } from '../helpers/sandbox.js';
import { childEnv, ensureBuilt, spawnCli } from '../helpers/spawn-cli.js';

const posix = process.platform !== 'win32';
let sandbox: Sandbox | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const target = (box: Sandbox) => connectionFlags(box.url);
const env = () => ({ TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: tempHome() });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-input-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe.runIf(posix)('special files given to --file', () => {
  it('refuses a FIFO, a socket or a device given to --file at once, without opening it for a read', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'socket'), resolve));
    cleanups.push(() => server.close());
    for (const [path, kind] of [
      [join(dir, 'fifo'), 'a FIFO'],
      [join(dir, 'socket'), 'a socket'],
      ['/dev/zero', 'a device'],
    ] as const) {
      const run = await runCli(
        ['delete', '--file', path, '--endpoint', 'http://127.0.0.1:9', '--sdkappid', '1', '--identifier', 'a', '--yes'],
        {
          env: env(),
        },
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`it is ${kind}`);
      expect(run.stderr).toMatch(/use --file - and pipe it in/);
    }
  });
});

describe.runIf(posix)('the real process', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('a pipe whose writer never finishes: SIGTERM ends the command (exit 143), nothing sent', async () => {
    sandbox = await withHttpSandbox({ bots: 2 });
    const cli = spawnCli(['delete', '--file', '-', ...target(sandbox), '--yes'], {
      env: childEnv(env()),
      input: '@RBT#sandbox0001\n',
      keepStdinOpen: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 600)); // it is reading, and would wait forever
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(run.code).toBe(143);
    expect(sandbox.stats.calls).toBe(0);
  });

  // Every answer takes a minute: ending before the test's 30 s timeout shows the second signal did not wait for them.
  it('a second signal always quits at once, even while calls in flight hold the first one up', async () => {
    // Every deletion takes effect and then waits a minute to answer.
    sandbox = await withHttpSandbox({ bots: 20, failRate: 1, faults: ['slow'], slowMs: 60_000, faultCommands: ['delete_robot'] });
    const home = tempHome();
    const cli = spawnCli(['delete', '--file', '-', ...target(sandbox), '--yes', '--timeout', '60000'], {
      env: childEnv({ TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home }),
      input: `${['@RBT#sandbox0001', '@RBT#sandbox0002'].join('\n')}\n`,
    });
    await expect.poll(() => sandbox!.stats.byCommand.delete_robot ?? 0, { timeout: 10_000 }).toBe(2);
    cli.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cli.child.exitCode).toBeNull(); // the first signal waits for the calls in flight
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(run.signal ?? run.code).toMatch(/SIGTERM|143/);
    // What was in flight is in the journal as sent: it reads back unconfirmed, never skipped.
    const [batch] = new History(home).list();
    expect(batch).toMatchObject({ status: 'interrupted', summary: { unconfirmed: 2 } });
  }, 30_000);
});
