// A history with damaged files: history, --json, export and retry of a good batch still work, and the damage is reported.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../electron/core/history.js';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('a history with damaged files', () => {
  it('history, --json, export and retry of a good batch still work, exit 0, and the damage is reported', async () => {
    sandbox = await withSandbox({ bots: 3 });
    const home = tempHome();
    const env = { BOTSWEEP_HOME: home, TIM_SECRET_KEY: TEST_SECRET };
    // A batch that ended with three accounts refused (as a flaky gateway would leave it), written as the engine does.
    const writer = new History(home).begin(
      { target: { kind: 'endpoint', url: sandbox.url }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN },
      seedRobotNames(3),
    );
    writer.classified({ botCount: 3, problem: null, bots: seedRobotNames(3), notBots: [] });
    const refused = seedRobotNames(3).map((account) => ({
      account,
      status: 'failed' as const,
      errorCode: 10002,
      errorInfo: 'internal error',
      attempts: 5,
    }));
    for (const result of refused) writer.outcome(result);
    writer.end({ status: 'completed', results: refused, stop: null, verification: { status: 'not-needed', reason: null }, signal: null });
    const good = writer.id;
    const dir = join(home, 'history');
    writeFileSync(join(dir, '20200101T000000001Z-aaaaa1.jsonl'), 'null\n');
    writeFileSync(join(dir, '20200101T000000002Z-aaaaa2.jsonl'), '{"type":"begin","v":2}\n');
    writeFileSync(join(dir, '20200101T000000003Z-aaaaa3.jsonl'), '{"type":"beg');
    mkdirSync(join(dir, '20200101T000000004Z-aaaaa4.jsonl'));

    const list = await runCli(['history'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(good);
    expect(list.stderr.match(/Damaged history file/g)).toHaveLength(4);
    const json = await runCli(['history', '--json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((b: { id: string }) => b.id)).toEqual([good]);
    expect(json.stderr).toContain('20200101T000000004Z-aaaaa4.jsonl: it is a folder');
    const csv = await runCli(['history', 'export', '--format', 'csv'], { env });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(good);
    const retry = await runCli(['retry', good, '--yes', '--json'], { env });
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout).summary).toMatchObject({ deleted: 3 });
  }, 60_000);
});
