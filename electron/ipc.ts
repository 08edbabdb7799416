// Electron glue for the contract: a handler for every channel, calls only from the app's own top-level page,
// payloads checked before any handler runs. Takes ipcMain as a parameter so tests drive it without Electron.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Handlers, Result } from '../shared/api.js';
import { CHANNELS } from '../shared/api-channels.js';
import { createDispatcher } from './core/api-dispatch.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'botsweep';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The frame facts the sender check needs (Electron's WebFrameMain has them). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the app's own page, in the top-level frame, may call. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(
  ipcMain: IpcRegistry,
  handlers: Handlers,
  onInternalError?: (channel: string, error: unknown) => void,
): () => void {
  const dispatch = createDispatcher(handlers, onInternalError);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { kind: 'forbidden', message: 'This call did not come from the Botsweep window and was refused.' } };
      }
      return dispatch(channel, payload);
    });
  }
  return () => CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}
