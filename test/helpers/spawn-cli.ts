// Test helpers: the built `botsweep` launcher (bin/botsweep.js → dist/) as a child in its own process group; every
// child a test started is killed with its whole group after the test, pass or fail. For the few tests of the real process.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/botsweep.js', import.meta.url));

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Settles once the process has exited and both output streams are closed, so the output is complete. */
  readonly done: Promise<ProcessRun>;
  /** Resolves with the first match of `pattern` in all stdout so far or to come; rejects if the process ends first. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills a child's whole process group (on Windows its process tree). */
export function killTree(child: ChildProcessWithoutNullStreams): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') execFileSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

afterEach(() => {
  for (const child of running) killTree(child);
  running.clear();
});

/** Builds the Node side when its sources changed since the last build, so a spawn test never runs a stale CLI. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'node', 'cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Environment for a CLI child: this process's, without any secret key, plus `extra` (undefined removes a variable). */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.TIM_SECRET_KEY;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Leave stdin open after `input` (a pipe whose writer never finishes). */
  keepStdinOpen?: boolean;
  /** The whole process group is killed after this long (default 60 s). */
  timeoutMs?: number;
}

/** Runs bin/botsweep.js with `args`. */
export function spawnCli(args: string[], options: SpawnOptions = {}): CliProcess {
  return spawnNode(BIN, args, options);
}

/** Runs a Node script of this repository (a path from its root, or absolute) with `args`. */
export function spawnNode(script: string, args: string[], options: SpawnOptions = {}): CliProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: options.env ?? childEnv(), stdio: 'pipe', detached: true });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {}); // The child may exit before reading its input.
  if (options.keepStdinOpen) child.stdin.write(options.input ?? '');
  else child.stdin.end(options.input ?? '');
  const killer = setTimeout(() => killTree(child), options.timeoutMs ?? 60_000);
  let closed = false;
  const done = new Promise<ProcessRun>((resolve, reject) => {
    child.on('error', reject);
    // 'close' comes after 'exit' once stdout and stderr have ended: nothing is left unread.
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      closed = true;
      for (const listener of listeners) listener();
      resolve({ code, signal, stdout, stderr });
    });
  });

  const waitForStdout = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stdout.match(pattern);
        if (match) {
          stop();
          resolve(match);
        } else if (closed) {
          stop();
          reject(new Error(`the process ended without output matching ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        }
      };
      const stop = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { child, done, waitForStdout };
}
