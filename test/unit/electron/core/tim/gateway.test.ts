// The gateway client (electron/core/tim/gateway.ts) against the sandbox in memory and scripted fetches: calls,
// classified error codes, re-signing, redaction and the endpoint rules.
import type { FetchLike } from '../../../../../electron/core/tim/outcome.js';
import { afterEach, describe, expect, it } from 'vitest';
import { TimGateway, EndpointError } from '../../../../../electron/core/tim/gateway.js';
import { classifyErrorCode, ERROR_CODES } from '../../../../../electron/core/tim/errors.js';
import { verifyUserSig } from '../../../../../electron/core/tim/usersig.js';
import type { Sandbox } from '../../../../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../../../../electron/core/sandbox/robots.js';
import { skippingClock } from '../../../../helpers/fake-clock.js';
import { gatewayFor, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../../../../helpers/sandbox.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('TimGateway against the sandbox in memory', () => {
  it('sends exactly the five query parameters, a JSON POST body and a fresh random per request', async () => {
    sandbox = await withSandbox({ bots: ['@RBT#a', '@RBT#b'] });
    const gateway = gatewayFor(sandbox);
    expect(await gateway.deleteRobot('@RBT#a')).toMatchObject({ ok: true });
    expect(await gateway.getAllRobots()).toMatchObject({ ok: true, answer: { Robot_Account: ['@RBT#b'] } });

    const [first, second] = sandbox.requests;
    expect(first!.method).toBe('POST');
    expect(first!.path).toBe('/v4/openim_robot_http_svc/delete_robot');
    expect(first!.contentType).toBe('application/json');
    expect(JSON.parse(first!.body)).toEqual({ Robot_Account: '@RBT#a' });
    expect(second!.body).toBe('{}');
    for (const request of [first!, second!]) {
      expect(Object.keys(request.query).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
      expect(Object.values(request.query).every((values) => values.length === 1)).toBe(true);
      expect(request.query.sdkappid).toEqual([String(TEST_SDKAPPID)]);
      expect(request.query.identifier).toEqual([TEST_ADMIN]);
      expect(request.query.contenttype).toEqual(['json']);
      const random = request.query.random![0]!;
      expect(random).toMatch(/^\d+$/);
      expect(Number(random)).toBeLessThanOrEqual(4294967295);
      expect(
        verifyUserSig(request.query.usersig![0]!, {
          secretKey: TEST_SECRET,
          sdkAppId: TEST_SDKAPPID,
          identifier: TEST_ADMIN,
          now: Date.now,
        }).ok,
      ).toBe(true);
    }
    expect(first!.query.random).not.toEqual(second!.query.random);
    // One UserSig, reused.
    expect(first!.query.usersig).toEqual(second!.query.usersig);
  });

  it('covers the random range ends and re-signs the UserSig only when it nears expiry', async () => {
    sandbox = await withSandbox({ bots: 0 });
    let clock = Date.now();
    const randoms = [0, 4294967295];
    const gateway = gatewayFor(sandbox, { now: () => clock, randomUint32: () => randoms.shift() ?? 7, userSigLifetimeSeconds: 1000 });
    await gateway.getAllRobots();
    await gateway.getAllRobots();
    clock += 850_000; // 85 % of the lifetime: still reused
    await gateway.getAllRobots();
    clock += 60_000; // 91 %: renewed
    await gateway.getAllRobots();
    const sigs = sandbox.requests.map((request) => request.query.usersig![0]);
    expect(sandbox.requests.map((request) => request.query.random![0])).toEqual(['0', '4294967295', '7', '7']);
    expect(new Set(sigs.slice(0, 3)).size).toBe(1);
    expect(sigs[3]).not.toBe(sigs[0]);
  });

  it.each([
    ['a wrong key', { secretKey: 'wrong' }, 70009, 'credentials'],
    ['an identifier that is not the admin', { identifier: 'someone' }, 60010, 'credentials'],
    ['an SDKAppID of another region', { sdkAppId: 1400099999 }, 70020, 'credentials'],
  ])('classifies %s', async (_label, overrides, code, errorClass) => {
    sandbox = await withSandbox();
    const outcome = await gatewayFor(sandbox, overrides).getAllRobots();
    expect(outcome).toMatchObject({ ok: false, errorCode: code, errorClass, ambiguous: false });
  });

  it('classifies an invalid account as permanent for the item and rate-limit answers as rate-limited', async () => {
    sandbox = await withSandbox({ bots: 0, rateLimit: 1 });
    const gateway = gatewayFor(sandbox);
    expect(await gateway.deleteRobot('@RBT#missing')).toMatchObject({ ok: false, errorCode: 10004, errorClass: 'item' });
    expect(await gateway.deleteRobot('@RBT#missing')).toMatchObject({ ok: false, errorCode: 60007, errorClass: 'rate-limited' });
  });

  it.each([
    // An internal error may come after the gateway acted: never a refusal.
    ['10002', { errorCode: 10002, errorClass: 'transient', ambiguous: true }],
    ['502', { errorCode: null, errorClass: 'transient', errorInfo: 'the gateway answered HTTP 502' }],
    ['drop', { errorCode: null, errorClass: 'network', ambiguous: true }],
    ['malformed', { errorCode: null, errorClass: 'malformed', ambiguous: true }],
    ['slow', { errorCode: null, errorClass: 'network', errorInfo: 'no answer within 300 ms', ambiguous: true }],
  ] as const)('classifies the %s fault', async (fault, expected) => {
    sandbox = await withSandbox({ bots: ['@RBT#x'], failRate: 1, faults: [fault], slowMs: 2000 });
    // For the slow fault the answer timeout's wait ends at once (its time skipped): late however fast the machine is.
    const timer = fault === 'slow' ? { timer: skippingClock() } : {};
    const outcome = await gatewayFor(sandbox, { timeoutMs: 300, ...timer }).deleteRobot('@RBT#x');
    expect(outcome).toMatchObject({ ok: false, ...expected });
  });

  it('reports a refused connection as a network error that was surely not sent', async () => {
    sandbox = await withSandbox({ outage: 'refuse' });
    const outcome = await gatewayFor(sandbox).getAllRobots();
    expect(outcome).toMatchObject({
      ok: false,
      errorClass: 'network',
      network: 'refused',
      errorInfo: 'connection refused (ECONNREFUSED)',
      ambiguous: false,
    });
  });

  it('re-signs once on 70001 (the gateway thinks the UserSig expired) and then succeeds', async () => {
    const t0 = 1_800_000_000_000;
    let gatewayClock = t0;
    let sandboxClock = t0;
    sandbox = await withSandbox({ now: () => sandboxClock });
    const gateway = gatewayFor(sandbox, { now: () => gatewayClock, userSigLifetimeSeconds: 100 });
    expect((await gateway.getAllRobots()).ok).toBe(true);
    gatewayClock = t0 + 50_000; // half the lifetime: the client still reuses its UserSig
    sandboxClock = t0 + 101_000; // but the gateway's clock says it expired
    expect((await gateway.getAllRobots()).ok).toBe(true);
    const sigs = sandbox.requests.map((request) => request.query.usersig![0]);
    expect(sigs).toHaveLength(3);
    expect(sigs[1]).toBe(sigs[0]);
    expect(sigs[2]).not.toBe(sigs[1]);
  });

  it('gives up after one re-sign when the UserSig keeps expiring (a wrong clock)', async () => {
    sandbox = await withSandbox({ now: () => Date.now() + 3600_000 });
    const outcome = await gatewayFor(sandbox, { userSigLifetimeSeconds: 60 }).getAllRobots();
    expect(outcome).toMatchObject({ ok: false, errorCode: 70001, errorClass: 'credentials' });
    expect(sandbox.requests).toHaveLength(2);
  });

  it('never puts the UserSig, the key or the URL into an error', async () => {
    // A gateway stand-in that echoes the request URL back inside ErrorInfo.
    const echo: FetchLike = async (url) => {
      const { pathname, search } = new URL(url);
      const text = JSON.stringify({
        ActionStatus: 'FAIL',
        ErrorCode: 10004,
        ErrorInfo: `bad request ${pathname}${search} key=${TEST_SECRET}`,
      });
      return { status: 200, text: async () => text };
    };
    const outcome = await gatewayFor({ url: 'http://127.0.0.1:8080', fetch: echo }).deleteRobot('@RBT#x');
    expect(outcome.ok).toBe(false);
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(TEST_SECRET);
    expect(text).not.toMatch(/usersig=|sdkappid=/i);
    expect(text).toContain('bad request /v4/openim_robot_http_svc/delete_robot?[query redacted] key=[redacted]');
  });
});

describe('TimGateway endpoint rules', () => {
  it('refuses plain HTTP off this machine before any request', () => {
    let called = false;
    const build = () =>
      new TimGateway({
        baseUrl: 'http://gateway.example.com',
        sdkAppId: 1,
        identifier: 'a',
        secretKey: 'k',
        fetch: async () => ((called = true), { status: 200, text: async () => '' }),
        now: Date.now,
        randomUint32: () => 1,
      });
    expect(build).toThrow(EndpointError);
    expect(build).toThrow(/only allowed to this machine/);
    expect(called).toBe(false);
  });

  it('refuses a port no web client may use on this computer, whatever the transport: nothing sent, never ambiguous', async () => {
    let called = false;
    const gateway = new TimGateway({
      baseUrl: 'http://127.0.0.1:1',
      sdkAppId: 1,
      identifier: 'a',
      secretKey: 'k',
      fetch: async () => ((called = true), { status: 200, text: async () => '{"ActionStatus":"OK","ErrorCode":0}' }),
      now: Date.now,
      randomUint32: () => 1,
    });
    const outcome = await gateway.deleteRobot('@RBT#a');
    expect(outcome).toMatchObject({ ok: false, errorClass: 'local', errorCode: null, ambiguous: false });
    expect(called).toBe(false);
  });

  it('reads a fetch that refuses a port ("bad port", ERR_UNSAFE_PORT) as a local refusal: nothing was sent', async () => {
    for (const thrown of [
      Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') }),
      new Error('net::ERR_UNSAFE_PORT'),
    ]) {
      const gateway = new TimGateway({
        baseUrl: 'http://127.0.0.1:8080',
        sdkAppId: 1,
        identifier: 'a',
        secretKey: 'k',
        fetch: async () => {
          throw thrown;
        },
        now: Date.now,
        randomUint32: () => 1,
      });
      expect(await gateway.deleteRobot('@RBT#a')).toMatchObject({ ok: false, errorClass: 'local', ambiguous: false });
    }
  });
});

describe('error classification table', () => {
  it('covers every code of the reference', () => {
    const reference = [
      10002, 10004, 10008, 60002, 60003, 60004, 60005, 60006, 60007, 60008, 60010, 60011, 60016, 60017, 60018, 60019, 60020, 60021, 70001,
      70003, 70009, 70013, 70014, 70016, 70020, 70050,
    ];
    for (const code of reference) expect(ERROR_CODES.has(code), `code ${code}`).toBe(true);
    expect(classifyErrorCode(60007).errorClass).toBe('rate-limited');
    expect(classifyErrorCode(70016).advice).toMatch(/region/);
    expect(classifyErrorCode(79999).errorClass).toBe('credentials');
    expect(classifyErrorCode(12345).errorClass).toBe('item');
  });
});

describe('TimGateway against the sandbox’s lies, faults and outages', () => {
  it.each([
    ['302', 'redirect'],
    ['403', 'not-gateway'],
    ['404', 'not-gateway'],
  ] as const)('an address that answers %s is not the gateway: named with its status and host', async (outage, errorClass) => {
    sandbox = await withSandbox({ outage });
    const outcome = await gatewayFor(sandbox).getAllRobots();
    // Whatever answered may have passed the call on first: only the gateway's own words say nothing happened.
    expect(outcome).toMatchObject({ ok: false, errorClass, ambiguous: true, errorInfo: expect.stringContaining(`HTTP ${outage}`) });
    expect((outcome as { errorInfo: string }).errorInfo).toContain('127.0.0.1');
  });

  it('only "too frequent": 60007, or HTTP 429 with its Retry-After', async () => {
    sandbox = await withSandbox({ outage: 'limited' });
    expect(await gatewayFor(sandbox).deleteRobot('@RBT#a')).toMatchObject({ errorCode: 60007, errorClass: 'rate-limited' });
    await sandbox.close();
    sandbox = await withSandbox({ bots: 1, rateLimit: 1, rateLimitAnswer: '429', retryAfterSeconds: 2 });
    const gateway = gatewayFor(sandbox);
    expect((await gateway.getAllRobots()).ok).toBe(true);
    expect(await gateway.getAllRobots()).toMatchObject({ errorClass: 'rate-limited', errorCode: null, retryAfterMs: 2000 });
  });

  it('a gateway that accepts and never answers times out, ambiguous', async () => {
    sandbox = await withSandbox({ outage: 'silent' });
    expect(await gatewayFor(sandbox, { timeoutMs: 200, timer: skippingClock() }).deleteRobot('@RBT#a')).toMatchObject({
      ok: false,
      network: 'timeout',
      ambiguous: true,
    });
  });

  it.each([
    ['10002-acted', { errorCode: 10002, ambiguous: true }],
    ['fail-0', { errorCode: 0, ambiguous: true, errorClass: 'transient' }],
    ['ok-code', { errorCode: 10004, ambiguous: true, errorClass: 'transient' }],
    ['cut', { errorCode: null, ambiguous: true, network: 'cut-short' }],
  ] as const)('the %s fault deletes the bot and answers unclearly', async (fault, expected) => {
    sandbox = await withSandbox({ bots: ['@RBT#x'], failRate: 1, faults: [fault], faultCommands: ['delete_robot'] });
    expect(await gatewayFor(sandbox).deleteRobot('@RBT#x')).toMatchObject({ ok: false, ...expected });
    expect(sandbox.store.has('@RBT#x')).toBe(false);
  });

  it('a huge listing is refused unread; junk entries are left out and duplicates folded', async () => {
    sandbox = await withSandbox({ bots: 3, listingPaddingBytes: 9 << 20 });
    expect(await gatewayFor(sandbox).getAllRobots()).toMatchObject({ ok: false, errorInfo: expect.stringMatching(/larger than 8 MB/) });
    await sandbox.close();
    sandbox = await withSandbox({ bots: 3, listingFault: 'junk' });
    expect(await gatewayFor(sandbox).getAllRobots()).toMatchObject({
      ok: true,
      answer: { Robot_Account: seedRobotNames(3), duplicates: 2, invalid: { count: 6 } },
    });
  });

  it('hostile and huge nicknames come back cut to 500 bytes, as text a caller escapes', async () => {
    sandbox = await withSandbox({ bots: 21, nicknames: 'huge' });
    const outcome = await gatewayFor(sandbox).nicknames(seedRobotNames(21));
    const nicknames = (outcome as { answer: { nicknames: Record<string, string> } }).answer.nicknames;
    expect(Object.keys(nicknames)).toHaveLength(21);
    for (const nick of Object.values(nicknames)) expect(Buffer.byteLength(nick)).toBeLessThanOrEqual(500);
    expect(JSON.stringify(outcome).length).toBeLessThan(30_000); // the 1 MB profile items are not passed on
  });
});
