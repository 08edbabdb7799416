// The running (or last) sweep: progress from main's events, the summary at the end, retry and copy of failures.
// Its results reach the chatbot list only while that list belongs to the sweep's profile.
import { create } from 'zustand';
import type { SweepFinished } from '../../../shared/api';
import type { AccountResult, SweepProgress } from '../../../shared/sweep';
import { botsweep, call } from '../api';
import { useApp } from './app';
import { useBots } from './bots';

export type SweepPhase = 'idle' | 'running' | 'done';

interface SweepState {
  phase: SweepPhase;
  batchId: string | null;
  /** The profile the sweep deletes for (null when main did not say, e.g. an older batch). */
  profileId: string | null;
  progress: SweepProgress | null;
  finished: SweepFinished | null;
  cancelling: boolean;
  /** Accounts whose latest status is failed or unconfirmed. */
  failed: string[];
  /** Waiting for another process's sweep of the same app to end before this one starts. */
  waiting: boolean;
  /** `wait`: when another process sweeps the same app, wait for it instead of refusing (the user agreed). */
  start(profileId: string, accounts: string[], wait?: boolean): Promise<void>;
  /** Sends again the accounts the user confirmed, for the profile the confirmation showed. */
  retry(batchId: string, accounts: string[], profileId: string): Promise<void>;
  /** Picks up a sweep that runs already (a reloaded or reopened window). */
  attach(): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
  onProgress(progress: SweepProgress): void;
  onFinished(finished: SweepFinished): void;
}

const latest = new Map<string, AccountResult['status']>();

function applyToList(profileId: string | null, results: readonly AccountResult[]): void {
  const bots = useBots.getState();
  if (profileId !== null && bots.owner === profileId) bots.applyResults(results);
}

export const useSweep = create<SweepState>((set, get) => {
  const begin = async (profileId: string, send: () => Promise<{ batchId: string }>, waiting = false) => {
    latest.clear();
    set({ phase: 'running', progress: null, finished: null, cancelling: false, failed: [], batchId: null, profileId, waiting });
    try {
      const { batchId } = await send();
      set({ batchId, waiting: false });
      useApp.getState().dropBatchBanners(batchId);
    } catch (error) {
      set({ phase: 'idle', waiting: false });
      throw error;
    }
  };
  return {
    phase: 'idle',
    batchId: null,
    profileId: null,
    progress: null,
    finished: null,
    cancelling: false,
    failed: [],
    waiting: false,
    start: (profileId, accounts, wait = false) =>
      begin(profileId, () => call(botsweep().sweep.start({ profileId, accounts, ...(wait ? { wait } : {}) })), wait),
    retry: (batchId, accounts, profileId) => begin(profileId, () => call(botsweep().sweep.retry({ batchId, accounts, profileId }))),
    attach: async () => {
      const { running } = await call(botsweep().sweep.status({}));
      if (!running || get().phase === 'running') return;
      latest.clear();
      set({
        phase: 'running',
        batchId: running.batchId,
        profileId: running.profileId,
        progress: running.progress,
        finished: null,
        cancelling: false,
        failed: [],
      });
    },
    cancel: async () => {
      const { batchId } = get();
      if (!batchId) return;
      set({ cancelling: true });
      await call(botsweep().sweep.cancel({ batchId }));
    },
    dismiss: () => set({ phase: 'idle', progress: null, finished: null, failed: [] }),
    onProgress: (progress) => {
      const { batchId, phase, profileId } = get();
      if (batchId && progress.batchId !== batchId) return;
      // A sweep this window did not start and has not attached to: look it up, do not guess its profile.
      if (phase !== 'running') return void get().attach();
      for (const result of progress.recent) latest.set(result.account, result.status);
      applyToList(profileId, progress.recent);
      set({ progress, batchId: progress.batchId });
    },
    onFinished: (finished) => {
      const { batchId } = get();
      if (batchId && finished.batchId !== batchId) return;
      const failed = [...latest].filter(([, status]) => status === 'failed' || status === 'unconfirmed').map(([account]) => account);
      if (useBots.getState().owner === get().profileId) useBots.getState().deselectDeleted();
      set({ phase: 'done', finished, failed, cancelling: false, batchId: finished.batchId });
    },
  };
});

/** Subscribes the store to main's events; returns the unsubscribe. */
export function connectSweepEvents(): () => void {
  const offProgress = botsweep().onSweepProgress((progress) => useSweep.getState().onProgress(progress));
  const offFinished = botsweep().onSweepFinished((finished) => useSweep.getState().onFinished(finished));
  return () => {
    offProgress();
    offFinished();
  };
}
