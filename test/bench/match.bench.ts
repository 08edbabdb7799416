// Benchmark: `delete --match` with a glob that makes a backtracking matcher crawl, over a listing of 100,000
// accounts full of the letter it repeats, as a dry run through the CLI (issue 17: under 2 s). Prints the figures.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../electron/core/sandbox/server.js';

const SECRET = 'bench-secret-key';
const BIN = fileURLToPath(new URL('../../bin/botsweep.js', import.meta.url));
const GLOB = '*a*a*a*a*a*a*a*a*b';
const COUNT = 100_000;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; seconds: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, seconds: (performance.now() - started) / 1000, stdout })));
}

const bots = Array.from({ length: COUNT }, (_, i) => `@RBT#${'a'.repeat(20)}${String(i).padStart(6, '0')}`);
const sandbox = await startSandbox({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: SECRET, bots });
const home = mkdtempSync(join(tmpdir(), 'botsweep-bench-match-'));
try {
  const env = { ...process.env, BOTSWEEP_HOME: home, TIM_SECRET_KEY: SECRET };
  const args = [
    BIN,
    'delete',
    '--match',
    GLOB,
    '--dry-run',
    '--json',
    '--endpoint',
    sandbox.url,
    '--sdkappid',
    '1400000000',
    '--identifier',
    'administrator',
  ];
  const baseline: number[] = [];
  const match: number[] = [];
  for (let i = 0; i < 3; i++) {
    baseline.push((await run(['-e', '0'], env)).seconds);
    const result = await run(args, env);
    if (result.code !== 0) throw new Error(`delete --match exited ${result.code}`);
    match.push(result.seconds);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`match: delete --match '${GLOB}' --dry-run over ${COUNT.toLocaleString('en')} accounts`);
  console.log(`  ${median(match).toFixed(2)} s median of 3 (target < 2 s), bare node start ${median(baseline).toFixed(2)} s`);
} finally {
  await sandbox.close();
  rmSync(home, { recursive: true, force: true });
}
