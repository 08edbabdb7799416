// The sandbox gateway's logic (electron/core/sandbox/sandbox-core.ts) through its in-memory fetch: checks, limits, faults and lies.
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { generateUserSig } from '../../../../../electron/core/tim/usersig.js';
import { SlidingWindowLimit } from '../../../../../electron/core/sandbox/window-limit.js';
import type { Sandbox } from '../../../../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../../../../electron/core/sandbox/robots.js';
import { gatewayFor, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

interface Call {
  command?: string;
  sdkappid?: string;
  identifier?: string;
  usersig?: string;
  random?: string;
  body?: string;
  method?: string;
  omit?: string;
}

const sign = (change: Partial<{ secretKey: string; sdkAppId: number; identifier: string; expire: number; now: () => number }> = {}) =>
  generateUserSig({
    secretKey: change.secretKey ?? TEST_SECRET,
    sdkAppId: change.sdkAppId ?? TEST_SDKAPPID,
    identifier: change.identifier ?? TEST_ADMIN,
    expireSeconds: change.expire ?? 3600,
    now: change.now ?? Date.now,
  });

async function call(box: Sandbox, c: Call = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const query = new URLSearchParams({
    sdkappid: c.sdkappid ?? String(TEST_SDKAPPID),
    identifier: c.identifier ?? TEST_ADMIN,
    usersig: c.usersig ?? sign(),
    random: c.random ?? '12345',
    contenttype: 'json',
  });
  if (c.omit) query.delete(c.omit);
  const response = await box.fetch(`${box.url}/v4/openim_robot_http_svc/${c.command ?? 'get_all_robots'}?${query}`, {
    method: c.method ?? 'POST',
    headers: { 'content-type': 'application/json' },
    body: c.method === 'GET' ? '' : (c.body ?? '{}'),
    signal: new AbortController().signal,
    redirect: 'manual',
  });
  return { status: response.status, json: JSON.parse(await response.text()) as Record<string, unknown> };
}

describe('sandbox gateway', () => {
  it('answers a good call with the seeded bots', async () => {
    sandbox = await withSandbox({ bots: 3 });
    const { status, json } = await call(sandbox);
    expect(status).toBe(200);
    expect(json).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      Robot_Account: ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003'],
    });
  });

  it.each<[string, () => Call, number]>([
    ['an expired UserSig', () => ({ usersig: sign({ expire: 10, now: () => Date.now() - 20_000 }) }), 70001],
    ['an unparsable UserSig', () => ({ usersig: sign().slice(0, 30) }), 70003],
    ['a UserSig signed with another key', () => ({ usersig: sign({ secretKey: 'another key' }) }), 70009],
    ['a UserSig for another identifier', () => ({ usersig: sign({ identifier: 'someone' }) }), 70013],
    ['a UserSig for another SDKAppID', () => ({ usersig: sign({ sdkAppId: 1400000002 }) }), 70014],
    ['an SDKAppID this data center does not hold', () => ({ sdkappid: '1400000002', usersig: sign({ sdkAppId: 1400000002 }) }), 70020],
    ['an identifier that is not the admin', () => ({ identifier: 'user1', usersig: sign({ identifier: 'user1' }) }), 60010],
    ['a malformed JSON body', () => ({ body: '{"Robot_Account":' }), 60003],
    ['an empty body', () => ({ body: '' }), 60003],
    ['a JSON array body', () => ({ body: '[]' }), 60003],
    ['a missing Robot_Account', () => ({ command: 'delete_robot', body: '{}' }), 10004],
    ['an account without the prefix', () => ({ command: 'delete_robot', body: '{"Robot_Account":"bot1"}' }), 10004],
    [
      'an account over 32 bytes',
      () => ({ command: 'delete_robot', body: JSON.stringify({ Robot_Account: '@RBT#' + 'x'.repeat(28) }) }),
      10004,
    ],
    ['an unknown bot', () => ({ command: 'delete_robot', body: '{"Robot_Account":"@RBT#nobody"}' }), 10004],
    ['a missing query parameter', () => ({ omit: 'random' }), 60002],
    ['a random outside 32 bits', () => ({ random: '4294967296' }), 60002],
    ['an unknown command', () => ({ command: 'delete_everything' }), 60002],
    ['a GET', () => ({ method: 'GET' }), 60002],
  ])('rejects %s with HTTP 200 and the documented code', async (_label, make, code) => {
    sandbox = await withSandbox({ bots: 1 });
    const { status, json } = await call(sandbox, make());
    expect(status).toBe(200);
    expect(json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(JSON.stringify(json)).not.toContain(TEST_SECRET);
  });

  it('deletes a bot, which then vanishes from get_all_robots but stays an imported account', async () => {
    sandbox = await withSandbox({ bots: ['@RBT#a', '@RBT#b'] });
    const gateway = gatewayFor(sandbox);
    expect((await gateway.deleteRobot('@RBT#a')).ok).toBe(true);
    expect(await gateway.deleteRobot('@RBT#a')).toMatchObject({ ok: false, errorCode: 10004 });
    expect(await gateway.getAllRobots()).toMatchObject({ answer: { Robot_Account: ['@RBT#b'] } });
    const check = await gateway.call('im_open_login_svc', 'account_check', { CheckItem: [{ UserID: '@RBT#a' }, { UserID: 'stranger' }] });
    expect(check).toMatchObject({
      ok: true,
      answer: {
        ResultItem: [
          { UserID: '@RBT#a', AccountStatus: 'Imported' },
          { UserID: 'stranger', AccountStatus: 'NotImported' },
        ],
      },
    });
    expect((await gateway.createRobot('@RBT#c')).ok).toBe(true);
    expect(await gateway.getAllRobots()).toMatchObject({ answer: { Robot_Account: ['@RBT#b', '@RBT#c'] } });
  });

  it('plays re-creation: create_robot with the profile fields, a deleted UserID made one bot again, portrait_get of the three tags', async () => {
    sandbox = await withSandbox({ bots: 2, nicknames: true });
    const gateway = gatewayFor(sandbox);
    const before = await gateway.profiles(['@RBT#sandbox0001', '@RBT#stranger']);
    expect(before).toMatchObject({
      ok: true,
      answer: {
        profiles: {
          '@RBT#sandbox0001': {
            nickname: 'Support bot 1',
            faceUrl: 'https://avatars.example.com/sandbox0001.png',
            signature: 'I am Support bot 1.',
          },
        },
        missing: { '@RBT#stranger': 'portrait_get answered 40006 for it: the account is not imported' },
      },
    });
    expect((await gateway.deleteRobot('@RBT#sandbox0001')).ok).toBe(true);
    const profile = { nickname: 'Back again', faceUrl: 'https://a.example/back.png', signature: 'restored' };
    expect((await gateway.createRobot('@RBT#sandbox0001', profile)).ok).toBe(true);
    expect((await gateway.createRobot('@RBT#sandbox0001', profile)).ok).toBe(true);
    expect(await gateway.getAllRobots()).toMatchObject({ answer: { Robot_Account: ['@RBT#sandbox0002', '@RBT#sandbox0001'] } });
    expect(await gateway.profiles(['@RBT#sandbox0001'])).toMatchObject({ answer: { profiles: { '@RBT#sandbox0001': profile } } });
    // Only the tags asked for.
    const nickOnly = await gateway.nicknames(['@RBT#sandbox0001']);
    expect(nickOnly).toMatchObject({ answer: { nicknames: { '@RBT#sandbox0001': 'Back again' } } });
  });

  it('answers 10008 past the per-account bot quota; creating an existing bot again needs none; the quota can be raised', async () => {
    sandbox = await withSandbox({ bots: ['@RBT#a'], quota: 2 });
    const gateway = gatewayFor(sandbox);
    expect((await gateway.createRobot('@RBT#b')).ok).toBe(true);
    expect(await gateway.createRobot('@RBT#c')).toMatchObject({
      ok: false,
      errorCode: 10008,
      errorInfo: 'the number of created chatbots reaches the upper limit',
    });
    expect((await gateway.createRobot('@RBT#a')).ok).toBe(true);
    sandbox.setQuota(3);
    expect((await gateway.createRobot('@RBT#c')).ok).toBe(true);
    expect(sandbox.store.list()).toEqual(['@RBT#a', '@RBT#b', '@RBT#c']);
  });

  it('answers 60007 past the frequency limit, per endpoint', async () => {
    sandbox = await withSandbox({ bots: 0, rateLimit: 5 });
    const gateway = gatewayFor(sandbox);
    const burst = await Promise.all(Array.from({ length: 8 }, () => gateway.getAllRobots()));
    expect(burst.filter((outcome) => outcome.ok)).toHaveLength(5);
    expect(burst.filter((outcome) => !outcome.ok && outcome.errorCode === 60007)).toHaveLength(3);
    expect(sandbox.stats.rateLimited).toBe(3);
    // Another endpoint has its own budget.
    expect((await gateway.createRobot('@RBT#new')).ok).toBe(true);
  });

  it('locks the app for a minute after too many bad signatures (70050)', async () => {
    sandbox = await withSandbox({ badSignatureLockout: 3 });
    for (let i = 0; i < 3; i++) expect((await call(sandbox, { usersig: sign({ secretKey: 'bad' }) })).json.ErrorCode).toBe(70009);
    expect((await call(sandbox)).json.ErrorCode).toBe(70050);
  });

  it('adds latency to every answer', async () => {
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    sandbox = await withSandbox({ latencyMs: 120 });
    let answered = false;
    const answer = call(sandbox).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(119);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await answer;
    expect(answered).toBe(true);
  });

  it('applies an action whose answer is then lost (drop fault)', async () => {
    sandbox = await withSandbox({ bots: ['@RBT#a'], failRate: 1, faults: ['drop'] });
    const outcome = await gatewayFor(sandbox).deleteRobot('@RBT#a');
    expect(outcome).toMatchObject({ ok: false, errorClass: 'network', ambiguous: true });
    expect(sandbox.store.has('@RBT#a')).toBe(false);
  });

  it('does not apply an action answered with 10002 or 502', async () => {
    sandbox = await withSandbox({ bots: ['@RBT#a'], failRate: 1, faults: ['10002', '502'] });
    const gateway = gatewayFor(sandbox);
    for (let i = 0; i < 4; i++) expect((await gateway.deleteRobot('@RBT#a')).ok).toBe(false);
    expect(sandbox.store.has('@RBT#a')).toBe(true);
    expect(sandbox.stats.faults).toBe(4);
  });
});

