// The re-creation use case over journals in a temp data folder (nothing is sent): which accounts it plans (the
// deleted ones, all or named), with which profile, for which app and key, and every refusal: no such batch, a
// re-creation, nothing deleted, accounts the batch did not delete, another app's profile, a batch still running.
import { describe, expect, it } from 'vitest';
import { History } from '../../../../../electron/core/history.js';
import { createUseCases, Refusal, realGatewayEnv } from '../../../../../electron/core/usecases/index.js';
import type { FetchLike } from '../../../../../electron/core/tim/gateway.js';
import { Vault } from '../../../../../electron/core/vault.js';
import { tempHome } from '../../../../helpers/cli.js';
import { skippingClock } from '../../../../helpers/fake-clock.js';
import { MemoryKeychain } from '../../../../helpers/fake-keychain.js';

const target = { kind: 'endpoint', url: 'http://127.0.0.1:9' } as const;
const app = { target, sdkAppId: 1400000001, identifier: 'administrator' };
const saved = { nickname: 'Support bot 1', faceUrl: 'https://a.example/1.png', signature: 'hi' };
const noFetch: FetchLike = () => Promise.reject(new Error('nothing is sent while planning'));

async function world() {
  const dataDir = tempHome('botsweep-recreate-');
  const useCases = createUseCases({
    ...realGatewayEnv(noFetch),
    clock: skippingClock(),
    dataDir,
    vault: new Vault({ keychain: new MemoryKeychain(), platform: 'linux' }),
  });
  const prod = await useCases.profiles.save({ name: 'Prod', ...app, secret: 'k', secretStorage: 'session', production: true });
  const history = new History(dataDir);
  /** A deletion of Prod: a and b deleted (a with its profile saved, b without), c failed. */
  const deletion = () => {
    const writer = history.begin({ ...app, profile: 'Prod', profileId: prod.id }, ['@RBT#a', '@RBT#b', '@RBT#c']);
    writer.snapshot({ profiles: { '@RBT#a': saved }, missing: { '@RBT#b': 'portrait_get failed: internal error' } });
    const results = [
      { account: '@RBT#a', status: 'deleted' as const, errorCode: null, errorInfo: null, attempts: 1 },
      { account: '@RBT#b', status: 'deleted' as const, errorCode: null, errorInfo: null, attempts: 1 },
      { account: '@RBT#c', status: 'failed' as const, errorCode: 10004, errorInfo: 'invalid parameter', attempts: 1 },
    ];
    for (const result of results) writer.outcome(result);
    writer.end({ status: 'completed', stop: null, verification: { status: 'verified', reason: null }, signal: null, results });
    return writer.id;
  };
  return { useCases, history, prod, deletion };
}

const refusalOf = (work: () => unknown): string | null => {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof Refusal) return error.code;
    throw error;
  }
};

describe('planRecreate', () => {
  it('plans every deleted account with its saved profile, for the batch’s own app and profile, its production name needed', async () => {
    const { useCases, deletion, prod } = await world();
    const batchId = deletion();
    const plan = useCases.sweeps.planRecreate({ batchId });
    expect(plan).toMatchObject({ kind: 'recreate', undoes: batchId, accounts: ['@RBT#a', '@RBT#b'], production: 'Prod', retryOf: null });
    expect(plan.connection).toEqual(app);
    expect(plan.profile).toEqual({ id: prod.id, name: 'Prod' });
    expect([...plan.profiles!]).toEqual([['@RBT#a', saved]]);
    expect(plan.notes[0]).toMatch(/^1 account has no profile saved before its deletion/);
    const preview = useCases.sweeps.previewRecreate({ batchId });
    expect(preview.accounts).toEqual([
      { account: '@RBT#a', profile: saved },
      { account: '@RBT#b', missing: 'portrait_get failed: internal error' },
    ]);
    expect(preview.app).toContain('1400000001');
  });

  it('plans only the accounts named, each one the batch deleted', async () => {
    const { useCases, deletion } = await world();
    const batchId = deletion();
    expect(useCases.sweeps.planRecreate({ batchId, accounts: ['@RBT#b'] }).accounts).toEqual(['@RBT#b']);
    expect(refusalOf(() => useCases.sweeps.planRecreate({ batchId, accounts: ['@RBT#b', '@RBT#c'] }))).toBe(
      'recreate-accounts-not-deleted',
    );
  });

  it('refuses a batch that is not there, a re-creation, one that deleted nothing, and one still running', async () => {
    const { useCases, history, deletion, prod } = await world();
    expect(refusalOf(() => useCases.sweeps.planRecreate({ batchId: '20260101T000000000Z-abcdef' }))).toBe('batch-missing');
    const undone = deletion();
    const recreation = history.begin({ ...app, kind: 'recreate', undoes: undone, profile: 'Prod', profileId: prod.id }, ['@RBT#a']);
    recreation.end({ status: 'completed', stop: null, verification: { status: 'verified', reason: null }, signal: null, results: [] });
    expect(refusalOf(() => useCases.sweeps.planRecreate({ batchId: recreation.id }))).toBe('recreate-not-deletion');
    const nothing = history.begin({ ...app, profile: 'Prod', profileId: prod.id }, ['@RBT#x']);
    const results = [{ account: '@RBT#x', status: 'absent' as const, errorCode: null, errorInfo: null, attempts: 1 }];
    nothing.end({ status: 'completed', stop: null, verification: { status: 'verified', reason: null }, signal: null, results });
    expect(refusalOf(() => useCases.sweeps.planRecreate({ batchId: nothing.id }))).toBe('nothing-to-recreate');
  });

  it('refuses a profile of another app, or of another admin of the same app: nothing is aimed elsewhere', async () => {
    const { useCases, deletion } = await world();
    const batchId = deletion();
    await useCases.profiles.save({ name: 'Elsewhere', ...app, sdkAppId: 1400000002, secret: 'k', secretStorage: 'session' });
    await useCases.profiles.save({ name: 'Other admin', ...app, identifier: 'someone', secret: 'k', secretStorage: 'session' });
    expect(refusalOf(() => useCases.sweeps.planRecreate({ batchId, profile: 'Elsewhere' }))).toBe('retry-target-changed');
    expect(refusalOf(() => useCases.sweeps.planRecreate({ batchId, profile: 'Other admin' }))).toBe('retry-target-changed');
  });

  it('needs the production name to run: without it nothing is sent', async () => {
    const { useCases, deletion } = await world();
    const plan = useCases.sweeps.planRecreate({ batchId: deletion() });
    await expect(useCases.sweeps.run(plan, { confirmation: null })).rejects.toMatchObject({ code: 'production-confirmation' });
    await expect(useCases.sweeps.run(plan, { confirmation: 'prod' })).rejects.toMatchObject({ code: 'production-confirmation' });
  });

  it('protected patterns guard deletions only: a protected bot a batch deleted can be re-created', async () => {
    const { useCases, deletion, prod } = await world();
    await useCases.profiles.save({ id: prod.id, name: 'Prod', ...app, secretStorage: 'session', production: true, protected: ['@RBT#a'] });
    expect(useCases.sweeps.planRecreate({ batchId: deletion() }).accounts).toEqual(['@RBT#a', '@RBT#b']);
  });
});
