import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../shared/api.js';
import { CHANNELS } from '../../../shared/api-channels.js';
import { ServiceError } from '../../../electron/core/services.js';
import { VaultError } from '../../../electron/core/vault.js';
import { APP_URL, isTrustedSender, registerIpc } from '../../../electron/ipc.js';

type Listener = Parameters<Parameters<typeof registerIpc>[0]['handle']>[1];

/** Stands in for Electron's ipcMain: records the handlers registerIpc installs. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

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
/** An invoke event as far as the handlers read it. */
const event = (senderFrame: unknown) => ({ senderFrame }) as unknown as Parameters<Listener>[0];

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
    expect([...ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses a call from a frame that is not the app page, before the handler runs', async () => {
    const ipc = fakeIpcMain();
    const { handlers, calls } = fakeHandlers();
    registerIpc(ipc, handlers);
    const result = await ipc.handlers.get('profiles.list')!(event({ url: 'https://attacker.example/', parent: null }), {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('validates the payload before the handler runs', async () => {
    const ipc = fakeIpcMain();
    const { handlers, calls } = fakeHandlers();
    registerIpc(ipc, handlers);
    const bad = await ipc.handlers.get('sweep.start')!(event(appFrame), { profileId: 'x', accounts: ['not-a-bot'] });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: expect.stringMatching(/^sweep\.start: /) } });
    expect(calls).toEqual([]);
    const good = await ipc.handlers.get('settings.set')!(event(appFrame), { theme: 'dark' });
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
        throw new ServiceError('busy', 'A sweep is running already.');
      },
      'history.clear': async () => {
        throw new TypeError('x is not a function');
      },
    });
    registerIpc(ipc, handlers, onInternal);
    const id = '0b7f5a52-2a3e-4c57-9b61-1f0e2d3c4b5a';
    expect(await ipc.handlers.get('profiles.remove')!(event(appFrame), { id })).toEqual({
      ok: false,
      error: { kind: 'keychain', message: 'the Secret Service keyring is locked. Unlock it.', code: 'keychain-locked', params: {} },
    });
    expect(await ipc.handlers.get('sweep.cancel')!(event(appFrame), { batchId: '20261126T003902123Z-a1b2c3' })).toMatchObject({
      error: { kind: 'busy', code: 'busy' },
    });
    const internal = (await ipc.handlers.get('history.clear')!(event(appFrame), {})) as { error: { kind: string; message: string } };
    expect(internal.error.kind).toBe('internal');
    expect(internal.error.message).toMatch(/unexpected problem \(x is not a function\)/);
    expect(internal.error.message).not.toMatch(/\bat \w+ \(/);
    expect(onInternal).toHaveBeenCalledOnce();
  });
});
