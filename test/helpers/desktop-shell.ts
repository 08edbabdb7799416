// Starts the desktop shell's modules (electron/main.ts, electron/preload.ts) afresh over a new Electron stand-in, with
// the services replaced by a recorder: each test gets its own app, window, IPC and module state.
import { vi } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/api-channels.js';
import type { ServiceDeps, Services } from '../../electron/core/services.js';
import { createElectronStandIn, type ElectronStandIn, type StandInOptions } from './electron-stand-in.js';

/** Stands in for createServices: records what main handed it; every handler records its call and answers its name. */
export function recordingServices() {
  const calls: [Channel, unknown][] = [];
  const failures = new Map<Channel, Error>();
  let deps: ServiceDeps | null = null;
  let disposed = 0;
  let finishDispose: () => void = () => {};
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (payload: unknown) => {
        calls.push([channel, payload]);
        const failure = failures.get(channel);
        if (failure) throw failure;
        return { handled: channel };
      },
    ]),
  );
  return {
    calls,
    /** Makes a channel's handler throw. */
    fail: (channel: Channel, error: Error) => void failures.set(channel, error),
    get deps(): ServiceDeps {
      if (!deps) throw new Error('main never created the services');
      return deps;
    },
    created: () => deps !== null,
    disposed: () => disposed,
    /** Lets a dispose() that main is waiting for finish. */
    finishDispose: () => finishDispose(),
    create(given: ServiceDeps): Services {
      deps = given;
      return {
        handlers,
        dispose: () => {
          disposed++;
          return new Promise<void>((resolve) => (finishDispose = resolve));
        },
      } as unknown as Services;
    },
  };
}
export type RecordingServices = ReturnType<typeof recordingServices>;

export interface Shell {
  readonly electron: ElectronStandIn;
  readonly services: RecordingServices;
}

/** Loads electron/main.ts as Electron would start it; `ready: false` stops before Electron's `ready` event. */
export async function startMain(options: StandInOptions & { ready?: boolean } = {}): Promise<Shell> {
  vi.resetModules();
  const electron = createElectronStandIn(options);
  const services = recordingServices();
  vi.doMock('electron', () => electron.module);
  vi.doMock('../../electron/core/services.js', async (importOriginal) => ({
    ...(await importOriginal<typeof import('../../electron/core/services.js')>()),
    createServices: (deps: ServiceDeps) => services.create(deps),
  }));
  await import('../../electron/main.js');
  if (options.ready !== false) await electron.ready();
  return { electron, services };
}

/** Runs electron/preload.ts against a stand-in (a fresh one, or the one main runs on); returns what it exposed. */
export async function loadPreload(electron: ElectronStandIn = createElectronStandIn()): Promise<ElectronStandIn> {
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  await import('../../electron/preload.js');
  return electron;
}

/** Lets pending promise callbacks (a handler's, a dispose's) run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
