// Test helpers: the `botsweep` CLI in-process through runCli, with captured streams, its own environment and data folder,
// and stand-ins for the keychain (none unless given), fetch and the clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { onTestFinished } from 'vitest';
import { runCli as runCliInProcess } from '../../electron/cli.js';
import type { CliIo } from '../../electron/cli/io.js';
import type { KeychainBackend } from '../../electron/core/vault.js';
import { sandboxFetch } from './sandbox.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The command's whole environment (nothing is inherited from this process); undefined values are left out. */
  env?: Record<string, string | undefined>;
  /** What stdin holds; it ends after this. */
  input?: string;
  /** Pretend stdin is a terminal (for confirmation prompts). */
  stdinIsTTY?: boolean;
  dataDir?: string;
  /** Default: a keychain that cannot be reached, so a unit test never touches the real one. */
  keychain?: () => Promise<KeychainBackend>;
  /** Default: `sandboxFetch` (an in-memory sandbox's URL is answered in memory). */
  fetch?: CliIo['fetch'];
  clock?: CliIo['clock'];
  now?: () => number;
}

export const noKeychain = () => Promise.reject(new Error('no OS keychain in unit tests: pass a keychain to runCli'));

/** A fresh data folder, removed when the current test finishes. */
export function tempHome(prefix = 'botsweep-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A stream that keeps everything written to it and can wait for a pattern in it. */
class Capture extends Writable {
  text = '';
  private readonly waiters = new Set<() => void>();

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    for (const waiter of this.waiters) waiter();
    done();
  }

  waitFor(pattern: RegExp, timeoutMs: number, exited: Promise<unknown>): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.text.match(pattern);
        if (!match) return;
        finish();
        resolve(match);
      };
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; got: ${this.text}`));
      }, timeoutMs);
      void exited.then(() => {
        if (!this.text.match(pattern)) {
          finish();
          reject(new Error(`the command ended without output matching ${pattern}; got: ${this.text}`));
        }
      });
      this.waiters.add(check);
      check();
    });
  }
}

export interface CliSession {
  /** Settles with the exit code and all output once the command returns. */
  readonly done: Promise<CliRun>;
  /** What Ctrl-C does: fires io.interrupted. */
  interrupt(): void;
  /** Resolves with the first match of `pattern` in everything stdout has received so far or will receive. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Starts a command in-process; for commands that run until interrupted. */
export function startCli(args: string[], options: CliOptions = {}): CliSession {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = Readable.from(options.input ? [Buffer.from(options.input)] : []) as CliIo['stdin'];
  if (options.stdinIsTTY) stdin.isTTY = true;
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  const controller = new AbortController();
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env,
    now: options.now ?? Date.now,
    interrupted: controller.signal,
    keychain: options.keychain ?? noKeychain,
    fetch: options.fetch ?? sandboxFetch,
    ...(options.clock && { clock: options.clock }),
    ...(options.dataDir && { dataDir: options.dataDir }),
  };
  const done = runCliInProcess(args, io).then(async (code) => {
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: stdout.text, stderr: stderr.text };
  });
  return {
    done,
    interrupt: () => controller.abort(),
    waitForStdout: (pattern, timeoutMs = 10_000) => stdout.waitFor(pattern, timeoutMs, done),
  };
}

/** Runs a command in-process to the end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}
