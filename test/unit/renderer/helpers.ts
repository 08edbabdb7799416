// Stand-ins for the renderer's surroundings under Node: window.botsweep (calls answered by the test), its event
// subscriptions, localStorage, and a profile to put in the store.
import type { ProfileView } from '../../../shared/profile.js';

export const A = '00000000-0000-4000-8000-00000000000a';
export const B = '00000000-0000-4000-8000-00000000000b';

export const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

export function profile(id: string, globs: string[] = [], name = `P-${id.slice(-1)}`): ProfileView {
  return {
    id,
    name,
    target: { kind: 'region', region: 'singapore' },
    sdkAppId: 1400000000,
    identifier: 'administrator',
    secretStorage: 'session',
    protected: globs,
    createdAt: '',
    updatedAt: '',
    hasSecret: true,
  };
}

type Listener = (payload: unknown) => void;

/** Installs window.botsweep (with `calls` as its groups) and localStorage; returns a way to emit main's events. */
export function fakeWindow(calls: Record<string, Record<string, (payload: never) => unknown>>) {
  const listeners = { progress: new Set<Listener>(), finished: new Set<Listener>() };
  const storage = new Map<string, string>();
  const subscribe = (set: Set<Listener>) => (listener: Listener) => {
    set.add(listener);
    return () => set.delete(listener);
  };
  const global = globalThis as Record<string, unknown>;
  global.window = {
    botsweep: { ...calls, onSweepProgress: subscribe(listeners.progress), onSweepFinished: subscribe(listeners.finished) },
  };
  global.localStorage = {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  };
  return {
    storage,
    progress: (payload: unknown) => listeners.progress.forEach((listener) => listener(payload)),
    finished: (payload: unknown) => listeners.finished.forEach((listener) => listener(payload)),
    remove: () => {
      delete global.window;
      delete global.localStorage;
    },
  };
}
