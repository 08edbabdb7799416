// `botsweep history` says batches in the app's words (shared/vocabulary.ts): the outcome and its counts, a stop's
// word; `--status` takes a stored status or an outcome; `--json` keeps the codes and adds the outcome's.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { runCli, tempHome } from '../../../helpers/cli.js';
import { connectionFlags, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('botsweep history', () => {
  it('lists batches by outcome, in the words the app uses', async () => {
    sandbox = await withSandbox({ bots: 3 });
    const env = { BOTSWEEP_HOME: tempHome(), TIM_SECRET_KEY: TEST_SECRET };
    const target = connectionFlags(sandbox.url);
    expect((await runCli(['delete', '@RBT#sandbox0001', ...target, '--yes'], { env })).code).toBe(0);
    expect((await runCli(['delete', '@RBT#nobody', ...target, '--yes'], { env })).code).toBe(0);
    const local = ['--endpoint', 'http://127.0.0.1:1', '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
    expect((await runCli(['delete', '@RBT#sandbox0002', ...local, '--yes'], { env })).code).toBe(2);

    const text = (await runCli(['history'], { env })).stdout;
    expect(text).toMatch(/ {2}finished: 1 of 1 deleted {2}SDKAppID/);
    expect(text).toMatch(/ {2}nothing deleted: 0 of 1 deleted · 1 absent {2}SDKAppID/);
    expect(text).toMatch(/ {2}stopped \(refused locally\): 0 of 1 deleted · 1 skipped {2}SDKAppID/);
    expect(text).not.toMatch(/completed|aborted/);

    const stopped = await runCli(['history', '--status', 'stopped'], { env });
    expect(stopped.stdout.trim().split('\n')).toHaveLength(1);
    expect((await runCli(['history', '--status', 'aborted'], { env })).stdout).toBe(stopped.stdout);
    const nothing = JSON.parse((await runCli(['history', '--status', 'nothing-deleted', '--json'], { env })).stdout);
    expect(nothing).toHaveLength(1);
    expect(nothing[0]).toMatchObject({ status: 'completed', outcome: 'nothing-deleted', summary: { absent: 1 } });
    const wrong = await runCli(['history', '--status', 'done'], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--status takes a batch state \(.*\) or outcome \(finished, finished-with-failures/);
  });
});