describe('SlidingWindowLimit', () => {
  it('allows at most N calls in any window', () => {
    const limit = new SlidingWindowLimit(3, 1000);
    expect([0, 10, 20, 30].map((t) => limit.tryAcquire(t))).toEqual([true, true, true, false]);
    expect(limit.tryAcquire(999)).toBe(false);
    expect(limit.tryAcquire(1000)).toBe(true); // the call at 0 left the window
    expect(limit.tryAcquire(1005)).toBe(false);
    expect(limit.tryAcquire(1010)).toBe(true);
  });
});

describe('sandbox failFirst', () => {
  it("answers each account's first N deletions with 10002 and no effect, then deletes", async () => {
    sandbox = await withSandbox({ bots: ['@RBT#a', '@RBT#b'], failFirst: 2 });
    const gateway = gatewayFor(sandbox);
    expect(await gateway.deleteRobot('@RBT#a')).toMatchObject({ ok: false, errorCode: 10002 });
    expect(await gateway.deleteRobot('@RBT#b')).toMatchObject({ ok: false, errorCode: 10002 });
    expect(await gateway.deleteRobot('@RBT#a')).toMatchObject({ ok: false, errorCode: 10002 });
    expect(sandbox.store.has('@RBT#a')).toBe(true);
    expect((await gateway.deleteRobot('@RBT#a')).ok).toBe(true);
    expect(sandbox.store.has('@RBT#a')).toBe(false);
  });
});

