// The running (or last) sweep: progress from main's events, each account's latest result, the summary at the end.
// Only this store's own state: what the events mean for the list, the banner and the notification is controller.ts's.
import { create } from 'zustand';
import type { RunningSweepView, SweepFinished } from '../../../shared/api';
import type { AccountResult, BatchKind, SweepProgress } from '../../../shared/sweep';
import { botsweep, call } from '../api';
import { memoLast } from '../memo';

export type SweepPhase = 'idle' | 'running' | 'done';

interface SweepState {
  readonly phase: SweepPhase;
  readonly batchId: string | null;
  /** What the sweep does: deletes, or re-creates a deletion's bots. */
  readonly kind: BatchKind;
  /** The profile the sweep deletes for (null when main did not say, e.g. an older batch). */
  readonly profileId: string | null;
  readonly progress: SweepProgress | null;
  readonly finished: SweepFinished | null;
  readonly cancelling: boolean;
  /** Waiting for another process's sweep of the same app to end before this one starts: whose, when known. */
  readonly waiting: boolean;
  readonly waitingFor: { readonly batch: string; readonly pid: number } | null;
  /** How many accounts the sweep was started with (known before its first progress event). */
  readonly planned: number;
  /** When this window saw the sweep start (ms), for the end-of-sweep notification. */
  readonly startedAt: number | null;
  /** Each account's latest result in this batch. */
  readonly results: ReadonlyMap<string, AccountResult>;
  /** Runs `send` (a start, a retry or a re-creation) as this window's sweep; resolves with its batch id. */
  begin(
    profileId: string,
    send: () => Promise<{ batchId: string }>,
    options?: { planned?: number; waitingFor?: { batch: string; pid: number } | null; kind?: BatchKind },
  ): Promise<string>;
  /** Takes on a sweep that runs already (a reloaded or reopened window). */
  attach(running: RunningSweepView): void;
  cancel(): Promise<void>;
  dismiss(): void;
  /** Records a progress event of this sweep; false when it belongs to no sweep this window follows. */
  progressed(progress: SweepProgress): boolean;
  /** Records the end of this sweep; false when it is another batch's. */
  finish(finished: SweepFinished): boolean;
}

const NO_RESULTS: ReadonlyMap<string, AccountResult> = new Map();

/** No sweep yet: what the store starts from, and what a new sweep starts from before its own fields. */
const IDLE = {
  phase: 'idle' as const,
  batchId: null,
  kind: 'delete' as BatchKind,
  profileId: null,
  progress: null,
  finished: null,
  cancelling: false,
  waiting: false,
  waitingFor: null,
  planned: 0,
  startedAt: null,
  results: NO_RESULTS,
};

const running = (profileId: string | null, startedAt: number, kind: BatchKind) => ({
  ...IDLE,
  phase: 'running' as const,
  kind,
  profileId,
  startedAt,
});

export const useSweep = create<SweepState>((set, get) => ({
  ...IDLE,
  begin: async (profileId, send, { planned = 0, waitingFor = null, kind = 'delete' } = {}) => {
    set({ ...running(profileId, Date.now(), kind), waiting: waitingFor !== null, waitingFor, planned });
    try {
      const { batchId } = await send();
      set({ batchId, waiting: false, waitingFor: null });
      return batchId;
    } catch (error) {
      set({ phase: 'idle', waiting: false, waitingFor: null, cancelling: false });
      throw error;
    }
  },
  attach: (sweep) => {
    if (get().phase === 'running') return;
    const results = new Map(sweep.results.map((result) => [result.account, result]));
    set({
      ...running(sweep.profileId, Date.now(), sweep.kind ?? 'delete'),
      batchId: sweep.batchId,
      progress: sweep.progress,
      planned: sweep.accounts.length,
      results,
    });
  },
  cancel: async () => {
    const { batchId, waiting } = get();
    // A sweep still waiting for another process's has no batch yet: main cancels the one it waits to start.
    if (!batchId && !waiting) return;
    set({ cancelling: true });
    await call(botsweep().sweep.cancel(batchId ? { batchId } : {}));
  },
  dismiss: () => set({ phase: 'idle', progress: null, finished: null, results: NO_RESULTS }),
  progressed: (progress) => {
    const { batchId, phase } = get();
    if (phase !== 'running' || (batchId && progress.batchId !== batchId)) return false;
    const results = progress.recent.length ? new Map(get().results) : get().results;
    for (const result of progress.recent) (results as Map<string, AccountResult>).set(result.account, result);
    set({ progress, batchId: progress.batchId, results });
    return true;
  },
  finish: (finished) => {
    const { batchId, phase } = get();
    if (batchId ? finished.batchId !== batchId : phase !== 'running') return false;
    set({ phase: 'done', finished, kind: finished.kind ?? 'delete', cancelling: false, batchId: finished.batchId, startedAt: null });
    return true;
  },
}));

/** The latest results that are failed or unconfirmed, for the summary's groups by reason and Copy failed IDs. */
export const failuresOf = memoLast((results: ReadonlyMap<string, AccountResult>): readonly AccountResult[] =>
  [...results.values()].filter((result) => result.status === 'failed' || result.status === 'unconfirmed'),
);

export function useFailures(): readonly AccountResult[] {
  return useSweep((state) => failuresOf(state.results));
}
