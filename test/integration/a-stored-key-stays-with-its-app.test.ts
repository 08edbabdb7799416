// profiles.save through the contract: whoever can call it (a compromised renderer, the web token's holder) cannot
// point a stored key at another host, SDKAppID or identifier and get a UserSig for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/api-dispatch.js';
import { systemClock } from '../../electron/core/clock.js';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { createServices, type Services } from '../../electron/core/services.js';
import { cryptoRandomUint32 } from '../../electron/core/tim/gateway.js';
import { Vault } from '../../electron/core/vault.js';
import { MemoryKeychain } from '../helpers/fake-keychain.js';
import { sandboxFetch, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup() {
  const real = await withSandbox({ bots: 2 });
  // Another gateway that accepts the same key: it would happily use a UserSig it was sent.
  const other: Sandbox = await withSandbox({ bots: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-binding-'));
  const services: Services = createServices({
    dataDir: dir,
    vault: new Vault({ keychain: new MemoryKeychain(), platform: 'linux' }),
    gateway: { fetch: sandboxFetch, clock: systemClock, random: Math.random, randomUint32: cryptoRandomUint32 },
    emit: () => undefined,
    timeoutMs: 2000,
  });
  cleanup.push(
    () => real.close(),
    () => other.close(),
    () => rmSync(dir, { recursive: true, force: true }),
    () => services.dispose(),
  );
  const dispatch = createDispatcher(services.handlers);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
  const call = (channel: string, payload: unknown) => dispatch(channel, payload) as Promise<any>;
  const fields = { name: 'Prod', target: { kind: 'endpoint', url: real.url }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN };
  const saved = await call('profiles.save', { ...fields, secret: TEST_SECRET, secretStorage: 'keychain' });
  expect(saved.ok).toBe(true);
  return { real, other, call, fields, id: saved.value.id as string };
}

describe('profiles.save and the stored key', () => {
  it.each([
    ['endpoint', (other: Sandbox) => ({ target: { kind: 'endpoint', url: other.url } })],
    ['SDKAppID', () => ({ sdkAppId: TEST_SDKAPPID + 1 })],
    ['identifier', () => ({ identifier: 'someone-else' })],
  ])('refuses to move a profile to another %s without the key; nothing is signed for it', async (_label, change) => {
    const { real, other, call, fields, id } = await setup();
    const moved = await call('profiles.save', { id, ...fields, ...change(other), secretStorage: 'keychain' });
    expect(moved).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: expect.stringMatching(/enter the secret key again/) },
    });
    expect(await call('profiles.test', { id, target: fields.target, sdkAppId: fields.sdkAppId, identifier: fields.identifier })).toEqual({
      ok: true,
      value: { ok: true, botCount: 2 },
    });
    expect((await call('bots.list', { profileId: id })).value.accounts).toHaveLength(2);
    expect(other.stats.calls).toBe(0);
    expect(real.stats.calls).toBe(2);
  });

  it('a rename keeps the key; a move with the key binds it to the new app', async () => {
    const { other, call, fields, id } = await setup();
    expect((await call('profiles.save', { id, ...fields, name: 'Renamed', secretStorage: 'keychain' })).ok).toBe(true);
    const target = { kind: 'endpoint', url: other.url };
    const moved = await call('profiles.save', { id, ...fields, target, secret: TEST_SECRET, secretStorage: 'keychain' });
    expect(moved.ok).toBe(true);
    expect((await call('profiles.test', { id, target, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN })).value).toEqual({
      ok: true,
      botCount: 2,
    });
    expect(other.stats.calls).toBe(1);
  });
});
