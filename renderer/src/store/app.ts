// App-wide state: the view, the settings and the message bar.
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { botsweep, call } from '../api';

export type View = 'bots' | 'history' | 'profiles';

/** Kept untranslated (an error, or a catalog key and values) so a change of language re-words it. */
export type Banner =
  | { readonly tone: 'error'; readonly error: unknown; readonly batchId?: string }
  | { readonly tone: 'info'; readonly key: string; readonly values?: Record<string, unknown>; readonly batchId?: string };

interface AppState {
  readonly view: View;
  readonly settings: Settings;
  readonly banner: Banner | null;
  setView(view: View): void;
  saveSettings(changes: Partial<Settings>): Promise<void>;
  showError(error: unknown, batchId?: string): void;
  showInfo(key: string, values?: Record<string, unknown>): void;
  dismissBanner(): void;
  /** Drops a banner about another batch than this one (a new batch starts). */
  dropBatchBanners(batchId: string | null): void;
}

/** Confirmations fade on their own after this long; errors stay until dismissed. */
export const INFO_FADES_MS = 8000;

export const useApp = create<AppState>((set, get) => ({
  view: 'bots',
  settings: DEFAULT_SETTINGS,
  banner: null,
  setView: (view) => set({ view }),
  saveSettings: async (changes) => {
    set({ settings: { ...get().settings, ...changes } });
    try {
      set({ settings: await call(botsweep().settings.set(changes)) });
    } catch (error) {
      get().showError(error);
    }
  },
  showError: (error, batchId) => set({ banner: { error, tone: 'error', ...(batchId ? { batchId } : {}) } }),
  showInfo: (key, values) => {
    const banner: Banner = { key, tone: 'info', ...(values ? { values } : {}) };
    set({ banner });
    setTimeout(() => {
      if (get().banner === banner) set({ banner: null });
    }, INFO_FADES_MS);
  },
  dismissBanner: () => set({ banner: null }),
  dropBatchBanners: (batchId) => {
    const { banner } = get();
    if (banner?.batchId && banner.batchId !== batchId) set({ banner: null });
  },
}));
