// FIFOs where Botsweep expects its own files (made with mkfifo, a child process): a journal or a lock that is a FIFO is
// reported or taken over, never opened for a read that would hang.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../electron/core/history.js';
import { SweepLocks } from '../../electron/core/sweep-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-special-'));
  dirs.push(dir);
  return dir;
}

describe.runIf(process.platform !== 'win32')('a FIFO in the data folder', () => {
  it('in history/ is reported as damaged and never read; the good batch still shows', () => {
    const dir = dataDir();
    const history = new History(dir);
    const header = { target: { kind: 'region', region: 'singapore' } as const, sdkAppId: 1400000000, identifier: 'admin', profile: 'Prod' };
    const good = history.begin(header, ['@RBT#a']);
    const results = [{ account: '@RBT#a', status: 'deleted' as const, errorCode: null, errorInfo: null, attempts: 1 }];
    good.outcome(results[0]!);
    good.end({ status: 'completed', results, stop: null, verification: { status: 'verified', reason: null }, signal: null });
    execFileSync('mkfifo', [join(dir, 'history', '20260101T000000006Z-aaaaa6.jsonl')]);
    const scan = history.scan();
    expect(scan.batches.map((batch) => batch.id)).toEqual([good.id]);
    expect(scan.damaged).toEqual([{ id: '20260101T000000006Z-aaaaa6', problem: 'it is not a regular file' }]);
  });

  it('in a lock’s place is stale garbage: taken over, never read', () => {
    const dir = dataDir();
    const blocker = new SweepLocks(dir, { pid: 700, host: 'h', isAlive: () => true }).acquire('app', 'App');
    const file = join(dir, 'locks', readdirSync(join(dir, 'locks'))[0]!);
    blocker.release();
    execFileSync('mkfifo', [file]);
    utimesSync(file, new Date(0), new Date(0));
    new SweepLocks(dir, { pid: 500, host: 'h', isAlive: () => true }).acquire('app', 'App').release();
    expect(readdirSync(join(dir, 'locks'))).toEqual([]);
  });
});
