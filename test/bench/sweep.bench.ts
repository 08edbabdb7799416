// Benchmark: the sweep end to end through the CLI against sandbox gateways, printing figures: 2000 deletions against a
// 200/s gateway (and a one-at-a-time loop for scale), 20,000 at 80 ms, gateways limiting at 50/s, 20/s and 10/s, a
// closed port, a gateway answering 502, two concurrent runs on one app, a SIGKILL mid-batch; and issue 18's cases
// (./evidence-cases.ts): a small batch's fixed costs, a 16 s SIGSTOP, stops, history clear races, lying gateways.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { TimGateway, cryptoRandomUint32 } from '../../electron/core/tim/gateway.js';
import { clearRace, evidence, fixedCosts, lowLimit, sigstop, stops } from './evidence-cases.js';
import {
  ADMIN,
  deleteArgs as baseDeleteArgs,
  fmt,
  home,
  LIMIT,
  readdirSafe,
  SDKAPPID,
  SECRET,
  sandboxWith,
  startCli,
  summaryOf,
} from './helpers.js';

const SCENARIOS = [
  'sweep',
  'small',
  'slow-gateways',
  'low-limit',
  'down',
  'stops',
  'concurrent',
  'sigkill',
  'sigstop',
  'clear-race',
  'evidence',
  'large',
] as const;
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    latencies: { type: 'string', default: '30,100' },
    'naive-count': { type: 'string', default: '200' },
    rate: { type: 'string' },
    only: { type: 'string', default: SCENARIOS.join(',') },
  },
});
const only = new Set(String(values.only).split(','));

const deleteArgs = (url: string, accounts: string[], dir: string, extra: string[] = []) =>
  baseDeleteArgs(url, accounts, dir, values.rate ? [...extra, '--rate', values.rate] : extra);

async function engineRun(count: number, latencyMs: number) {
  const sandbox = await sandboxWith({ bots: count, latencyMs });
  const dir = home();
  const run = await startCli(deleteArgs(sandbox.url, seedRobotNames(count), dir), dir).done;
  const result = { seconds: run.seconds, limited: sandbox.stats.rateLimited, left: sandbox.store.list().length, exit: run.code };
  await sandbox.close();
  return result;
}

async function naiveRun(count: number, latencyMs: number) {
  const sandbox = await sandboxWith({ bots: count, latencyMs });
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
  for (const account of seedRobotNames(count)) await gateway.deleteRobot(account);
  const seconds = (performance.now() - started) / 1000;
  await sandbox.close();
  return seconds;
}

if (only.has('sweep')) {
  const count = Number(values.count);
  const minimum = count / LIMIT;
  const naiveCount = Number(values['naive-count']);
  console.log(`\n# ${count} deletions, gateway limit ${LIMIT}/s (minimum ${minimum} s)`);
  for (const latency of String(values.latencies).split(',').map(Number)) {
    const engine = await engineRun(count, latency);
    console.log(
      `latency ${latency} ms  engine (CLI end to end): ${fmt(engine.seconds, minimum)}, ${engine.limited} frequency-limit answers, ${engine.left} bots left, exit ${engine.exit}`,
    );
    const naive = ((await naiveRun(naiveCount, latency)) * count) / naiveCount;
    console.log(
      `latency ${latency} ms  one-at-a-time loop: ${naive.toFixed(1)} s (extrapolated from ${naiveCount}), speed-up ${(naive / engine.seconds).toFixed(1)}×`,
    );
  }
}

if (only.has('small')) await fixedCosts();

if (only.has('slow-gateways')) {
  console.log('\n# gateways that allow fewer calls per second');
  for (const [limit, count] of [
    [50, 600],
    [10, 300],
  ] as const) {
    const sandbox = await sandboxWith({ bots: count, rateLimit: limit, latencyMs: 30 });
    const dir = home();
    const run = await startCli(deleteArgs(sandbox.url, seedRobotNames(count), dir), dir).done;
    const summary = summaryOf(run).summary ?? {};
    console.log(
      `${count} deletions at ${limit} calls/s: ${fmt(run.seconds, count / limit)}, ${sandbox.stats.rateLimited} frequency-limit answers, ` +
        `deleted ${summary.deleted ?? '?'}, failed ${summary.failed ?? '?'}, exit ${run.code}`,
    );
    await sandbox.close();
  }
}

if (only.has('low-limit')) await lowLimit();

