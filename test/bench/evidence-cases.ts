// Bench cases of issue 18, through the real CLI against sandbox gateways: a small batch's fixed costs against the
// truthful floor, a 20/s gateway, a 16 s SIGSTOP, stops that must come on time, `history clear` during a batch's
// start with 600 retained batches, and records that must not say more than the evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { History } from '../../electron/core/history.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import type { SandboxOptions } from '../../electron/core/sandbox/server.js';
import { generateUserSig } from '../../electron/core/tim/usersig.js';
import {
  ADMIN,
  deleteArgs,
  fmt,
  home,
  median,
  readdirSafe,
  SDKAPPID,
  SECRET,
  sandboxWith,
  sleep,
  startCli,
  startNode,
  summaryOf,
} from './helpers.js';

/** The truthful floor of a batch: Node start, one listing, one round of deletions, one final listing — nothing else. */
const FLOOR_SCRIPT = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const accounts = JSON.parse(process.env.FLOOR_ACCOUNTS);
let random = 0;
const post = (command, body) => new Promise((resolve, reject) => {
  const query = 'sdkappid=${SDKAPPID}&identifier=${ADMIN}&usersig=' + encodeURIComponent(process.env.FLOOR_SIG) + '&random=' + random++ + '&contenttype=json';
  const data = JSON.stringify(body);
  const request = http.request(process.env.FLOOR_URL + '/v4/openim_robot_http_svc/' + command + '?' + query,
    { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
    (response) => { response.resume(); response.on('end', resolve); });
  request.on('error', reject);
  request.end(data);
});
(async () => {
  await post('get_all_robots', {});
  await Promise.all(accounts.map((account) => post('delete_robot', { Robot_Account: account })));
  await post('get_all_robots', {});
})();`;

/** 20 bots at 100 ms: Botsweep against the floor, its first request after a bare node start, its exit after its end record. */
export async function fixedCosts(runs = 7): Promise<void> {
  console.log(`\n# 20 bots at 100 ms latency, ${runs} runs (medians)`);
  const bots = seedRobotNames(20);
  const rows: { bare: number; floor: number; total: number; first: number; exitAfterEnd: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const bare = await startNode(['-e', '0']).done;
    const floorBox = await sandboxWith({ bots: 20, latencyMs: 100 });
    const sig = generateUserSig({ secretKey: SECRET, sdkAppId: SDKAPPID, identifier: ADMIN, expireSeconds: 3600, now: Date.now });
    const floorEnv = { ...process.env, FLOOR_URL: floorBox.url, FLOOR_SIG: sig, FLOOR_ACCOUNTS: JSON.stringify(bots) };
    const floor = await startNode(['-e', FLOOR_SCRIPT], floorEnv).done;
    if (floorBox.store.list().length) throw new Error('the floor script did not delete the bots');
    await floorBox.close();
    const box = await sandboxWith({ bots: 20, latencyMs: 100 });
    const dir = home();
    const run = await startCli(deleteArgs(box.url, bots, dir), dir).done;
    const report = summaryOf(run);
    if (report.summary?.deleted !== 20) throw new Error(`the batch did not delete all: ${run.stdout}${run.stderr}`);
    const [journal] = readdirSafe(join(dir, 'history'));
    const end = JSON.parse(
      readFileSync(join(dir, 'history', journal!), 'utf8')
        .trim()
        .split('\n')
        .at(-1)!,
    ) as { finishedAt: string };
    rows.push({
      bare: bare.seconds * 1000,
      floor: floor.seconds * 1000,
      total: run.seconds * 1000,
      first: box.stats.firstRequestAt! - run.spawnedAt,
      exitAfterEnd: run.closedAt - Date.parse(end.finishedAt),
    });
    await box.close();
  }
  const m = (key: keyof (typeof rows)[number]) => median(rows.map((row) => row[key]));
  console.log(
    `bare node start (node -e 0): ${m('bare').toFixed(0)} ms; truthful floor (node + listing + 20 deletions at once + listing): ${m('floor').toFixed(0)} ms`,
  );
  console.log(
    `botsweep delete: ${m('total').toFixed(0)} ms end to end = ${(m('total') / m('floor')).toFixed(2)}× the floor ` +
      `(per run: ${rows.map((row) => (row.total / row.floor).toFixed(2)).join(', ')})`,
  );
  console.log(
    `first request ${m('first').toFixed(0)} ms after spawn = ${(m('first') - m('bare')).toFixed(0)} ms after a bare node start; ` +
      `exit ${m('exitAfterEnd').toFixed(0)} ms after the journal's end record`,
  );
}

