// Input is whole or refused, in-process: a pipe's last line without its newline, stdin past its cap, and a read that a
// signal cuts short (special files and the real process: test/integration/input-that-never-ends.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli as runCliInProcess } from '../../../../electron/cli.js';
import type { CliIo } from '../../../../electron/cli/io.js';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { runCli, tempHome } from '../../../helpers/cli.js';
import { connectionFlags, withSandbox, TEST_SECRET } from '../../../helpers/sandbox.js';

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
    // The line is read, and the command waits for more, before the signal comes.
    await vi.waitFor(() => expect((stdin as unknown as PassThrough).readableLength).toBe(0));
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
