// Batches under their app's lock (one sweep per app across processes), the journal a retry starts from, and the
// history with running batches known. The use cases (usecases/) decide what is sent; this runs it.
import { targetBaseUrl } from '../../shared/target.js';
import { appKey, describeApp } from '../../shared/app-identity.js';
import { wallTime } from './clock.js';
import { History } from './history.js';
import type { GatewayEnv } from './gateway-env.js';
import { runBatch, unjournaled, type BatchOutcome, type BatchRequest } from './sweep/batch.js';
import { planRetry, type RetryPlan } from './sweep/retry-plan.js';
import { acquireWaiting, SweepBusy, SweepLocks, type HeldLock, type LockOptions, type LockOwner } from './sweep-lock.js';
import type { BatchRecord } from '../../shared/sweep.js';
import type { BatchJournalView } from './history.js';
import { Refusal, refuse } from './usecases/refusals.js';

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
  /**
   * Runs once the lock is held (after any wait), before the journal and the first call: the guards are read again
   * here. Throwing refuses the batch; nothing is sent.
   */
  readonly recheck?: () => void;
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
      if (error instanceof SweepBusy || error instanceof Refusal || request.signal?.aborted || !(error as NodeJS.ErrnoException).code)
        throw error;
      return unjournaled(request.accounts, error);
    }
    if (lock.tookOver) request.onTakeOver?.(lock.tookOver);
    try {
      request.recheck?.();
      // The lock names the batch before its journal exists: `history clear` keeps it from its first byte on.
      return await runBatch({ ...request, claim: (batchId) => lock.setBatch(batchId) }, { ...this.env, history: this.history });
    } finally {
      lock.release();
    }
  }

  /** A batch a new one may start from (a retry, a re-creation), or why not: not found, damaged, still running. */
  endedBatch(batchId: string): BatchJournalView {
    const view = this.history.inspect(batchId);
    if (!view) refuse('batch-missing', { batch: batchId });
    if ('problem' in view) refuse('retry-damaged', { batch: batchId, detail: `its journal is damaged: ${view.problem}` });
    try {
      targetBaseUrl(view.batch.target);
    } catch (error) {
      refuse('retry-damaged', { batch: batchId, detail: `it names a target that cannot be used: ${(error as Error).message}` });
    }
    if (view.batch.status === 'running') refuse('retry-running', { batch: batchId });
    return view;
  }

  /** What a retry of `batchId` sends, or why it cannot (not found, damaged, still running, invalid entries). */
  prepareRetry(batchId: string): { batch: BatchRecord; plan: RetryPlan } {
    const view = this.endedBatch(batchId);
    const plan = planRetry(view);
    if (plan.invalid.length) {
      const list = plan.invalid.map((entry) => `${JSON.stringify(entry.account)} (${entry.reason})`).join(', ');
      refuse('retry-damaged', { batch: batchId, detail: `it holds entries that are not chatbot accounts: ${list}` });
    }
    return { batch: view.batch, plan };
  }
}