/** 600 deletions against a gateway that allows 20 calls a second. */
export async function lowLimit(runs = 3): Promise<void> {
  console.log(`\n# 600 deletions against a 20 calls/s gateway (30 ms latency), ${runs} runs`);
  const seconds: number[] = [];
  const limited: number[] = [];
  for (let i = 0; i < runs; i++) {
    const box = await sandboxWith({ bots: 600, rateLimit: 20, latencyMs: 30 });
    const dir = home();
    const run = await startCli(deleteArgs(box.url, seedRobotNames(600), dir), dir).done;
    const summary = summaryOf(run).summary ?? {};
    console.log(
      `run ${i + 1}: ${fmt(run.seconds, 30)}, ${box.stats.rateLimited} frequency-limit answers, deleted ${summary.deleted ?? '?'}, exit ${run.code}`,
    );
    seconds.push(run.seconds);
    limited.push(box.stats.rateLimited);
    await box.close();
  }
  console.log(`median: ${fmt(median(seconds), 30)}, ${median(limited)} frequency-limit answers`);
}

/** A process stopped for 16 s mid-batch (a laptop lid, a debugger), 150 ms latency. */
export async function sigstop(): Promise<void> {
  console.log('\n# SIGSTOP for 16 s mid-batch: 2000 deletions at 150 ms latency');
  const box = await sandboxWith({ bots: 2000, latencyMs: 150 });
  const dir = home();
  const run = startCli(deleteArgs(box.url, seedRobotNames(2000), dir), dir);
  while ((box.stats.byCommand.delete_robot ?? 0) < 500) await sleep(5);
  run.child.kill('SIGSTOP');
  await sleep(16_000);
  run.child.kill('SIGCONT');
  await run.done;
  const report = summaryOf(run);
  console.log(
    `exit ${run.code} after ${run.seconds.toFixed(1)} s, ${report.status}${report.stop ? ` (stop: ${report.stop.kind}: ${report.stop.errorInfo})` : ', no stop'}; ` +
      `${JSON.stringify(report.summary)}; ${box.store.list().length} bots left at the gateway`,
  );
  await box.close();
}

/** Gateways that never let a batch finish: each must stop it on time, with its own words and exit code. */
export async function stops(): Promise<void> {
  console.log('\n# stops (100 accounts each)');
  const cases: [string, Partial<SandboxOptions>][] = [
    ['accepts connections, never answers', { outage: 'silent' }],
    ['"too frequent" (60007) to everything', { outage: 'limited' }],
    ['HTTP 429 with Retry-After: 5 to everything', { outage: 'limited', rateLimitAnswer: '429', retryAfterSeconds: 5 }],
    ['HTTP 404 (not the gateway)', { outage: '404' }],
    ['HTTP 302 to a login page', { outage: '302' }],
  ];
  for (const [label, options] of cases) {
    const box = await sandboxWith({ bots: 100, ...options });
    const dir = home();
    const run = await startCli(deleteArgs(box.url, seedRobotNames(100), dir), dir).done;
    const report = summaryOf(run);
    console.log(`${label}: exit ${run.code} after ${run.seconds.toFixed(1)} s; ${report.stop?.kind}: ${report.stop?.errorInfo}`);
    await box.close();
  }
}

