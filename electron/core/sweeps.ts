// The sweep use cases the CLI and the app share: run a batch under its app's lock (one sweep per app across
// processes), prepare a retry by the same rules, and open the history with running batches known.
import { REGIONS } from '../../shared/regions.js';
import { describeTarget, targetBaseUrl, type Connection } from '../../shared/target.js';
import { wallTime } from './clock.js';
import { History } from './history.js';
import type { GatewayEnv } from './gateway-env.js';
import { runBatch, unjournaled, type BatchOutcome, type BatchRequest } from './sweep/batch.js';
import { planRetry, type RetryPlan } from './sweep/retry-plan.js';
import { acquireWaiting, SweepBusy, SweepLocks, type HeldLock, type LockOptions, type LockOwner } from './sweep-lock.js';
import type { BatchRecord } from '../../shared/sweep.js';

export { SWEEP_DEFAULTS } from './sweep/engine.js';
export { SweepBusy, type LockOwner } from './sweep-lock.js';
export type { BatchOutcome, BatchRequest } from './sweep/batch.js';
export type { BatchJournalView, History, HistoryScan } from './history.js';

export interface SweepsEnv extends GatewayEnv {
  readonly dataDir: string;
  readonly locks?: LockOptions;
}

export interface RunRequest extends BatchRequest {
  /** Wait for another sweep of the same app to end instead of refusing at once. */
  readonly wait?: boolean;
  /** Hears who holds the app's lock while this one waits. */
  readonly onWait?: (owner: LockOwner) => void;
  /** Hears of a lock left by a process that is gone, which this sweep took over. */
  readonly onTakeOver?: (owner: LockOwner) => void;
}

/** Why a retry cannot go ahead; nothing was sent. */
export class RetryRefused extends Error {
  override readonly name = 'RetryRefused';
  constructor(
    readonly kind: 'not-found' | 'damaged' | 'running' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The lock key of an app: its gateway and SDKAppID (the admin identifier does not make it another app). Spellings of
 * one gateway are one key: `localhost` is 127.0.0.1, a region's backup domain is the region, case does not count.
 */
export function appKey(connection: Connection): string {
  const url = new URL(targetBaseUrl(connection.target));
  let host = url.hostname.toLowerCase();
  if (host === 'localhost') host = '127.0.0.1';
  const region = REGIONS.find((candidate) => candidate.domain === host || candidate.backupDomain === host);
  const gateway = region
    ? `region:${region.id}`
    : `${url.protocol}//${host}:${url.port || (url.protocol === 'https:' ? '443' : '80')}${url.pathname.replace(/\/+$/, '')}`;
  return `${gateway}|${connection.sdkAppId}`;
}

export function describeApp(connection: Connection): string {
  return `SDKAppID ${connection.sdkAppId} at ${describeTarget(connection.target)}`;
}

export class Sweeps {
  readonly history: History;
  readonly locks: SweepLocks;

  constructor(private readonly env: SweepsEnv) {
    this.locks = new SweepLocks(env.dataDir, { now: () => env.clock.now(), ...env.locks });
    const running = () => this.locks.runningBatchIds();
    this.history = new History(env.dataDir, { now: () => wallTime(env.clock), isRunning: (id) => running().has(id) });
  }

  /** Runs a batch under its app's lock. Throws SweepBusy (nothing sent) when another process runs one and `wait` is off. */
  async run(request: RunRequest): Promise<BatchOutcome> {
    const key = appKey(request.connection);
    const app = describeApp(request.connection);
    let lock: HeldLock;
    try {
      lock = request.wait
        ? await acquireWaiting(this.locks, key, app, this.env.clock, {
            ...(request.signal ? { signal: request.signal } : {}),
            ...(request.onWait ? { onWait: request.onWait } : {}),
          })
        : this.locks.acquire(key, app);
    } catch (error) {
      // Busy or cancelled while waiting: the caller says so. A lock that cannot be written is the disk's problem.
      if (error instanceof SweepBusy || request.signal?.aborted || !(error as NodeJS.ErrnoException).code) throw error;
      return unjournaled(request.accounts, error);
    }
    if (lock.tookOver) request.onTakeOver?.(lock.tookOver);
    try {
      // The lock names the batch before its journal exists: `history clear` keeps it from its first byte on.
      return await runBatch({ ...request, claim: (batchId) => lock.setBatch(batchId) }, { ...this.env, history: this.history });
    } finally {
      lock.release();
    }
  }

  /** What a retry of `batchId` sends, or why it cannot (not found, damaged, still running, invalid entries). */
  prepareRetry(batchId: string): { batch: BatchRecord; plan: RetryPlan } {
    const view = this.history.inspect(batchId);
    if (!view) throw new RetryRefused('not-found', `no batch "${batchId}" in the history`);
    if ('problem' in view) throw new RetryRefused('damaged', `the journal of batch ${batchId} is damaged (${view.problem})`);
    try {
      targetBaseUrl(view.batch.target);
    } catch (error) {
      throw new RetryRefused('damaged', `the journal of batch ${batchId} names a target that cannot be used (${(error as Error).message})`);
    }
    if (view.batch.status === 'running') {
      throw new RetryRefused('running', `batch ${batchId} is still running in another process: retry it once it has ended`);
    }
    const plan = planRetry(view);
    if (plan.invalid.length) {
      const list = plan.invalid.map((entry) => `${JSON.stringify(entry.account)} (${entry.reason})`).join(', ');
      throw new RetryRefused('invalid', `the journal of batch ${batchId} holds entries that are not chatbot accounts: ${list}`);
    }
    return { batch: view.batch, plan };
  }
}
