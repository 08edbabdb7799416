// A batch end to end in-process, against the sandbox: its lock names it before its journal exists, so another
// process's `history clear` during its start keeps it; a lock that cannot name it sends nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../../../electron/core/clock.js';
import { History } from '../../../../../electron/core/history.js';
import type { Sandbox } from '../../../../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../../../../electron/core/sandbox/robots.js';
import { runBatch } from '../../../../../electron/core/sweep/batch.js';
import { Sweeps } from '../../../../../electron/core/sweeps.js';
import { cryptoRandomUint32 } from '../../../../../electron/core/tim/gateway.js';
import { sandboxFetch, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await sandbox?.close();
  sandbox = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-batch-'));
  dirs.push(dir);
  return dir;
}

const env = { fetch: sandboxFetch, clock: systemClock, random: Math.random, randomUint32: cryptoRandomUint32 };
const request = (box: Sandbox, accounts: string[]) => ({
  connection: { target: { kind: 'endpoint' as const, url: box.url }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN },
  secretKey: TEST_SECRET,
  accounts,
});

describe('a batch is running from its first byte on disk', () => {
  it('another process’s history clear during the batch’s start keeps it, and the batch ends recorded', async () => {
    sandbox = await withSandbox({ bots: 5 });
    const dir = dataDir();
    const sweeps = new Sweeps({ ...env, dataDir: dir });
    const other = new Sweeps({ ...env, dataDir: dir }); // what `botsweep history clear --yes` in another terminal sees
    const begin = History.prototype.begin;
    const seen: { namedFirst: boolean; cleared: ReturnType<History['clear']> }[] = [];
    vi.spyOn(History.prototype, 'begin').mockImplementation(function (this: History, header, accounts, id) {
      const namedFirst = other.locks.runningBatchIds().has(id!);
      const writer = begin.call(this, header, accounts, id);
      seen.push({ namedFirst, cleared: other.history.clear() }); // the journal exists, nothing is sent yet
      return writer;
    });
    const outcome = await sweeps.run(request(sandbox, seedRobotNames(5)));
    expect(seen).toEqual([{ namedFirst: true, cleared: { removed: 0, running: [outcome.batchId] } }]);
    expect(outcome.summary.deleted).toBe(5);
    expect(other.history.get(outcome.batchId!)).toMatchObject({ status: 'completed', summary: { deleted: 5 } });
  });

  it('a lock that cannot name the batch: nothing is written or sent', async () => {
    sandbox = await withSandbox({ bots: 2 });
    const dir = dataDir();
    const history = new History(dir);
    const outcome = await runBatch(
      {
        ...request(sandbox, seedRobotNames(2)),
        claim: () => {
          throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
        },
      },
      { ...env, history },
    );
    expect(outcome).toMatchObject({ batchId: null, status: 'aborted', stop: { kind: 'journal' }, calls: 0 });
    expect(history.ids()).toEqual([]);
    expect(sandbox.stats.calls).toBe(0);
  });
});