/** `history clear --yes` in other processes while a batch starts, with 600 retained batches to read. */
export async function clearRace(trials = 3): Promise<void> {
  console.log('\n# history clear during a batch’s start, 600 retained batches');
  let kept = 0;
  for (let trial = 1; trial <= trials; trial++) {
    const dir = home();
    const history = new History(dir);
    for (let i = 0; i < 600; i++) {
      const writer = history.begin({ target: { kind: 'endpoint', url: 'http://127.0.0.1:9' }, sdkAppId: SDKAPPID, identifier: ADMIN }, [
        '@RBT#old',
      ]);
      const results = [{ account: '@RBT#old', status: 'failed' as const, errorCode: 10008, errorInfo: 'refused', attempts: 1 }];
      writer.outcome(results[0]!);
      writer.end({ status: 'completed', stop: null, verification: { status: 'not-needed', reason: null }, signal: null, results });
    }
    // A gateway slow enough (1.5 s an answer) that every clear below ends while the batch still runs.
    const box = await sandboxWith({ bots: 20, latencyMs: 1500 });
    const batch = startCli(deleteArgs(box.url, seedRobotNames(20), dir), dir);
    const clears = [0, 40, 80, 120, 160, 200].map(async (delay) => {
      await sleep(delay);
      return startCli(['history', 'clear', '--yes'], dir).done;
    });
    const [run, ...cleared] = await Promise.all([batch.done, ...clears]);
    const id = summaryOf(run).batchId;
    const lastClear = Math.max(...cleared.map((clear) => clear.closedAt));
    if (lastClear >= run.closedAt) console.log(`trial ${trial}: a clear ended after the batch; the trial proves nothing`);
    const after = new History(dir).get(id ?? '');
    const survived = after?.status === 'completed' && after.summary.deleted === 20;
    if (survived) kept++;
    const keptBy = cleared.filter((clear) => clear.stderr.includes(id ?? '-') || /running/.test(clear.stderr)).length;
    console.log(
      `trial ${trial}: batch ${id} ${survived ? 'kept, completed with 20 deleted' : `LOST (${after?.status ?? 'no journal'})`}; ` +
        `${keptBy} of ${cleared.length} clears reported a running batch kept`,
    );
    await box.close();
  }
  console.log(`kept ${kept} of ${trials}`);
}

/** Records against lying and unclear gateways: what each said of the bots the gateway really removed. */
export async function evidence(): Promise<void> {
  console.log('\n# records that must not say more than the evidence (31 accounts: 30 bots and a typo)');
  const bots = seedRobotNames(30);
  const accounts = [...bots, '@RBT#typo'];
  const cases: [string, Partial<SandboxOptions>][] = [
    ['first listing empty', { listingFault: 'empty', listingFaultTo: 1 }],
    ['first listing with 10 of 30', { listingFault: 'partial', listingKeep: 10, listingFaultTo: 1 }],
    ['FAIL with ErrorCode 0 after deleting', { failRate: 1, faults: ['fail-0'], faultCommands: ['delete_robot'] }],
    ['10002 on every attempt, the first deleting', { failRate: 1, faults: ['10002-acted'], faultCommands: ['delete_robot'] }],
    ['a truthful gateway (the typo must be absent)', {}],
  ];
  for (const [label, options] of cases) {
    const box = await sandboxWith({ bots, ...options });
    const dir = home();
    const run = await startCli(deleteArgs(box.url, accounts, dir), dir).done;
    const report = summaryOf(run);
    const status = new Map((report.results ?? []).map((result) => [result.account, result.status]));
    const gone = bots.filter((bot) => !box.store.has(bot));
    const wrong = gone.filter((bot) => status.get(bot) === 'absent' || status.get(bot) === 'failed').length;
    let retry = '';
    if (report.batchId && (report.summary?.unconfirmed ?? 0) > 0) {
      const again = await startCli(['retry', report.batchId, '--yes', '--json'], dir).done;
      const retried = summaryOf(again).results ?? [];
      retry = `; retry: exit ${again.code}, ${retried.filter((r) => r.status === 'absent' && r.account !== '@RBT#typo').length} bots absent`;
    }
    console.log(
      `${label}: exit ${run.code}; ${JSON.stringify(report.summary)}; of ${gone.length} bots the gateway removed, ` +
        `${wrong} recorded absent or failed; typo ${status.get('@RBT#typo')}${report.listingContradicted ? '; listing not believed' : ''}${retry}`,
    );
    await box.close();
  }
}
