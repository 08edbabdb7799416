// App-wide state: the view, the settings and the message bar.
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { botsweep, call } from '../api';

/** The app's views, in the order its navigation shows them. */
export const VIEWS = ['bots', 'history', 'profiles'] as const;
export type View = (typeof VIEWS)[number];

/** A catalog key and its values: a sentence in whatever language is chosen when it is shown. */
export interface Message {
  readonly key: string;
  readonly values?: Record<string, unknown>;
}

/** Kept untranslated (an error, or catalog keys and values) so a change of language re-words it. */
export type Banner =
  | { readonly tone: 'error'; readonly error: unknown; readonly batchId?: string }
  | {
      readonly tone: 'info';
      readonly key: string;
      readonly values?: Record<string, unknown>;
      readonly also?: Message;
      readonly batchId?: string;
    };

interface AppState {
  readonly view: View;
  readonly settings: Settings;
  readonly banner: Banner | null;
  /** The web host's page lost its token (or never had it): nothing works, so the page shows only how to get one. */
  readonly tokenLost: boolean;
  /** A History batch to open when History shows (Open in History from a summary). */
  readonly openBatchId: string | null;
  setView(view: View): void;
  saveSettings(changes: Partial<Settings>): Promise<void>;
  showError(error: unknown, batchId?: string): void;
  /** `also`: a second sentence (a profile switch that came with it). */
  showInfo(key: string, values?: Record<string, unknown>, also?: Message): void;
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
  tokenLost: false,
  openBatchId: null,
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
  showInfo: (key, values, also) => {
    const banner: Banner = { key, tone: 'info', ...(values ? { values } : {}), ...(also ? { also } : {}) };
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
