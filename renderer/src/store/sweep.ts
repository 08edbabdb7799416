// The running (or last) sweep: progress from main's events, the summary at the end, retry and copy of failures.
import { create } from 'zustand';
import type { SweepFinished } from '../../../shared/api';
import type { AccountResult, SweepProgress } from '../../../shared/sweep';
import { botsweep, call } from '../api';
import { useBots } from './bots';

export type SweepPhase = 'idle' | 'running' | 'done';

interface SweepState {
  phase: SweepPhase;
  batchId: string | null;
  progress: SweepProgress | null;
  finished: SweepFinished | null;
  cancelling: boolean;
  /** Accounts whose latest status is failed or unconfirmed. */
  failed: string[];
  start(profileId: string, accounts: string[]): Promise<void>;
  retry(batchId: string): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
  onProgress(progress: SweepProgress): void;
  onFinished(finished: SweepFinished): void;
}

const latest = new Map<string, AccountResult['status']>();

export const useSweep = create<SweepState>((set, get) => ({
  phase: 'idle',
  batchId: null,
  progress: null,
  finished: null,
  cancelling: false,
  failed: [],
  start: async (profileId, accounts) => {
    latest.clear();
    set({ phase: 'running', progress: null, finished: null, cancelling: false, failed: [], batchId: null });
    try {
      const { batchId } = await call(botsweep().sweep.start({ profileId, accounts }));
      set({ batchId });
    } catch (error) {
      set({ phase: 'idle' });
      throw error;
    }
  },
  retry: async (batchId) => {
    latest.clear();
    set({ phase: 'running', progress: null, finished: null, cancelling: false, failed: [], batchId: null });
    try {
      const started = await call(botsweep().sweep.retry({ batchId }));
      set({ batchId: started.batchId });
    } catch (error) {
      set({ phase: 'idle' });
      throw error;
    }
  },
  cancel: async () => {
    const { batchId } = get();
    if (!batchId) return;
    set({ cancelling: true });
    await call(botsweep().sweep.cancel({ batchId }));
  },
  dismiss: () => set({ phase: 'idle', progress: null, finished: null, failed: [] }),
  onProgress: (progress) => {
    const { batchId } = get();
    if (batchId && progress.batchId !== batchId) return;
    for (const result of progress.recent) latest.set(result.account, result.status);
    useBots.getState().applyResults(progress.recent);
    set({ progress, batchId: progress.batchId });
  },
  onFinished: (finished) => {
    const { batchId } = get();
    if (batchId && finished.batchId !== batchId) return;
    const failed = [...latest].filter(([, status]) => status === 'failed' || status === 'unconfirmed').map(([account]) => account);
    useBots.getState().deselectDeleted();
    set({ phase: 'done', finished, failed, cancelling: false, batchId: finished.batchId });
  },
}));

/** Subscribes the store to main's events; returns the unsubscribe. */
export function connectSweepEvents(): () => void {
  const offProgress = botsweep().onSweepProgress((progress) => useSweep.getState().onProgress(progress));
  const offFinished = botsweep().onSweepFinished((finished) => useSweep.getState().onFinished(finished));
  return () => {
    offProgress();
    offFinished();
  };
}
