// The per-app sweep lock (electron/core/sweep-lock.ts): one sweep per app across processes, waiting for it, and lock
// files that are stale, reused or not what they seem.
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireWaiting, processStartOf, SweepBusy, SweepLocks } from '../../../../electron/core/sweep-lock.js';
import { FakeClock } from '../../../helpers/fake-clock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-lock-'));
  dirs.push(dir);
  return dir;
}

describe('SweepLocks', () => {
  it('lets one process hold an app and refuses another, naming the batch and pid', () => {
    const dir = dataDir();
    const alive = new Set([100, 200]);
    const first = new SweepLocks(dir, { pid: 100, host: 'h', isAlive: (pid) => alive.has(pid) });
    const second = new SweepLocks(dir, { pid: 200, host: 'h', isAlive: (pid) => alive.has(pid) });
    const lock = first.acquire('https://gw|1', 'SDKAppID 1');
    lock.setBatch('20261126T000000000Z-aaaaaa');
    expect(() => second.acquire('https://gw|1', 'SDKAppID 1')).toThrow(SweepBusy);
    expect(() => second.acquire('https://gw|1', 'SDKAppID 1')).toThrow(/batch 20261126T000000000Z-aaaaaa \(pid 100/);
    // Another app is not blocked.
    second.acquire('https://gw|2', 'SDKAppID 2').release();
    expect(second.runningBatchIds()).toEqual(new Set(['20261126T000000000Z-aaaaaa']));
    lock.release();
    expect(second.runningBatchIds()).toEqual(new Set());
    second.acquire('https://gw|1', 'SDKAppID 1').release();
    expect(readdirSync(join(dir, 'locks'))).toEqual([]);
  });

  it('takes over the lock of a process that is gone, and says whose it was', () => {
    const dir = dataDir();
    const dead = new SweepLocks(dir, { pid: 100, host: 'h', isAlive: () => false });
    dead.acquire('app', 'App').setBatch('20261126T000000000Z-bbbbbb'); // never released: the process died
    const next = new SweepLocks(dir, { pid: 200, host: 'h', isAlive: (pid) => pid === 200 });
    expect(next.runningBatchIds().size).toBe(0);
    const lock = next.acquire('app', 'App');
    expect(lock.tookOver).toMatchObject({ pid: 100, batchId: '20261126T000000000Z-bbbbbb' });
    lock.release();
  });

  it('treats a lock held on another host as alive, and a fresh unreadable one as held', () => {
    const dir = dataDir();
    new SweepLocks(dir, { pid: 100, host: 'other', isAlive: () => false }).acquire('app', 'App');
    const here = new SweepLocks(dir, { pid: 200, host: 'h', isAlive: () => false });
    expect(() => here.acquire('app', 'App')).toThrow(/on other/);
    const dir2 = dataDir();
    const locks = new SweepLocks(dir2, { pid: 200, host: 'h', isAlive: () => false });
    locks.acquire('app', 'App').release();
    mkdirSync(join(dir2, 'locks'), { recursive: true });
    const [name] = readdirSync(join(dir2, 'locks'));
    expect(name).toBeUndefined();
    // Simulate a process that has just created its lock file and not written it yet.
    const probe = new SweepLocks(dir2, { pid: 300, host: 'h', isAlive: () => true });
    probe.acquire('app', 'App');
    const lockFile = join(dir2, 'locks', readdirSync(join(dir2, 'locks'))[0]!);
    writeFileSync(lockFile, '');
    expect(() => locks.acquire('app', 'App')).toThrow(SweepBusy);
    utimesSync(lockFile, new Date(0), new Date(0)); // an old unreadable lock is stale
    locks.acquire('app', 'App').release();
  });

  it('waits its turn when asked, telling once who it waits for', async () => {
    const dir = dataDir();
    const clock = new FakeClock(0);
    const first = new SweepLocks(dir, { pid: 100, host: 'h', isAlive: () => true });
    const held = first.acquire('app', 'App');
    held.setBatch('20261126T000000000Z-cccccc');
    const waits: string[] = [];
    const second = new SweepLocks(dir, { pid: 200, host: 'h', isAlive: () => true });
    const waiting = acquireWaiting(second, 'app', 'App', clock, {
      onWait: (owner) => waits.push(`${owner.batchId} ${owner.pid}`),
      pollMs: 100,
    });
    await clock.advance(1000);
    held.release();
    const lock = await clock.run(waiting);
    expect(waits).toEqual(['20261126T000000000Z-cccccc 100']);
    lock.release();
  });
});

describe('lock files that are not what they seem', () => {
  it('takes over a lock naming pid 0, -1 or 1, and a folder in its place (a FIFO: test/integration/special-files.test.ts)', () => {
    const dir = dataDir();
    const locks = new SweepLocks(dir, { pid: 500, host: 'h', isAlive: () => true });
    locks.acquire('app', 'App').release();
    for (const pid of [0, -1, 1]) {
      const held = new SweepLocks(dir, { pid: 600, host: 'h', isAlive: () => true }).acquire('app', 'App');
      const file = join(dir, 'locks', readdirSync(join(dir, 'locks'))[0]!);
      writeFileSync(file, JSON.stringify({ pid, host: 'h', startedAt: 'x', batchId: null, app: 'App' }));
      utimesSync(file, new Date(0), new Date(0));
      held.release(); // not its lock any more: left alone
      const lock = locks.acquire('app', 'App');
      lock.release();
    }
    const blocker = new SweepLocks(dir, { pid: 700, host: 'h', isAlive: () => true }).acquire('app', 'App');
    const file = join(dir, 'locks', readdirSync(join(dir, 'locks'))[0]!);
    blocker.release();
    mkdirSync(file);
    utimesSync(file, new Date(0), new Date(0));
    locks.acquire('app', 'App').release();
    expect(readdirSync(join(dir, 'locks'))).toEqual([]);
  });
});

describe('a reused pid', () => {
  it.runIf(process.platform === 'linux')('does not pass for the owner: the start time it recorded must match', () => {
    const dir = dataDir();
    // A live pid (this test's), recorded with another start: the process that held the lock is gone.
    new SweepLocks(dir, { pid: process.pid, host: 'h', processStart: '1' }).acquire('app', 'App');
    const next = new SweepLocks(dir, { pid: 900, host: 'h' });
    expect(processStartOf(process.pid)).toMatch(/^\d+$/);
    const lock = next.acquire('app', 'App');
    expect(lock.tookOver).toMatchObject({ pid: process.pid, processStart: '1' });
    lock.release();
    // The same pid with its real start is alive: busy.
    new SweepLocks(dir, { pid: process.pid, host: 'h', processStart: processStartOf(process.pid) }).acquire('app', 'App');
    expect(() => next.acquire('app', 'App')).toThrow(SweepBusy);
  });
});

describe('another user’s lock', () => {
  it.runIf(process.platform !== 'win32' && process.getuid?.() === 0)(
    'is never taken over or removed: the sweep is refused, naming it',
    () => {
      const dir = dataDir();
      const first = new SweepLocks(dir, { pid: 999_999, host: 'h', isAlive: () => false }).acquire('app', 'App');
      const [file] = readdirSync(join(dir, 'locks'));
      chownSync(join(dir, 'locks', file!), 65534, 65534);
      expect(() => new SweepLocks(dir, { pid: 900, host: 'h', isAlive: () => false }).acquire('app', 'App')).toThrow(
        /belongs to user 65534/,
      );
      expect(readdirSync(join(dir, 'locks'))).toEqual([file]);
      chownSync(join(dir, 'locks', file!), 0, 0);
      first.release();
    },
  );
});
