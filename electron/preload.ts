// The renderer's only door: `window.botsweep`, one method per contract call plus event subscriptions.
// Built from the contract; never exposes ipcRenderer itself. Bundled to CommonJS for the sandbox.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, splitChannel, type EventName } from '../shared/api-channels.js';

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  const [group, method] = splitChannel(channel);
  const calls = (api[group] ??= {}) as Record<string, (payload: unknown) => Promise<unknown>>;
  calls[method] = (payload: unknown) => ipcRenderer.invoke(channel, payload);
}
for (const [event, method] of Object.entries(EVENTS) as [EventName, string][]) {
  api[method] = (listener: (payload: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  };
}

contextBridge.exposeInMainWorld('botsweep', api);
