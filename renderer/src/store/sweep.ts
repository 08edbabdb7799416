// The running (or last) sweep: progress from main's events, the summary at the end, retry and copy of failures.
// Its results reach the chatbot list only while that list belongs to the sweep's profile.
import { create } from 'zustand';
import type { SweepFinished } from '../../../shared/api';
import type { AccountResult, SweepProgress } from '../../../shared/sweep';
import { botsweep, call } from '../api';
import i18next from 'i18next';
import { askNotificationPermission, LONG_SWEEP_MS, notify } from '../notify';
import { batchOutcome } from '../outcome';
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
  /** Their latest results (with the gateway's error code), for the summary's groups by reason. */
  failures: AccountResult[];
  /** When this window saw the sweep start (ms), for the end-of-sweep notification. */
  startedAt: number | null;
  /** Waiting for another process's sweep of the same app to end before this one starts. */
  waiting: boolean;
  /** `wait`: when another process sweeps the same app, wait for it instead of refusing (the user agreed). */
  start(profileId: string, accounts: string[], wait?: boolean, extra?: StartExtra): Promise<void>;
  /** Sends again the accounts the user confirmed, for the profile the confirmation showed. */
  retry(batchId: string, accounts: string[], profileId: string, confirmation?: string): Promise<void>;
  /** Picks up a sweep that runs already (a reloaded or reopened window). */
  attach(): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
  onProgress(progress: SweepProgress): void;
  onFinished(finished: SweepFinished): void;
}

/** What the confirmation showed besides the accounts: their nicknames, and a production profile's typed name. */
export interface StartExtra {
  readonly nicknames?: ReadonlyMap<string, string>;
  readonly confirmation?: string;
}

const NICKNAME_MAX = 200;

const latest = new Map<string, AccountResult>();

function startRequest(profileId: string, accounts: string[], wait: boolean, extra: StartExtra) {
  const shown = extra.nicknames ? accounts.filter((account) => extra.nicknames!.has(account)) : [];
  return {
    profileId,
    accounts,
    ...(wait ? { wait } : {}),
    // Only the confirmed accounts that have one (cut to the contract's 200 characters); left out when none has.
    ...(shown.length
      ? { nicknames: Object.fromEntries(shown.map((account) => [account, extra.nicknames!.get(account)!.slice(0, NICKNAME_MAX)])) }
      : {}),
    ...(extra.confirmation !== undefined ? { confirmation: extra.confirmation } : {}),
  };
}

function applyToList(profileId: string | null, results: readonly AccountResult[]): void {
  const bots = useBots.getState();
  if (profileId !== null && bots.owner === profileId) bots.applyResults(results);
}

export const useSweep = create<SweepState>((set, get) => {
  const begin = async (profileId: string, send: () => Promise<{ batchId: string }>, waiting = false) => {
    latest.clear();
    set({
      phase: 'running',
      progress: null,
      finished: null,
      cancelling: false,
      failed: [],
      failures: [],
      batchId: null,
      profileId,
      waiting,
      startedAt: Date.now(),
    });
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
    failures: [],
    startedAt: null,
    waiting: false,
    start: (profileId, accounts, wait = false, extra = {}) =>
      begin(profileId, () => call(botsweep().sweep.start(startRequest(profileId, accounts, wait, extra))), wait),
    retry: (batchId, accounts, profileId, confirmation) =>
      begin(profileId, () =>
        call(botsweep().sweep.retry({ batchId, accounts, profileId, ...(confirmation !== undefined ? { confirmation } : {}) })),
      ),
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
        failures: [],
        startedAt: Date.now(),
      });
    },
    cancel: async () => {
      const { batchId } = get();
      if (!batchId) return;
      set({ cancelling: true });
      await call(botsweep().sweep.cancel({ batchId }));
    },
    dismiss: () => set({ phase: 'idle', progress: null, finished: null, failed: [], failures: [] }),
    onProgress: (progress) => {
      const { batchId, phase, profileId } = get();
      if (batchId && progress.batchId !== batchId) return;
      // A sweep this window did not start and has not attached to: look it up, do not guess its profile.
      if (phase !== 'running') return void get().attach();
      for (const result of progress.recent) latest.set(result.account, result);
      applyToList(profileId, progress.recent);
      const { startedAt } = get();
      if (startedAt !== null && Date.now() - startedAt > LONG_SWEEP_MS) askNotificationPermission();
      set({ progress, batchId: progress.batchId });
    },
    onFinished: (finished) => {
      const { batchId } = get();
      if (batchId && finished.batchId !== batchId) return;
      const failures = [...latest.values()].filter((result) => result.status === 'failed' || result.status === 'unconfirmed');
      if (useBots.getState().owner === get().profileId) useBots.getState().deselectDeleted();
      const { startedAt } = get();
      if (startedAt !== null && Date.now() - startedAt > LONG_SWEEP_MS) {
        const { t } = i18next;
        const outcome = t(`outcome.${batchOutcome(finished.status, finished.summary)}`);
        notify(t('app.title'), t('sweep.summary', { ...finished.summary, outcome }));
      }
      set({
        phase: 'done',
        finished,
        failed: failures.map((result) => result.account),
        failures,
        cancelling: false,
        batchId: finished.batchId,
        startedAt: null,
      });
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
