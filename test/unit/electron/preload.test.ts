// electron/preload.ts over the Electron stand-in: `window.botsweep` is exactly the contract (a method per channel, a
// subscription per event) and nothing of ipcRenderer leaks through it; with main.ts, the page reaches the services.
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS, splitChannel } from '../../../shared/api-channels.js';
import type { BotsweepApi } from '../../../shared/api.js';
import { APP_URL } from '../../../electron/ipc.js';
import { createElectronStandIn, type ElectronStandIn } from '../../helpers/electron-stand-in.js';
import { loadPreload, startMain } from '../../helpers/desktop-shell.js';

type Exposed = Record<string, Record<string, (...args: unknown[]) => unknown> | ((...args: unknown[]) => unknown)>;

/** A stand-in whose ipcMain answers every channel with what it was given. */
async function preloadOverEcho(): Promise<{ electron: ElectronStandIn; api: Exposed; received: unknown[][] }> {
  const electron = createElectronStandIn();
  const received: unknown[][] = [];
  for (const channel of CHANNELS)
    electron.ipcMain.handle(channel, (_event, ...args) => {
      received.push([channel, ...args]);
      return { echo: args[0] };
    });
  await loadPreload(electron);
  return { electron, api: electron.mainWorld.botsweep as Exposed, received };
}

/** Every value reachable from `root` (own properties, functions' too). */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof root === 'object' && root !== null) || typeof root === 'function') {
    if (seen.has(root)) return seen;
    seen.add(root);
    for (const key of Reflect.ownKeys(root)) reachable(Object.getOwnPropertyDescriptor(root, key)?.value, seen);
  }
  return seen;
}