if (only.has('down')) {
  console.log('\n# a gateway that is down (1000 accounts)');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const dir = home();
  const refused = await startCli(deleteArgs(`http://127.0.0.1:${port}`, seedRobotNames(1000), dir), dir).done;
  const refusedReport = summaryOf(refused);
  console.log(
    `closed port: ended in ${refused.seconds.toFixed(2)} s, exit ${refused.code}, skipped ${refusedReport.summary?.skipped}, stop: ${refusedReport.stop?.errorInfo}`,
  );
  const sandbox = await sandboxWith({ bots: 1000, outage: '502' });
  const failing = await startCli(deleteArgs(sandbox.url, seedRobotNames(1000), home()), home()).done;
  const failingReport = summaryOf(failing);
  console.log(
    `every call 502: ${sandbox.stats.outageAnswers} calls in ${failing.seconds.toFixed(2)} s, exit ${failing.code}, stop: ${failingReport.stop?.errorInfo}`,
  );
  await sandbox.close();
}

if (only.has('stops')) await stops();

if (only.has('concurrent')) {
  console.log('\n# two concurrent 1000-account runs against one app (30 ms latency)');
  for (const wait of [false, true]) {
    const bots = seedRobotNames(2000);
    const sandbox = await sandboxWith({ bots, latencyMs: 30 });
    const dir = home();
    const first = startCli(deleteArgs(sandbox.url, bots.slice(0, 1000), dir), dir);
    while (!readdirSafe(join(dir, 'history')).length) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await startCli(deleteArgs(sandbox.url, bots.slice(1000), dir, wait ? ['--wait'] : []), dir).done;
    await first.done;
    console.log(
      `${wait ? 'with --wait' : 'without --wait'}: second run exit ${second.code} after ${second.seconds.toFixed(2)} s` +
        `${wait ? '' : ` ("${second.stderr.trim().split('\n')[0]}")`}; ${sandbox.stats.rateLimited} frequency-limit answers in all; ` +
        `${2000 - sandbox.store.list().length} deleted`,
    );
    await sandbox.close();
  }
}

if (only.has('sigkill')) {
  console.log('\n# SIGKILL of a 1500-account batch at 200/s (30 ms latency), then retry');
  const sandbox = await sandboxWith({ bots: 1500, latencyMs: 30 });
  const dir = home();
  const run = startCli(deleteArgs(sandbox.url, seedRobotNames(1500), dir), dir);
  for (;;) {
    const [file] = readdirSafe(join(dir, 'history'));
    const text = file ? readFileSync(join(dir, 'history', file), 'utf8') : '';
    if ((text.match(/"type":"outcome"/g) ?? []).length >= 500) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  run.child.kill('SIGKILL');
  await run.done;
  const history = await startCli(['history', '--json'], dir).done;
  const [batch] = JSON.parse(history.stdout) as { id: string; status: string; summary: Record<string, number> }[];
  console.log(`killed: ${batch!.status}; ${JSON.stringify(batch!.summary)}; ${1500 - sandbox.store.list().length} gone at the gateway`);
  const retry = await startCli(['retry', batch!.id, '--yes', '--json'], dir).done;
  console.log(`retry: exit ${retry.code}, ${JSON.stringify(summaryOf(retry).summary)}; ${sandbox.store.list().length} bots left`);
  await sandbox.close();
}

if (only.has('sigstop')) await sigstop();
if (only.has('clear-race')) await clearRace();
if (only.has('evidence')) await evidence();

if (only.has('large')) {
  // The gateway in its own plain Node process, as a real one would be: its pauses then are its own, not the bench's.
  console.log('\n# 20,000 deletions at 80 ms latency (minimum 100 s), the sandbox in its own process');
  const box = startCli(['sandbox', '--bots', '20000', '--latency', '80', '--port', '0'], home());
  const listening = () => /listening on (http:\/\/\S+)/.exec(box.stdout)?.[1];
  while (!listening()) await new Promise((resolve) => setTimeout(resolve, 20));
  const url = listening()!;
  const dir = home();
  const run = await startCli(deleteArgs(url, seedRobotNames(20_000), dir), dir).done;
  box.child.kill('SIGINT');
  await box.done;
  const stats = /sandbox stopped: .*/.exec(box.stderr)?.[0] ?? box.stderr.trim();
  console.log(`engine (CLI end to end): ${fmt(run.seconds, 100)}, exit ${run.code}; ${stats}`);
}
