// The one sweep an app process runs at a time (the desktop app, the web host): started from a plan, answered with
// its batch id once journaled (or the refusal that kept it from starting), cancelled by id, and found again by a
// reloaded window. Its progress and end reach the renderer as contract events.
import type { EventName, Events, RunningSweepView } from '../../../shared/api.js';
import type { AccountResult, BatchKind, SweepProgress } from '../../../shared/sweep.js';
import type { Context } from './context.js';
import { refuse } from './refusals.js';
import { runSweep, type RunOptions } from './run-sweep.js';
import type { SweepPlan } from './sweep-plan.js';

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

interface Running {
  readonly batchId: string;
  readonly kind: BatchKind;
  readonly profileId: string | null;
  readonly accounts: readonly string[];
  readonly controller: AbortController;
}

export class SweepSession {
  private running: Running | null = null;
  /** Set from the first check until the sweep ends, so two quick starts cannot both pass. */
  private starting = false;
  private lastProgress: SweepProgress | null = null;
  /** Each account's latest outcome in the running batch, for a window that was reloaded. */
  private results = new Map<string, AccountResult>();
  private controller: AbortController | null = null;
  private done: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly context: Context,
    private readonly emit: Emit,
  ) {}

  get busy(): boolean {
    return this.starting;
  }

  /** Starts the plan; resolves once its batch is journaled, or rejects with what kept it from starting (nothing sent). */
  async start(plan: SweepPlan, options: Omit<RunOptions, 'signal' | 'onBegin' | 'onProgress'>): Promise<{ batchId: string }> {
    if (this.starting) refuse('sweep-running');
    this.starting = true;
    this.lastProgress = null;
    this.results = new Map();
    const controller = new AbortController();
    this.controller = controller;
    let begin!: (batchId: string) => void;
    const begun = new Promise<string>((resolve) => (begin = resolve));
    const batch = runSweep(this.context, plan, {
      ...options,
      signal: controller.signal,
      onBegin: begin,
      onProgress: (progress) => {
        this.lastProgress = progress;
        for (const result of progress.recent) this.results.set(result.account, result);
        this.emit('sweep.progress', progress);
      },
    });
    const ended = () => {
      this.running = null;
      this.controller = null;
      this.starting = false;
    };
    this.done = batch.then((outcome) => {
      ended();
      if (outcome.batchId === null) return; // never began: start() answers with the reason instead
      const { batchId, status, summary, stop, verification, durationMs } = outcome;
      const kind = plan.kind ?? 'delete';
      this.emit('sweep.finished', { batchId, kind, status, summary, stop, verification, durationMs: Math.round(durationMs) });
    }, ended);
    const batchId = await Promise.race([begun, batch.then((outcome) => outcome.batchId)]);
    if (batchId === null) {
      const outcome = await batch;
      refuse('journal-unwritable', { reason: outcome.stop?.errorInfo ?? 'the batch could not start' });
    }
    this.running = { batchId, kind: plan.kind ?? 'delete', profileId: plan.profile?.id ?? null, accounts: plan.accounts, controller };
    return { batchId };
  }

  /** Clears the history, but not while this process starts or runs a sweep (its journal would go). */
  clearHistory(): { removed: number; running: string[] } {
    if (this.starting) refuse('history-busy');
    return this.context.sweeps.history.clear();
  }

  /** Cancels the running batch `batchId`, or with null the sweep still waiting for another process's to end. */
  cancel(batchId: string | null): boolean {
    if (batchId === null) {
      if (!this.starting || this.running || !this.controller) return false;
      this.controller.abort();
      return true;
    }
    if (this.running?.batchId !== batchId) return false;
    this.running.controller.abort();
    return true;
  }

  status(): RunningSweepView | null {
    const running = this.running;
    if (!running) return null;
    return {
      batchId: running.batchId,
      kind: running.kind,
      profileId: running.profileId,
      progress: this.lastProgress?.batchId === running.batchId ? this.lastProgress : null,
      accounts: running.accounts,
      results: [...this.results.values()],
    };
  }

  /** Cancels the running sweep and waits for it to journal its end. */
  async dispose(): Promise<void> {
    this.controller?.abort();
    await this.done;
  }
}
