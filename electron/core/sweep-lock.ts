// One sweep per app across processes (the app, CLIs in other terminals): a lock file per app (endpoint + SDKAppID)
// in the shared data dir, naming the process that runs the batch. A lock whose process is gone is taken over.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import { ensureDir, writeFileAtomic } from './atomic-file.js';
import { foreignOwner } from './data-dir.js';
import { refuse } from './usecases/refusals.js';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** The batch it runs, once journaled. */
  readonly batchId: string | null;
  /** The app, for people: "SDKAppID 1400000000 at https://…". */
  readonly app: string;
  /** When the process started, where the OS tells (Linux): a reused pid then does not pass for the owner. */
  readonly processStart?: string | null;
}

export interface LockOptions {
  readonly pid?: number;
  readonly host?: string;
  readonly now?: () => number;
  /** Whether a process of this host is alive; with `processStart`, whether it is still that process. */
  readonly isAlive?: (pid: number, processStart?: string | null) => boolean;
  /** This process's start, as `processStartOf` reads it. */
  readonly processStart?: string | null;
}

/** Another process runs a sweep of the same app. */
export class SweepBusy extends Error {
  override readonly name = 'SweepBusy';
  constructor(readonly owner: LockOwner) {
    super(
      `another sweep of this app is running: ${owner.batchId ? `batch ${owner.batchId}` : 'a batch that is starting'} ` +
        `(${owner.pid ? `pid ${owner.pid}` : 'another process'}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${owner.startedAt})`,
    );
  }
}

export function processIsAlive(pid: number, processStart?: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid lives; if we know when its owner started, a different start means the pid was reused.
  if (!processStart) return true;
  const now = processStartOf(pid);
  return now === null || now === processStart;
}

/** When a process started, in the OS's own ticks (field 22 of /proc/PID/stat); null where there is no /proc. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** A held lock: names its batch once journaled, and is released when the batch ends. */
export class HeldLock {
  private released = false;

  constructor(
    private readonly path: string,
    private owner: LockOwner,
    /** The owner of a dead process whose lock was taken over, if any. */
    readonly tookOver: LockOwner | null,
  ) {}

  /** Names the batch, for other processes at once (no disk sync: a lock lives only as long as its process). */
  setBatch(batchId: string): void {
    this.owner = { ...this.owner, batchId };
    writeFileAtomic(this.path, JSON.stringify(this.owner), 0o600, false);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const current = readOwner(this.path);
    if (current && current.pid === this.owner.pid && current.startedAt === this.owner.startedAt) rmSync(this.path, { force: true });
  }
}

export class SweepLocks {
  readonly dir: string;
  private readonly pid: number;
  private readonly host: string;
  private readonly now: () => number;
  private readonly isAlive: (pid: number, processStart?: string | null) => boolean;
  private readonly processStart: string | null;

  constructor(dataDir: string, options: LockOptions = {}) {
    this.dir = join(dataDir, 'locks');
    this.pid = options.pid ?? process.pid;
    this.host = options.host ?? hostname();
    this.now = options.now ?? Date.now;
    this.isAlive = options.isAlive ?? processIsAlive;
    this.processStart =
      options.processStart !== undefined ? options.processStart : options.pid === undefined ? processStartOf(process.pid) : null;
  }

  /** Takes the app's lock, or throws SweepBusy naming the process that holds it. */
  acquire(appKey: string, app: string): HeldLock {
    ensureDir(this.dir);
    const path = this.pathOf(appKey);
    let tookOver: LockOwner | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      const owner: LockOwner = {
        pid: this.pid,
        host: this.host,
        startedAt: new Date(this.now()).toISOString(),
        batchId: null,
        app,
        processStart: this.processStart,
      };
      let fd: number;
      try {
        fd = openSync(path, 'wx', 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // Another user's lock in our folder is never taken over or removed: it says another user sweeps this app.
        const owner = foreignOwnerOf(path);
        if (owner !== null) refuse('lock-not-yours', { path, owner, app });
        const holder = readOwner(path);
        if (holder && this.alive(holder)) throw new SweepBusy(holder);
        if (!holder && this.now() - mtimeOf(path) < FRESH_UNREADABLE_MS) {
          // Just created and not written yet: its process is starting a sweep.
          throw new SweepBusy({ pid: 0, host: this.host, startedAt: new Date(mtimeOf(path)).toISOString(), batchId: null, app });
        }
        // The holder is gone (or its file is unreadable): move its lock aside, and make sure it was that one.
        const aside = `${path}.stale-${this.pid}-${attempt}`;
        try {
          renameSync(path, aside);
        } catch {
          continue; // someone else moved it first
        }
        const moved = readOwner(aside);
        if (moved && this.alive(moved)) {
          // A live lock replaced the stale one in between: put it back and yield to it.
          renameSync(aside, path);
          throw new SweepBusy(moved);
        }
        rmSync(aside, { force: true, recursive: true });
        tookOver = holder;
        continue;
      }
      try {
        writeSync(fd, JSON.stringify(owner));
      } finally {
        closeSync(fd);
      }
      return new HeldLock(path, owner, tookOver);
    }
    throw new Error('could not take the sweep lock: it changed hands too often');
  }

  /** The live owner of the app's lock, or null. */
  holder(appKey: string): LockOwner | null {
    const owner = readOwner(this.pathOf(appKey));
    return owner && this.alive(owner) ? owner : null;
  }

  /** Batches whose process is alive and running them. */
  runningBatchIds(): Set<string> {
    const ids = new Set<string>();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return ids;
    }
    for (const name of names) {
      if (!name.endsWith('.lock')) continue;
      const owner = readOwner(join(this.dir, name));
      if (owner?.batchId && this.alive(owner)) ids.add(owner.batchId);
    }
    return ids;
  }

  private alive(owner: LockOwner): boolean {
    // A process on another machine sharing this folder cannot be checked: it counts as alive.
    return owner.host !== this.host || this.isAlive(owner.pid, owner.processStart ?? null);
  }

  private pathOf(appKey: string): string {
    return join(this.dir, `${createHash('sha256').update(appKey).digest('hex').slice(0, 24)}.lock`);
  }
}

function foreignOwnerOf(path: string): number | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? foreignOwner(stat) : null;
}

/** A lock file that cannot be read is treated as held for this long after it was written. */
const FRESH_UNREADABLE_MS = 5000;

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** A lock file's owner, or null when it is not a small regular file naming a real process (pid above 1). */
function readOwner(path: string): LockOwner | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > 4096) return null; // a FIFO or a device would hang or flood the read
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isSafeInteger(owner?.pid) && owner.pid > 1 && typeof owner.host === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/** Waits until the app's lock can be taken, polling; `onWait` hears once who holds it. */
export async function acquireWaiting(
  locks: SweepLocks,
  appKey: string,
  app: string,
  clock: Clock,
  options: { signal?: AbortSignal; onWait?: (owner: LockOwner) => void; pollMs?: number } = {},
): Promise<HeldLock> {
  let told: string | null = null;
  for (;;) {
    try {
      return locks.acquire(appKey, app);
    } catch (error) {
      if (!(error instanceof SweepBusy)) throw error;
      const key = `${error.owner.pid}/${error.owner.batchId}`;
      if (told !== key) {
        told = key;
        options.onWait?.(error.owner);
      }
      await clock.sleep(options.pollMs ?? 500, options.signal);
    }
  }
}
