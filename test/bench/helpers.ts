// Bench helpers: sandbox gateways, throw-away data folders, the real CLI process (killed on exit), and medians.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/server.js';

export const LIMIT = 200;
export const SECRET = 'bench-secret-key';
export const SDKAPPID = 1400000000;
export const ADMIN = 'administrator';
export const BIN = fileURLToPath(new URL('../../bin/botsweep.js', import.meta.url));

const folders: string[] = [];
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

export function sandboxWith(options: Partial<SandboxOptions>): Promise<Sandbox> {
  return startSandbox({ sdkAppId: SDKAPPID, identifier: ADMIN, secretKey: SECRET, rateLimit: LIMIT, ...options });
}

export function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-bench-'));
  folders.push(dir);
  return dir;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Date.now() when it was spawned, and when it closed. */
  spawnedAt: number;
  closedAt: number;
  child: ChildProcess;
  done: Promise<Run>;
}

export function startCli(args: string[], dir: string, input?: string): Run {
  return startNode([BIN, ...args], { ...process.env, BOTSWEEP_HOME: dir, TIM_SECRET_KEY: SECRET }, input);
}

export function startNode(args: string[], env: NodeJS.ProcessEnv = process.env, input?: string): Run {
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  children.add(child);
  if (input !== undefined) child.stdin!.end(input);
  const run = { code: null, signal: null, stdout: '', stderr: '', seconds: 0, spawnedAt, closedAt: 0, child } as unknown as Run;
  child.stdout!.on('data', (chunk) => (run.stdout += chunk));
  child.stderr!.on('data', (chunk) => (run.stderr += chunk));
  run.done = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      children.delete(child);
      run.code = code;
      run.signal = signal;
      run.closedAt = Date.now();
      run.seconds = (performance.now() - started) / 1000;
      resolve(run);
    }),
  );
  return run;
}

export function deleteArgs(url: string, accounts: string[], dir: string, extra: string[] = []): string[] {
  const file = join(dir, `accounts-${accounts.length}-${Math.random().toString(16).slice(2)}.txt`);
  writeFileSync(file, `${accounts.join('\n')}\n`);
  return ['delete', '--file', file, '--endpoint', url, '--sdkappid', String(SDKAPPID), '--identifier', ADMIN, '--yes', '--json', ...extra];
}

export interface JsonReport {
  batchId?: string;
  status?: string;
  summary?: Record<string, number>;
  stop?: { kind: string; errorInfo: string };
  results?: { account: string; status: string }[];
  listingContradicted?: string | null;
}

export function summaryOf(run: Run): JsonReport {
  try {
    return JSON.parse(run.stdout);
  } catch {
    return {};
  }
}

export const fmt = (seconds: number, minimum: number) =>
  `${seconds.toFixed(2)} s (${(seconds / minimum).toFixed(3)}× the ${minimum} s minimum)`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
