// Input is whole or refused: a pipe's last line without its newline, FIFOs, sockets and devices, and reads that a
// signal cuts short, in-process; and the real process for what only it shows (a pipe that never ends, two signals).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliInProcess } from '../../../../electron/cli.js';
import type { CliIo } from '../../../../electron/cli/io.js';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { History } from '../../../../electron/core/history.js';
import { runCli, tempHome } from '../../helpers/cli.js';
import { withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../helpers/sandbox.js';
import { childEnv, ensureBuilt, spawnCli } from '../../helpers/spawn-cli.js';

const posix = process.platform !== 'win32';
let sandbox: Sandbox | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const target = (box: Sandbox) => ['--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
const env = () => ({ TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: tempHome() });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-input-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('in-process', () => {
  it('refuses a pipe whose last line has no newline (a producer killed mid-line): exit 2, naming it, nothing sent', async () => {
    sandbox = await withSandbox({ bots: ['@RBT#b00011', '@RBT#b00012', '@RBT#b0001'] });
    const run = await runCli(['delete', '--file', '-', ...target(sandbox), '--yes'], { env: env(), input: '@RBT#b00011\n@RBT#b0001' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin line 2 \("@RBT#b0001"\) does not end with a newline: the input may have been cut short/);
    expect(sandbox.stats.calls).toBe(0);
    // Whole input from a pipe, and a regular file without a final newline, are accepted.
    expect((await runCli(['delete', '--file', '-', ...target(sandbox), '--yes'], { env: env(), input: '@RBT#b00011\r\n' })).code).toBe(0);
    const file = join(tempDir(), 'accounts.txt');
    writeFileSync(file, '@RBT#b00012\n@RBT#b0001');
    expect((await runCli(['delete', '--file', file, ...target(sandbox), '--yes'], { env: env() })).code).toBe(0);
    expect(sandbox.store.list()).toEqual([]);
  });

  it.runIf(posix)('refuses a FIFO, a socket or a device given to --file at once, without opening it for a read', async () => {
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
      const started = performance.now();
      const run = await runCli(
        ['delete', '--file', path, '--endpoint', 'http://127.0.0.1:9', '--sdkappid', '1', '--identifier', 'a', '--yes'],
        {
          env: env(),
        },
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`it is ${kind}`);
      expect(run.stderr).toMatch(/use --file - and pipe it in/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('gives up reading stdin when a signal comes: the signal’s exit code, nothing sent', async () => {
    const stdin = new PassThrough() as unknown as CliIo['stdin'];
    const sink = () => {
      let text = '';
      const stream = new Writable({ write: (chunk, _enc, done) => ((text += chunk), done()) });
      return { stream, text: () => text };
    };
    const [out, err] = [sink(), sink()];
    const controller = new AbortController();
    const io: CliIo = {
      stdout: out.stream,
      stderr: err.stream,
      stdin,
      env: env(),
      now: Date.now,
      interrupted: controller.signal,
      keychain: () => Promise.reject(new Error('none')),
    };
    const running = runCliInProcess(
      ['delete', '--file', '-', '--endpoint', 'http://127.0.0.1:9', '--sdkappid', '1', '--identifier', 'a', '--yes'],
      io,
    );
    (stdin as unknown as PassThrough).write('@RBT#a\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort('SIGTERM');
    expect(await running).toBe(143);
    expect(err.text()).toMatch(/cancelled while reading the input; nothing was sent/);
  });

  it('refuses stdin past its size cap instead of reading without end', async () => {
    const run = await runCli(
      ['delete', '--file', '-', '--endpoint', 'http://127.0.0.1:9', '--sdkappid', '1', '--identifier', 'a', '--yes'],
      {
        env: env(),
        input: `${'@RBT#a\n'.repeat((17 << 20) / 7)}`,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin holds more than 16 MB; nothing was sent/);
  });
});

describe.runIf(posix)('the real process', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('a pipe whose writer never finishes: SIGTERM ends the command within 1 s, exit 143, nothing sent', async () => {
    sandbox = await withSandbox({ bots: 2 });
    const cli = spawnCli(['delete', '--file', '-', ...target(sandbox), '--yes'], {
      env: childEnv(env()),
      input: '@RBT#sandbox0001\n',
      keepStdinOpen: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 600)); // it is reading, and would wait forever
    const signalled = performance.now();
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(performance.now() - signalled).toBeLessThan(1000);
    expect(run.code).toBe(143);
    expect(sandbox.stats.calls).toBe(0);
  });

  it('a second signal always quits at once, even while calls in flight hold the first one up', async () => {
    // Every deletion takes effect and then waits a minute to answer.
    sandbox = await withSandbox({ bots: 20, failRate: 1, faults: ['slow'], slowMs: 60_000, faultCommands: ['delete_robot'] });
    const home = tempHome();
    const cli = spawnCli(['delete', '--file', '-', ...target(sandbox), '--yes', '--timeout', '60000'], {
      env: childEnv({ TIM_SECRET_KEY: TEST_SECRET, BOTSWEEP_HOME: home }),
      input: `${['@RBT#sandbox0001', '@RBT#sandbox0002'].join('\n')}\n`,
    });
    const deadline = Date.now() + 10_000;
    while ((sandbox.stats.byCommand.delete_robot ?? 0) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    cli.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cli.child.exitCode).toBeNull(); // the first signal waits for the calls in flight
    const second = performance.now();
    cli.child.kill('SIGTERM');
    const run = await cli.done;
    expect(performance.now() - second).toBeLessThan(1000);
    expect(run.signal ?? run.code).toMatch(/SIGTERM|143/);
    // What was in flight is in the journal as sent: it reads back unconfirmed, never skipped.
    const [batch] = new History(home).list();
    expect(batch).toMatchObject({ status: 'interrupted', summary: { unconfirmed: 2 } });
  }, 30_000);
});