describe('window.botsweep', () => {
  it('is the only thing exposed, with a method for each channel and a subscription for each event', async () => {
    const { electron, api } = await preloadOverEcho();
    expect(Object.keys(electron.mainWorld)).toEqual(['botsweep']);
    const expected = new Map<string, string[]>();
    for (const channel of CHANNELS) {
      const [group, method] = splitChannel(channel);
      expected.set(group, [...(expected.get(group) ?? []), method]);
    }
    const groups = [...expected.keys()];
    expect(Object.keys(api).sort()).toEqual([...groups, ...Object.values(EVENTS)].sort());
    for (const group of groups) {
      const methods = api[group] as Record<string, unknown>;
      expect(Object.keys(methods).sort()).toEqual(expected.get(group)!.sort());
      for (const method of Object.values(methods)) expect(method).toBeTypeOf('function');
    }
    for (const subscribe of Object.values(EVENTS)) expect(api[subscribe]).toBeTypeOf('function');
  });

  it('never hands the page ipcRenderer, nor any of its methods', async () => {
    const { electron, api } = await preloadOverEcho();
    const values = reachable(api);
    expect(values.has(electron.ipcRenderer)).toBe(false);
    for (const method of Object.values(electron.ipcRenderer)) expect(values.has(method)).toBe(false);
  });

  it('sends each call on its own channel with the payload alone, and answers what main answered', async () => {
    const { api, received } = await preloadOverEcho();
    for (const channel of CHANNELS) {
      const [group, method] = splitChannel(channel);
      const payload = { for: channel };
      const calls = api[group] as Record<string, (...args: unknown[]) => Promise<unknown>>;
      expect(await calls[method]!(payload, 'smuggled')).toEqual({ echo: payload });
    }
    expect(received).toEqual(CHANNELS.map((channel) => [channel, { for: channel }]));
  });

  it('gives a subscriber the event’s payload alone (never the IPC event and its sender), until it unsubscribes', async () => {
    const electron = await startMain().then(({ electron }) => electron);
    await loadPreload(electron);
    const api = electron.mainWorld.botsweep as BotsweepApi;
    const heard: unknown[][] = [];
    const stop = api.onSweepFinished((...args: unknown[]) => heard.push(args));
    const other: unknown[] = [];
    api.onSweepProgress((payload) => other.push(payload));
    const contents = electron.windows[0]!.webContents;
    contents.send('sweep.finished', { batchId: 'b1' });
    stop();
    contents.send('sweep.finished', { batchId: 'b2' });
    expect(heard).toEqual([[{ batchId: 'b1' }]]);
    expect(other).toEqual([]);
    expect(electron.ipcRenderer.listenerCount('sweep.finished')).toBe(0);
    expect(electron.ipcRenderer.listenerCount('sweep.progress')).toBe(1);
  });

  it('with main.ts, takes a call from the app page to the services, and refuses it from a page elsewhere', async () => {
    const { electron, services } = await startMain();
    await loadPreload(electron);
    const api = electron.mainWorld.botsweep as BotsweepApi;
    expect(await api.settings.get({})).toEqual({ ok: true, value: { handled: 'settings.get' } });
    expect(await api.sweep.start({ profileId: 'x', accounts: ['no-bot'] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    electron.windows[0]!.webContents.mainFrame = { url: 'https://attacker.example/', parent: null };
    expect(await api.profiles.list({})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(services.calls).toEqual([['settings.get', {}]]);
    expect(electron.windows[0]!.loadedUrl).toBe(APP_URL);
  });
});

/** The preload over a stand-in with one window, whose webContents sends events to the page. */
async function preloadWithWindow() {
  const electron = createElectronStandIn();
  await electron.ready();
  const window = new electron.BrowserWindow();
  await loadPreload(electron);
  const api = electron.mainWorld.botsweep as Exposed;
  const subscribe = (method: string, listener: (payload: unknown) => void) =>
    (api[method] as (listener: (payload: unknown) => void) => () => void)(listener);
  return { electron, send: (event: string, payload: unknown) => window.webContents.send(event, payload), subscribe };
}

describe('window.botsweep subscriptions', () => {
  it.each(Object.entries(EVENTS))('%s reaches %s only, and no other event does', async (event, method) => {
    const { send, subscribe } = await preloadWithWindow();
    const heard: unknown[] = [];
    subscribe(method, (payload) => heard.push(payload));
    for (const other of Object.keys(EVENTS)) send(other, { from: other });
    expect(heard).toEqual([{ from: event }]);
  });

  it('gives every subscriber the event; one that stops leaves the others', async () => {
    const { electron, send, subscribe } = await preloadWithWindow();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = subscribe('onSweepProgress', (payload) => first.push(payload));
    subscribe('onSweepProgress', (payload) => second.push(payload));
    send('sweep.progress', 1);
    stopFirst();
    send('sweep.progress', 2);
    expect(first).toEqual([1]);
    expect(second).toEqual([1, 2]);
    expect(electron.ipcRenderer.listenerCount('sweep.progress')).toBe(1);
  });

  it('subscribes the same listener twice as two subscriptions, each stopped on its own', async () => {
    const { electron, send, subscribe } = await preloadWithWindow();
    const heard: unknown[] = [];
    const listener = (payload: unknown) => heard.push(payload);
    const stopOne = subscribe('onSweepFinished', listener);
    const stopOther = subscribe('onSweepFinished', listener);
    send('sweep.finished', 'a');
    stopOne();
    send('sweep.finished', 'b');
    stopOther();
    send('sweep.finished', 'c');
    expect(heard).toEqual(['a', 'a', 'b']);
    expect(electron.ipcRenderer.listenerCount('sweep.finished')).toBe(0);
  });

  it('stopping twice removes nothing more', async () => {
    const { electron, send, subscribe } = await preloadWithWindow();
    const kept: unknown[] = [];
    const stop = subscribe('onSweepFinished', () => {});
    subscribe('onSweepFinished', (payload) => kept.push(payload));
    stop();
    stop();
    send('sweep.finished', 'still heard');
    expect(kept).toEqual(['still heard']);
    expect(electron.ipcRenderer.listenerCount('sweep.finished')).toBe(1);
  });
});

describe('window.botsweep calls', () => {
  it('hands the page a refusal of main as a rejected promise', async () => {
    const electron = createElectronStandIn();
    for (const channel of CHANNELS)
      electron.ipcMain.handle(channel, () => {
        throw new Error(`no ${channel} today`);
      });
    await loadPreload(electron);
    const api = electron.mainWorld.botsweep as Exposed;
    const history = api.history as Record<string, (payload: unknown) => Promise<unknown>>;
    await expect(history.list!({})).rejects.toThrow('no history.list today');
  });

  it('sends a call without a payload as undefined, nothing made up', async () => {
    const { api, received } = await preloadOverEcho();
    const settings = api.settings as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(await settings.get!()).toEqual({ echo: undefined });
    expect(received).toEqual([['settings.get', undefined]]);
  });
});
