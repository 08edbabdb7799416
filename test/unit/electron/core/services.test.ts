// The app's and web host's services (electron/core/services.ts) through the contract's dispatcher, over the sandbox in
// memory: profiles, listings, sweeps and their events, retries, history, settings, guards and re-creation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { EventName, Events } from '../../../../shared/api.js';
import { createDispatcher } from '../../../../electron/core/api-dispatch.js';
import { systemClock, type Clock } from '../../../../electron/core/clock.js';
import type { Sandbox } from '../../../../electron/core/sandbox/server.js';
import { createServices, type Services } from '../../../../electron/core/services.js';
import { cryptoRandomUint32 } from '../../../../electron/core/tim/gateway.js';
import { Vault } from '../../../../electron/core/vault.js';
import { skippingClock } from '../../../helpers/fake-clock.js';
import { MemoryKeychain } from '../../../helpers/fake-keychain.js';
import { sandboxFetch, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
let services: Services | undefined;
/** Each test's data folders, removed after it, pass or fail. */
const dataDirs: string[] = [];
afterEach(async () => {
  await services?.dispose();
  await sandbox?.close();
  sandbox = undefined;
  services = undefined;
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The form's fields for the sandbox app, as the profile form sends them to "Test connection". */
function form() {
  return { target: { kind: 'endpoint', url: sandbox!.url }, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN };
}

/**
 * Services over an in-memory sandbox. By default backoff and pacing waits end at once (the sandbox keeps the same time,
 * so its frequency limit sees the skipped waits); a test that races a call against a deadline needs the real clock.
 */
async function setup(sandboxOptions: Parameters<typeof withSandbox>[0] = {}, clock: Clock = skippingClock()) {
  sandbox = await withSandbox({ now: clock.now, ...sandboxOptions });
  const events: { event: EventName; payload: unknown }[] = [];
  const keychain = new MemoryKeychain();
  const dataDir = mkdtempSync(join(tmpdir(), 'botsweep-services-'));
  dataDirs.push(dataDir);
  services = createServices({
    dataDir,
    vault: new Vault({ keychain, platform: 'linux' }),
    gateway: { fetch: sandboxFetch, clock, random: Math.random, randomUint32: cryptoRandomUint32 },
    emit: <E extends EventName>(event: E, payload: Events[E]) => void events.push({ event, payload }),
    timeoutMs: 2000,
  });
  const dispatch = createDispatcher(services.handlers);
  const outputs: unknown[] = [];
  /** Calls through the dispatcher, as the IPC and the web host do, and keeps every answer. */
  const call = async (channel: string, payload: unknown) => {
    const result = await dispatch(channel, payload);
    outputs.push(result);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
    return result as { ok: boolean; value?: any; error?: { kind: string; message: string } };
  };
  const finished = () =>
    new Promise<Events['sweep.finished']>((resolve) => {
      const poll = setInterval(() => {
        const found = events.find((e) => e.event === 'sweep.finished');
        if (found) {
          clearInterval(poll);
          events.splice(events.indexOf(found), 1);
          resolve(found.payload as Events['sweep.finished']);
        }
      }, 10);
    });
  const profile = async (secret = TEST_SECRET, extra: Record<string, unknown> = {}) =>
    call('profiles.save', {
      name: 'Sandbox',
      target: { kind: 'endpoint', url: sandbox!.url },
      sdkAppId: TEST_SDKAPPID,
      identifier: TEST_ADMIN,
      secret,
      secretStorage: 'keychain',
      ...extra,
    });
  return { call, events, outputs, finished, profile, keychain, dataDir, clock };
}

describe('services', () => {
  it('saves a profile with a write-only secret, lists, tests and loads bots', async () => {
    const { call, profile, keychain, outputs, events } = await setup({ bots: 4 });
    const saved = await profile();
    expect(saved).toMatchObject({ ok: true, value: { name: 'Sandbox', hasSecret: true, secretStorage: 'keychain' } });
    expect(JSON.parse(keychain.entries.get(saved.value.id)!).secret).toBe(TEST_SECRET);
    expect((await call('profiles.list', {})).value.profiles).toHaveLength(1);
    expect(await call('profiles.test', { id: saved.value.id, ...form() })).toEqual({ ok: true, value: { ok: true, botCount: 4 } });
    const listed = (await call('bots.list', { profileId: saved.value.id })).value;
    expect(listed.accounts).toHaveLength(4);
    expect(listed.profileId).toBe(saved.value.id);
    // Editing without a secret keeps the stored one.
    await call('profiles.save', {
      id: saved.value.id,
      name: 'Renamed',
      target: { kind: 'endpoint', url: sandbox!.url },
      sdkAppId: TEST_SDKAPPID,
      identifier: TEST_ADMIN,
      secretStorage: 'keychain',
    });
    expect(JSON.parse(keychain.entries.get(saved.value.id)!).secret).toBe(TEST_SECRET);
    expect(JSON.stringify([outputs, events])).not.toContain(TEST_SECRET);
  });

  it('reports a wrong key as an actionable test result and a credentials error', async () => {
    const { call, profile } = await setup({ bots: 1 });
    const saved = await profile('wrong-key');
    const test = await call('profiles.test', { id: saved.value.id, ...form() });
    expect(test.value).toMatchObject({
      ok: false,
      errorCode: 70009,
      message: expect.stringMatching(/does not match this SDKAppID/),
      code: 'gateway-refused',
      params: { code: 70009 },
    });
    expect(await call('bots.list', { profileId: saved.value.id })).toMatchObject({
      ok: false,
      error: { kind: 'credentials', code: 'gateway-refused', params: { code: 70009 } },
    });
  });

  it('tests the form: its own key, or the stored key only for the unchanged target', async () => {
    const { call, profile } = await setup({ bots: 2 });
    const saved = await profile();
    // A new, unsaved form with its key.
    expect((await call('profiles.test', { ...form(), secret: TEST_SECRET })).value).toEqual({ ok: true, botCount: 2 });
    // The stored key for the same app, endpoint and identifier.
    expect((await call('profiles.test', { id: saved.value.id, ...form() })).value).toEqual({ ok: true, botCount: 2 });
    // Another endpoint, SDKAppID or identifier without a key: refused before any call.
    const calls = sandbox!.stats.calls;
    for (const changed of [
      { target: { kind: 'endpoint', url: 'http://127.0.0.1:9' } },
      { sdkAppId: TEST_SDKAPPID + 1 },
      { identifier: 'someone-else' },
      { target: { kind: 'region', region: 'tokyo' } },
    ]) {
      expect(await call('profiles.test', { id: saved.value.id, ...form(), ...changed })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-request', code: 'test-secret-required' },
      });
    }
    expect(await call('profiles.test', form())).toMatchObject({ ok: false, error: { code: 'test-secret-required' } });
    expect(sandbox!.stats.calls).toBe(calls);
    // A gateway that refuses connections, typed into the form, fails as unreachable, whatever the saved profile says.
    const refusing = await withSandbox({ outage: 'refuse' });
    onTestFinished(() => refusing.close());
    const closed = await call('profiles.test', {
      id: saved.value.id,
      ...form(),
      target: { kind: 'endpoint', url: refusing.url },
      secret: 'x',
    });
    expect(closed.value).toMatchObject({ ok: false, code: 'gateway-unreachable' });
    // A port no client may use is refused here, before anything is sent, and said so.
    const unusable = await call('profiles.test', { ...form(), target: { kind: 'endpoint', url: 'http://127.0.0.1:9' }, secret: 'x' });
    expect(unusable.value).toMatchObject({ ok: false, code: 'gateway-local' });
  });

  it('reports the running sweep and its progress to a reloaded window', async () => {
    const { call, profile, finished, events } = await setup({ bots: 200, latencyMs: 10 });
    const saved = await profile();
    expect((await call('sweep.status', {})).value).toEqual({ running: null });
    const started = await call('sweep.start', { profileId: saved.value.id, accounts: sandbox!.store.list() });
    await expect.poll(() => events.some((e) => e.event === 'sweep.progress')).toBe(true);
    const status = (await call('sweep.status', {})).value.running;
    expect(status).toMatchObject({ batchId: started.value.batchId, profileId: saved.value.id });
    expect(status.progress).toMatchObject({ batchId: started.value.batchId, total: 200 });
    // Its rows and their outcomes so far: a reloaded window shows them.
    expect(status.accounts).toHaveLength(200);
    await expect.poll(async () => (await call('sweep.status', {})).value.running?.results.length ?? 0).toBeGreaterThan(0);
    await call('sweep.cancel', { batchId: started.value.batchId });
    const ended = await finished();
    expect(ended.durationMs).toBeGreaterThan(0);
    expect((await call('sweep.status', {})).value).toEqual({ running: null });
  });

  it('a start that waits for another process’s sweep of the app can be cancelled while it waits: nothing is sent', async () => {
    const { call, profile, finished, dataDir, keychain, clock } = await setup({ bots: 300, latencyMs: 20, recordRequests: 10_000 });
    const saved = await profile();
    const first = await call('sweep.start', { profileId: saved.value.id, accounts: sandbox!.store.list().slice(0, 250) });
    expect(first.ok).toBe(true);
    // A second app process (another window of the desktop app, a web host) over the same data folder.
    const other = createServices({
      dataDir,
      vault: new Vault({ keychain, platform: 'linux' }),
      gateway: { fetch: sandboxFetch, clock, random: Math.random, randomUint32: cryptoRandomUint32 },
      emit: () => undefined,
      timeoutMs: 2000,
    });
    try {
      const dispatchOther = createDispatcher(other.handlers);
      const request = { profileId: saved.value.id, accounts: ['@RBT#sandbox0300'] };
      expect(await dispatchOther('sweep.start', request)).toMatchObject({ ok: false, error: { code: 'sweep-running-elsewhere' } });
      const waiting = dispatchOther('sweep.start', { ...request, wait: true });
      // Cancelled once it waits (until then there is nothing of its own to cancel).
      await expect.poll(async () => await dispatchOther('sweep.cancel', {})).toEqual({ ok: true, value: { cancelled: true } });
      expect(await waiting).toMatchObject({ ok: false });
      expect(sandbox!.requests.some((r) => r.command === 'delete_robot' && JSON.stringify(r.body).includes('sandbox0300'))).toBe(false);
    } finally {
      await other.dispose();
    }
    await call('sweep.cancel', { batchId: first.value.batchId });
    await finished();
  });

  it('retries only confirmed accounts that the batch left undone, for the profile the user saw', async () => {
    // Every deletion meets an internal error, which may have taken effect: the batch leaves a, x and y unconfirmed.
    const { call, profile, finished } = await setup({
      bots: ['@RBT#a', '@RBT#x', '@RBT#y'],
      failRate: 1,
      faults: ['10002'],
      faultCommands: ['delete_robot'],
    });
    const saved = await profile();
    const started = await call('sweep.start', { profileId: saved.value.id, accounts: ['@RBT#a', '@RBT#x', '@RBT#y'] });
    expect((await finished()).summary.unconfirmed).toBe(3);
    const other = '00000000-0000-4000-8000-000000000000';
    expect(await call('sweep.retry', { batchId: started.value.batchId, accounts: ['@RBT#other'] })).toMatchObject({
      ok: false,
      error: { code: 'retry-accounts-changed' },
    });
    expect(await call('sweep.retry', { batchId: started.value.batchId, profileId: other })).toMatchObject({
      ok: false,
      error: { code: 'profile-missing' },
    });
    const retry = await call('sweep.retry', { batchId: started.value.batchId, accounts: ['@RBT#x'], profileId: saved.value.id });
    expect(retry.ok).toBe(true);
    expect((await finished()).summary.total).toBe(1);
  });

  it('runs a sweep with progress and finished events, journals it, exports it and retries what is left', async () => {
    const { call, profile, events, finished, outputs } = await setup({ bots: ['@RBT#a', '@RBT#b', '@RBT#c'] });
    const saved = await profile();
    const started = await call('sweep.start', { profileId: saved.value.id, accounts: ['@RBT#a', '@RBT#b', '@RBT#ghost', '@RBT#a'] });
    expect(started.value.batchId).toMatch(/^\d{8}T/);
    const done = await finished();
    expect(done).toMatchObject({
      batchId: started.value.batchId,
      status: 'completed',
      summary: { total: 3, deleted: 2, absent: 1, failed: 0 },
      verification: { status: 'verified', reason: null },
    });
    expect(events.some((e) => e.event === 'sweep.progress')).toBe(true);

    const list = await call('history.list', {});
    expect(list.value.batches).toHaveLength(1);
    expect(list.value.damaged).toEqual([]);
    expect(list.value.batches[0]).not.toHaveProperty('results');
    const batch = (await call('history.get', { batchId: started.value.batchId, accountStatus: 'absent' })).value.batch;
    expect(batch.results).toEqual([expect.objectContaining({ account: '@RBT#ghost', status: 'absent' })]);
    const csv = await call('history.export', { format: 'csv', batchId: started.value.batchId });
    expect(csv.value).toMatchObject({ kind: 'download', mimeType: 'text/csv', filename: `botsweep-${started.value.batchId}.csv` });
    expect(csv.value.content.split('\r\n')).toHaveLength(5);

    // A bot that was not one when the batch started is never retried, even if it exists now.
    sandbox!.store.handle('create_robot', { UserID: '@RBT#ghost' });
    expect(await call('sweep.retry', { batchId: started.value.batchId })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: expect.stringMatching(/Nothing to retry/) },
    });
    expect(await call('history.clear', {})).toEqual({ ok: true, value: { removed: 1, running: [] } });
    expect(JSON.stringify([outputs, events])).not.toContain(TEST_SECRET);
  });

  it('allows one sweep at a time, and cancels one', async () => {
    const { call, profile, finished } = await setup({ bots: 300, latencyMs: 20 });
    const saved = await profile();
    const accounts = sandbox!.store.list();
    const first = await call('sweep.start', { profileId: saved.value.id, accounts });
    expect(await call('sweep.start', { profileId: saved.value.id, accounts })).toMatchObject({ ok: false, error: { kind: 'busy' } });
    expect(await call('history.clear', {})).toMatchObject({ ok: false, error: { kind: 'busy' } });
    expect(await call('sweep.cancel', { batchId: first.value.batchId })).toEqual({ ok: true, value: { cancelled: true } });
    const done = await finished();
    expect(done.status).toBe('cancelled');
    expect(done.summary.skipped).toBeGreaterThan(0);
    // The retry sends what was skipped, as a new batch, and deletes it.
    const retry = await call('sweep.retry', { batchId: first.value.batchId });
    expect(retry.ok).toBe(true);
    const retried = await finished();
    expect(retried.summary).toMatchObject({ total: done.summary.skipped, deleted: done.summary.skipped });
    expect((await call('history.list', {})).value.batches[0]).toMatchObject({ id: retry.value.batchId, retryOf: first.value.batchId });
    expect(sandbox!.store.list()).toEqual([]);
  });

  it('keeps a session-only secret out of the keychain and says when a profile is gone', async () => {
    const { call, profile, keychain } = await setup({ bots: 1 });
    const saved = await profile(TEST_SECRET, { secretStorage: 'session' });
    expect(keychain.entries.size).toBe(0);
    expect((await call('profiles.test', { id: saved.value.id, ...form() })).value).toEqual({ ok: true, botCount: 1 });
    await call('profiles.remove', { id: saved.value.id });
    expect(await call('bots.list', { profileId: saved.value.id })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(
      await call('profiles.save', {
        name: 'X',
        target: { kind: 'region', region: 'tokyo' },
        sdkAppId: 1,
        identifier: 'a',
        secretStorage: 'keychain',
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: expect.stringMatching(/needs one/) },
    });
  });

  it('stores settings', async () => {
    const { call } = await setup();
    expect((await call('settings.get', {})).value).toEqual({ language: 'system', theme: 'system', snapshot: true });
    expect((await call('settings.set', { language: 'zh-CN' })).value).toEqual({ language: 'zh-CN', theme: 'system', snapshot: true });
    expect((await call('settings.get', {})).value.language).toBe('zh-CN');
  });
});

describe('undo for the careful', () => {
  it('saves each bot’s profile before deleting unless the setting is off, and re-creates a batch through the contract', async () => {
    // The snapshot's portrait_get races a deadline: a skipped wait would always win it.
    const { call, profile, finished } = await setup({ bots: 4, nicknames: true }, systemClock);
    const saved = await profile();
    const profileId = saved.value.id;
    expect((await call('settings.set', { snapshot: false })).value.snapshot).toBe(false);
    await call('sweep.start', { profileId, accounts: ['@RBT#sandbox0001'] });
    await finished();
    expect(sandbox!.stats.byCommand.portrait_get).toBeUndefined();
    await call('settings.set', { snapshot: true });
    const started = await call('sweep.start', { profileId, accounts: ['@RBT#sandbox0002', '@RBT#sandbox0003'] });
    expect((await finished()).summary.deleted).toBe(2);
    expect(sandbox!.stats.byCommand.portrait_get).toBe(1);

    const preview = await call('sweep.previewRecreate', { batchId: started.value.batchId });
    expect(preview.value).toMatchObject({
      profile: { id: profileId, name: 'Sandbox' },
      accounts: [
        { account: '@RBT#sandbox0002', profile: { nickname: 'Sales bot 2' } },
        { account: '@RBT#sandbox0003', profile: { nickname: 'Weather bot 3' } },
      ],
      production: null,
    });
    expect(await call('sweep.recreate', { batchId: started.value.batchId, accounts: ['@RBT#sandbox0001'] })).toMatchObject({
      ok: false,
      error: { code: 'recreate-accounts-not-deleted' },
    });
    const recreating = await call('sweep.recreate', { batchId: started.value.batchId, profileId });
    expect(recreating.ok).toBe(true);
    const done = await finished();
    expect(done).toMatchObject({ kind: 'recreate', status: 'completed', summary: { recreated: 2 } });
    expect(sandbox!.store.list()).toEqual(['@RBT#sandbox0004', '@RBT#sandbox0002', '@RBT#sandbox0003']);
    const linked = await call('history.get', { batchId: started.value.batchId });
    expect(linked.value.batch.undoneBy).toEqual([recreating.value.batchId]);
  });
});

describe('knowing what you delete', () => {
  it('fills in nicknames, checks which accounts are bots, and keeps the nicknames in the journal', async () => {
    const { call, profile, finished } = await setup({ bots: 3, nicknames: true });
    const saved = await profile();
    const names = await call('bots.nicknames', { profileId: saved.value.id, accounts: ['@RBT#sandbox0001', '@RBT#sandbox0002'] });
    expect(names.value).toEqual({
      profileId: saved.value.id,
      nicknames: { '@RBT#sandbox0001': 'Support bot 1', '@RBT#sandbox0002': 'Sales bot 2' },
    });
    const check = await call('bots.check', { profileId: saved.value.id, accounts: ['@RBT#sandbox0001', '@RBT#typo'] });
    expect(check.value).toEqual({ profileId: saved.value.id, bots: ['@RBT#sandbox0001'], absent: ['@RBT#typo'] });
    expect(sandbox!.store.list()).toHaveLength(3); // a check deletes nothing

    const started = await call('sweep.start', {
      profileId: saved.value.id,
      accounts: ['@RBT#sandbox0001'],
      nicknames: { '@RBT#sandbox0001': 'Support bot 1' },
    });
    await finished();
    const batch = (await call('history.get', { batchId: started.value.batchId })).value.batch;
    expect(batch.results[0]).toMatchObject({ account: '@RBT#sandbox0001', status: 'deleted', nickname: 'Support bot 1' });
  });

  it('never sends a protected account, and needs the name of a production profile', async () => {
    const { call, profile } = await setup({ bots: 3 });
    const saved = await profile(TEST_SECRET, { protected: ['@RBT#sandbox000[1]', '@RBT#sandbox0001'], production: true });
    expect(saved.value).toMatchObject({ protected: ['@RBT#sandbox000[1]', '@RBT#sandbox0001'], production: true });
    const unconfirmed = await call('sweep.start', { profileId: saved.value.id, accounts: ['@RBT#sandbox0002'] });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'production-confirmation', params: { profile: 'Sandbox' } } });
    const wrongName = await call('sweep.start', { profileId: saved.value.id, accounts: ['@RBT#sandbox0002'], confirmation: 'sandbox' });
    expect(wrongName).toMatchObject({ ok: false, error: { code: 'production-confirmation' } });
    const protectedOne = await call('sweep.start', {
      profileId: saved.value.id,
      accounts: ['@RBT#sandbox0001', '@RBT#sandbox0002'],
      confirmation: 'Sandbox',
    });
    expect(protectedOne).toMatchObject({
      ok: false,
      error: { code: 'protected-accounts', params: { count: 1, first: '@RBT#sandbox0001' } },
    });
    expect(sandbox!.stats.byCommand.delete_robot ?? 0).toBe(0);
  });

  it('refuses a protected pattern that cannot match a chatbot account when it is saved, with the reason', async () => {
    const { call, profile } = await setup({ bots: 1 });
    for (const pattern of ['prod-*', '@RBT#x ', ''])
      expect(await profile(TEST_SECRET, { protected: [pattern] })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-request', message: expect.stringMatching(/protected account pattern/) },
      });
    expect((await call('profiles.list', {})).value.profiles).toEqual([]);
  });

  it('reads an imported file for the profile’s app: its protected accounts, and another app’s export named with its profiles', async () => {
    const { call, profile } = await setup({ bots: 3 });
    const saved = await profile(TEST_SECRET, { protected: ['@RBT#sandbox0001'] });
    const other = await call('profiles.save', {
      name: 'Other app',
      target: { kind: 'region', region: 'seoul' },
      sdkAppId: 1400012345,
      identifier: TEST_ADMIN,
      secret: TEST_SECRET,
      secretStorage: 'session',
    });
    const header =
      'batch_id,started_at,finished_at,batch_status,target,sdkappid,identifier,account,status,error_code,error_info,attempts,gateway';
    const row = (account: string, status: string) =>
      `20260101T000000000Z-aaaaaa,x,x,completed,Seoul (adminapikr.im.qcloud.com),1400012345,${TEST_ADMIN},${account},${status},,,1,https://adminapikr.im.qcloud.com`;
    const text = [header, row('@RBT#sandbox0001', 'failed'), row('@RBT#sandbox0002', 'deleted'), row('bad one', 'failed')].join('\r\n');
    const read = await call('bots.import', { profileId: saved.value.id, text });
    expect(read.value).toMatchObject({
      profileId: saved.value.id,
      format: 'export-csv',
      accounts: ['@RBT#sandbox0001', '@RBT#sandbox0002'],
      undone: ['@RBT#sandbox0001'],
      invalid: [{ line: 4, value: 'bad one' }],
      protected: ['@RBT#sandbox0001'],
      otherApps: [
        { app: 'SDKAppID 1400012345 at Seoul (adminapikr.im.qcloud.com)', profiles: [{ id: other.value.id, name: 'Other app' }] },
      ],
    });
    const own = await call('bots.import', { profileId: saved.value.id, text: '@RBT#sandbox0003\n' });
    expect(own.value).toMatchObject({ format: 'list', accounts: ['@RBT#sandbox0003'], otherApps: [], protected: [] });
  });

  it('lists each profile with its app’s guards, from every profile of the app, and previews a retry as main would send it', async () => {
    const { call, profile, finished } = await setup({
      bots: ['@RBT#keep', '@RBT#a', '@RBT#b'],
      failRate: 1,
      faults: ['502'],
      faultCommands: ['delete_robot'],
    });
    const plain = await profile(TEST_SECRET);
    const started = await call('sweep.start', { profileId: plain.value.id, accounts: ['@RBT#keep', '@RBT#a'], verify: false });
    expect(started.ok).toBe(true);
    await finished();
    const guard = await call('profiles.save', {
      name: 'Guard',
      target: { kind: 'endpoint', url: sandbox!.url },
      sdkAppId: TEST_SDKAPPID,
      identifier: 'another-admin',
      secret: TEST_SECRET,
      secretStorage: 'session',
      protected: ['@RBT#keep'],
      production: true,
    });
    expect(guard.ok).toBe(true);
    const listed = (await call('profiles.list', {})).value.profiles;
    for (const each of listed) expect(each.guards).toEqual({ protected: ['@RBT#keep'], production: 'Guard', unusable: [] });
    const preview = await call('sweep.previewRetry', { batchId: started.value.batchId });
    expect(preview.value).toMatchObject({
      profile: { id: plain.value.id, name: 'Sandbox' },
      app: expect.stringMatching(/^SDKAppID \d+ at http:\/\/127\.0\.0\.1:\d+ \(admin administrator\)$/),
      accounts: [{ account: '@RBT#a', status: expect.stringMatching(/failed|unconfirmed/) }],
      leftOut: ['@RBT#keep'],
      production: 'Guard',
    });
  });
});
