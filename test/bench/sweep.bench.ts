// Benchmark: 2000 deletions through a 200/s sandbox, by the CLI's engine and by a naive one-at-a-time loop. Prints figures.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { TimGateway, cryptoRandomUint32 } from '../../electron/core/tim/gateway.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    latencies: { type: 'string', default: '30,100' },
    'naive-count': { type: 'string' },
    rate: { type: 'string' },
  },
});
const COUNT = Number(values.count);
const NAIVE_COUNT = Number(values['naive-count'] ?? COUNT);
const LIMIT = 200;
const SECRET = 'bench-secret-key';
const SDKAPPID = 1400000000;
const ADMIN = 'administrator';
const BIN = fileURLToPath(new URL('../../bin/botsweep.js', import.meta.url));
const physical = COUNT / LIMIT;

async function sandboxWith(latencyMs: number, bots: number): Promise<Sandbox> {
  return startSandbox({ sdkAppId: SDKAPPID, identifier: ADMIN, secretKey: SECRET, bots, rateLimit: LIMIT, latencyMs });
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function engineRun(latencyMs: number) {
  const sandbox = await sandboxWith(latencyMs, COUNT);
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-bench-'));
  const file = join(dir, 'accounts.txt');
  writeFileSync(file, seedRobotNames(COUNT).join('\n'));
  const env = { ...process.env, BOTSWEEP_HOME: dir, TIM_SECRET_KEY: SECRET };
  const args = [
    'delete',
    '--file',
    file,
    '--endpoint',
    sandbox.url,
    '--sdkappid',
    String(SDKAPPID),
    '--identifier',
    ADMIN,
    '--yes',
    '--json',
  ];
  if (values.rate) args.push('--rate', values.rate);
  const started = performance.now();
  const run = await runCli(args, env);
  const seconds = (performance.now() - started) / 1000;
  const limited = sandbox.stats.rateLimited;
  const left = sandbox.store.list().length;
  await sandbox.close();
  let summary: unknown;
  try {
    summary = JSON.parse(run.stdout).summary;
  } catch {
    summary = run.stderr.trim();
  }
  return { seconds, limited, left, exit: run.code, summary };
}

async function naiveRun(latencyMs: number) {
  const sandbox = await sandboxWith(latencyMs, NAIVE_COUNT);
  const gateway = new TimGateway({
    baseUrl: sandbox.url,
    sdkAppId: SDKAPPID,
    identifier: ADMIN,
    secretKey: SECRET,
    fetch,
    now: Date.now,
    randomUint32: cryptoRandomUint32,
  });
  const started = performance.now();
  let failed = 0;
  for (const account of seedRobotNames(NAIVE_COUNT)) if (!(await gateway.deleteRobot(account)).ok) failed++;
  const seconds = ((performance.now() - started) / 1000) * (COUNT / NAIVE_COUNT);
  const limited = sandbox.stats.rateLimited;
  await sandbox.close();
  return { seconds, limited, failed };
}

console.log(`Botsweep sweep benchmark: ${COUNT} deletions, gateway limit ${LIMIT}/s, physical limit ${physical.toFixed(2)} s`);
for (const latency of String(values.latencies).split(',').map(Number)) {
  const engine = await engineRun(latency);
  console.log(
    `latency ${latency} ms  engine (CLI end to end): ${engine.seconds.toFixed(2)} s, ${(engine.seconds / physical).toFixed(3)}× the physical limit, ` +
      `${engine.limited} frequency-limit answers, ${engine.left} bots left, exit ${engine.exit}`,
  );
  console.log(`  summary: ${JSON.stringify(engine.summary)}`);
  const naive = await naiveRun(latency);
  console.log(
    `latency ${latency} ms  naive one-at-a-time loop: ${naive.seconds.toFixed(2)} s${NAIVE_COUNT !== COUNT ? ` (extrapolated from ${NAIVE_COUNT})` : ''}, ` +
      `${(naive.seconds / physical).toFixed(3)}× the physical limit, ${naive.limited} frequency-limit answers`,
  );
  console.log(`  speed-up: ${(naive.seconds / engine.seconds).toFixed(1)}×`);
}
