// Benchmark: what the snapshot before deletion costs a batch (issue 22): portrait_get calls per 100 accounts, and the
// time it adds for 200 accounts at 100 ms latency (at most 0.25 s), measured in-process through the use cases against
// sandbox gateways, runs with and without it alternating; medians of several runs, and the delay to the first
// deletion as the gateway saw it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { nodeFetch } from '../../electron/core/tim/node-http.js';
import { createUseCases, realGatewayEnv } from '../../electron/core/usecases/index.js';
import { ADMIN, median, sandboxWith, SDKAPPID, SECRET } from './helpers.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, latency: { type: 'string', default: '100' } } });
const RUNS = Number(values.runs);
const LATENCY = Number(values.latency);

interface Run {
  readonly seconds: number;
  readonly firstDeleteMs: number;
  readonly portraits: number;
  readonly deleted: number;
  readonly saved: boolean;
}

async function deleteAll(count: number, snapshot: boolean): Promise<Run> {
  const sandbox = await sandboxWith({ bots: count, nicknames: true, latencyMs: LATENCY, recordRequests: count + 10 });
  const dataDir = mkdtempSync(join(tmpdir(), 'botsweep-bench-snapshot-'));
  try {
    const useCases = createUseCases({ ...realGatewayEnv(nodeFetch), dataDir, keychain: () => Promise.reject(new Error('no keychain')) });
    const plan = await useCases.sweeps.planDeletion({
      aim: { connection: { target: { kind: 'endpoint', url: sandbox.url }, sdkAppId: SDKAPPID, identifier: ADMIN } },
      envSecret: () => SECRET,
      named: seedRobotNames(count),
    });
    const started = performance.now();
    const outcome = await useCases.sweeps.run(plan, { snapshot });
    const seconds = (performance.now() - started) / 1000;
    const first = sandbox.requests[0]!.at;
    const firstDelete = sandbox.requests.find((request) => request.command === 'delete_robot')!.at;
    const batch = useCases.history.get(outcome.batchId!);
    return {
      seconds,
      firstDeleteMs: firstDelete - first,
      portraits: sandbox.stats.byCommand.portrait_get ?? 0,
      deleted: outcome.summary.deleted,
      saved: batch.results.every((result) => result.snapshot && 'profile' in result.snapshot),
    };
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`\n# the snapshot before deletion: 200 accounts at ${LATENCY} ms latency, ${RUNS} runs each way, alternating`);
const withIt: Run[] = [];
const without: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  withIt.push(await deleteAll(200, true));
  without.push(await deleteAll(200, false));
}
const on = median(withIt.map((run) => run.seconds));
const off = median(without.map((run) => run.seconds));
const firstOn = median(withIt.map((run) => run.firstDeleteMs));
const firstOff = median(without.map((run) => run.firstDeleteMs));
console.log(
  `batch of 200: ${on.toFixed(3)} s with the snapshot, ${off.toFixed(3)} s without (medians): it adds ${(on - off).toFixed(3)} s ` +
    `(target at most 0.25 s); every run deleted ${withIt.every((run) => run.deleted === 200) ? 'all 200' : 'NOT all'}`,
);
console.log(
  `first delete_robot after the first request: ${firstOn.toFixed(0)} ms with, ${firstOff.toFixed(0)} ms without (medians); ` +
    `portrait_get calls: ${withIt.map((run) => run.portraits).join(', ')} with (at most 2 allowed), ${without.map((run) => run.portraits).join(', ')} without; ` +
    `every profile saved: ${withIt.every((run) => run.saved)}`,
);

console.log(`\n# portrait_get calls per batch size (one run each, ${LATENCY} ms latency)`);
for (const count of [1, 100, 101, 1000]) {
  const run = await deleteAll(count, true);
  console.log(
    `${count} accounts: ${run.portraits} portrait_get (at most ${Math.ceil(count / 100)}), ${run.deleted} deleted in ${run.seconds.toFixed(2)} s, every profile saved: ${run.saved}`,
  );
}