describe('whole-gateway and listing faults', () => {
  it('goes down and comes back: connections refused, or every call answered 502', async () => {
    const box = await withSandbox({ bots: 2 });
    try {
      const gateway = gatewayFor(box);
      await box.setOutage('refuse');
      expect(await gateway.getAllRobots()).toMatchObject({
        ok: false,
        errorClass: 'network',
        errorInfo: expect.stringContaining('ECONNREFUSED'),
      });
      await box.setOutage('502');
      expect(await gateway.getAllRobots()).toMatchObject({ ok: false, errorInfo: 'the gateway answered HTTP 502' });
      expect(box.stats.outageAnswers).toBe(1);
      await box.setOutage(null);
      expect(await gateway.getAllRobots()).toMatchObject({ ok: true });
    } finally {
      await box.close();
    }
  });

  it.each([
    ['no-field', undefined],
    ['empty', []],
    ['half', ['@RBT#sandbox0001', '@RBT#sandbox0002']],
  ] as const)('lies about the listing (%s), from the chosen call on', async (fault, expected) => {
    const box = await withSandbox({ bots: 4, listingFault: fault, listingFaultFrom: 2 });
    try {
      const gateway = gatewayFor(box);
      expect((await gateway.getAllRobots()) as { answer: { Robot_Account?: string[] } }).toMatchObject({
        answer: { Robot_Account: seedRobotNames(4) },
      });
      const lie = (await gateway.getAllRobots()) as { ok: true; answer: { Robot_Account?: string[] } };
      expect(lie.answer.Robot_Account).toEqual(expected);
    } finally {
      await box.close();
    }
  });

  it('"lost" drops the connection before the gateway acts: the bot stays', async () => {
    const box = await withSandbox({ bots: 1, failRate: 1, faults: ['lost'], faultCommands: ['delete_robot'] });
    try {
      const outcome = await gatewayFor(box).deleteRobot('@RBT#sandbox0001');
      expect(outcome).toMatchObject({ ok: false, errorClass: 'network', ambiguous: true });
      expect(box.store.list()).toEqual(['@RBT#sandbox0001']);
    } finally {
      await box.close();
    }
  });
});
