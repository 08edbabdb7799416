// The IPC glue (electron/ipc.ts) over the Electron stand-in: every channel handled, calls from any frame but the app
// page refused, payloads checked before the handler, and failures a user can act on.
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../shared/api.js';
import { CHANNELS } from '../../../shared/api-channels.js';
import { Refusal } from '../../../electron/core/usecases/index.js';
import { VaultError } from '../../../electron/core/vault.js';
import { APP_URL, isTrustedSender, registerIpc } from '../../../electron/ipc.js';
import { createElectronStandIn } from '../../helpers/electron-stand-in.js';

/** Electron's ipcMain, as the stand-in plays it (a second handler for a channel is refused, as in Electron). */
const fakeIpcMain = () => createElectronStandIn().ipcMain;

function fakeHandlers(overrides: Partial<Record<keyof Handlers, (payload: unknown) => Promise<unknown>>> = {}) {
  const calls: [string, unknown][] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (payload: unknown) => {
        calls.push([channel, payload]);
        return overrides[channel] ? overrides[channel]!(payload) : { channel };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const appFrame = { url: APP_URL, parent: null };

describe('isTrustedSender', () => {
  it.each([
    [appFrame, true],
    [{ url: 'app://botsweep/other.html', parent: null }, true],
    [{ url: APP_URL, parent: {} }, false], // an iframe inside the app page
    [{ url: 'app://evil/index.html', parent: null }, false],
    [{ url: 'https://example.com/', parent: null }, false],
    [{ url: 'file:///etc/passwd', parent: null }, false],
    [{ url: 'not a url', parent: null }, false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (frame, trusted) => {
    expect(isTrustedSender(frame as never)).toBe(trusted);
  });
});

describe('registerIpc', () => {
  it('registers a handler for every channel and removes them again', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpc(ipc, fakeHandlers().handlers);
    expect(ipc.channels().sort()).toEqual([...CHANNELS].sort());
    expect(() => registerIpc(ipc, fakeHandlers().handlers)).toThrow(/second handler/);
    unregister();
    expect(ipc.channels()).toEqual([]);
    registerIpc(ipc, fakeHandlers().handlers);
    expect(ipc.channels()).toHaveLength(CHANNELS.length);
  });

  it('refuses a call from a frame that is not the app page, before the handler runs', async () => {
    const ipc = fakeIpcMain();
    const { handlers, calls } = fakeHandlers();
    registerIpc(ipc, handlers);
    const result = await ipc.invoke('profiles.list', { url: 'https://attacker.example/', parent: null }, {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('validates the payload before the handler runs', async () => {
    const ipc = fakeIpcMain();
    const { handlers, calls } = fakeHandlers();
    registerIpc(ipc, handlers);
    const bad = await ipc.invoke('sweep.start', appFrame, { profileId: 'x', accounts: ['not-a-bot'] });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: expect.stringMatching(/^sweep\.start: /) } });
    expect(calls).toEqual([]);
    const good = await ipc.invoke('settings.set', appFrame, { theme: 'dark' });
    expect(good).toEqual({ ok: true, value: { channel: 'settings.set' } });
    expect(calls).toEqual([['settings.set', { theme: 'dark' }]]);
  });

  it('turns failures into messages a user can act on, never a stack trace', async () => {
    const ipc = fakeIpcMain();
    const onInternal = vi.fn();
    const { handlers } = fakeHandlers({
      'profiles.remove': async () => {
        throw new VaultError('locked', 'the Secret Service keyring is locked. Unlock it.');
      },
      'sweep.cancel': async () => {
        throw new Refusal('sweep-running');
      },
      'history.clear': async () => {
        throw new TypeError('x is not a function');
      },
    });
    registerIpc(ipc, handlers, onInternal);
    const id = '0b7f5a52-2a3e-4c57-9b61-1f0e2d3c4b5a';
    expect(await ipc.invoke('profiles.remove', appFrame, { id })).toEqual({
      ok: false,
      error: { kind: 'keychain', message: 'the Secret Service keyring is locked. Unlock it.', code: 'keychain-locked', params: {} },
    });
    expect(await ipc.invoke('sweep.cancel', appFrame, { batchId: '20261126T003902123Z-a1b2c3' })).toMatchObject({
      error: { kind: 'busy', code: 'sweep-running' },
    });
    const internal = (await ipc.invoke('history.clear', appFrame, {})) as { error: { kind: string; message: string } };
    expect(internal.error.kind).toBe('internal');
    expect(internal.error.message).toMatch(/unexpected problem \(x is not a function\)/);
    expect(internal.error.message).not.toMatch(/\bat \w+ \(/);
    expect(onInternal).toHaveBeenCalledOnce();
  });
});
