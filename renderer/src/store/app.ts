// App-wide state: the view, the profiles, the active profile, settings and the error banner.
import { create } from 'zustand';
import type { ProfileView } from '../../../shared/profile';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { botsweep, call } from '../api';
import { useBots } from './bots';

export type View = 'bots' | 'history' | 'profiles';

/** Kept untranslated (an error, or a catalog key and values) so a change of language re-words it. */
export type Banner =
  | { readonly tone: 'error'; readonly error: unknown; readonly batchId?: string }
  | { readonly tone: 'info'; readonly key: string; readonly values?: Record<string, unknown>; readonly batchId?: string };

interface AppState {
  view: View;
  profiles: ProfileView[];
  activeProfileId: string | null;
  settings: Settings;
  banner: Banner | null;
  ready: boolean;
  setView(view: View): void;
  loadProfiles(): Promise<void>;
  setActiveProfile(id: string | null): void;
  saveSettings(changes: Partial<Settings>): Promise<void>;
  showError(error: unknown, batchId?: string): void;
  showInfo(key: string, values?: Record<string, unknown>): void;
  dismissBanner(): void;
  /** Drops a banner about another batch than this one (a new batch starts). */
  dropBatchBanners(batchId: string | null): void;
}

const ACTIVE_KEY = 'botsweep.activeProfile';

export const useApp = create<AppState>((set, get) => ({
  view: 'bots',
  profiles: [],
  activeProfileId: null,
  settings: DEFAULT_SETTINGS,
  banner: null,
  ready: false,
  setView: (view) => set({ view }),
  loadProfiles: async () => {
    try {
      const { profiles, warning } = await call(botsweep().profiles.list({}));
      const remembered = get().activeProfileId ?? localStorage.getItem(ACTIVE_KEY);
      const active = profiles.find((p) => p.id === remembered)?.id ?? profiles[0]?.id ?? null;
      if (active !== useBots.getState().owner) useBots.getState().reset(active);
      set({ profiles, activeProfileId: active, ready: true });
      if (warning) set({ banner: { error: new Error(warning), tone: 'error' } });
    } catch (error) {
      set({ ready: true });
      get().showError(error);
    }
  },
  setActiveProfile: (id) => {
    // Only the profile's id is remembered, never anything secret.
    if (id) localStorage.setItem(ACTIVE_KEY, id);
    else localStorage.removeItem(ACTIVE_KEY);
    // Another app's list must never stay on screen, selected, under this profile's name.
    if (id !== get().activeProfileId || id !== useBots.getState().owner) useBots.getState().reset(id);
    set({ activeProfileId: id });
  },
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
    // Confirmations fade on their own; errors stay until dismissed.
    setTimeout(() => {
      if (get().banner === banner) set({ banner: null });
    }, 8000);
  },
  dismissBanner: () => set({ banner: null }),
  dropBatchBanners: (batchId) => {
    const { banner } = get();
    if (banner?.batchId && banner.batchId !== batchId) set({ banner: null });
  },
}));

export function activeProfile(state: Pick<AppState, 'profiles' | 'activeProfileId'>): ProfileView | null {
  return state.profiles.find((profile) => profile.id === state.activeProfileId) ?? null;
}
