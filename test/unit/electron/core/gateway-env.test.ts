// The gateway client a batch gets: UserSigs signed by the wall clock, so a machine that slept for hours (its
// monotonic clock stood still) never sends a stale one; requests to the connection's region or endpoint, for its app
// and admin, with its key; its timeout and the pause signal heeded; and the real side effects realGatewayEnv gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type Clock, type PauseSignal } from '../../../../electron/core/clock.js';
import { gatewayFor, realGatewayEnv, type GatewayEnv } from '../../../../electron/core/gateway-env.js';
import type { FetchLike } from '../../../../electron/core/tim/gateway.js';
import { decodeUserSig, verifyUserSig } from '../../../../electron/core/tim/usersig.js';
import type { Connection, Target } from '../../../../shared/target.js';

const OK = '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}';
const SECRET = 'the-secret-key';
const connectionTo = (target: Target): Connection => ({ target, sdkAppId: 1400000000, identifier: 'admin' });

/** An env whose transport answers OK and remembers the URLs asked for. */
function recordingEnv(clock: Clock = { now: () => 5_000, wall: () => Date.UTC(2026, 0, 1), sleep: async () => {} }) {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    return { status: 200, text: async () => OK };
  };
  const env: GatewayEnv = { fetch, clock, random: Math.random, randomUint32: () => 0xdeadbeef };
  return { env, urls };
}

/** A transport that never answers: the call ends only when its signal aborts. */
const silent: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));

afterEach(() => {
  vi.useRealTimers();
});

describe('gatewayFor', () => {
  it('signs UserSigs by the wall clock, and signs again after a sleep that only the wall clock saw', async () => {
    const monotonic = 5_000; // stands still while the laptop sleeps
    let wall = Date.UTC(2026, 0, 1, 9, 0, 0);
    const clock: Clock = { now: () => monotonic, wall: () => wall, sleep: async () => {} };
    const times: number[] = [];
    const fetch: FetchLike = async (url) => {
      times.push(decodeUserSig(new URL(url).searchParams.get('usersig')!)!.time);
      return { status: 200, text: async () => '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' };
    };
    const gateway = gatewayFor(
      { target: { kind: 'endpoint', url: 'https://gateway.example.com' }, sdkAppId: 1400000000, identifier: 'admin' },
      'key',
      { fetch, clock, random: Math.random, randomUint32: () => 1 },
    );
    await gateway.deleteRobot('@RBT#a');
    wall += 2 * 3600_000; // two hours asleep
    await gateway.deleteRobot('@RBT#b');
    expect(times).toEqual([Date.UTC(2026, 0, 1, 9, 0, 0) / 1000, Date.UTC(2026, 0, 1, 11, 0, 0) / 1000]);
  });

  it('signs by the monotonic clock when the clock has no wall clock (a test fake)', async () => {
    const { env, urls } = recordingEnv({ now: () => Date.UTC(2030, 5, 1), sleep: async () => {} });
    await gatewayFor(connectionTo({ kind: 'region', region: 'singapore' }), SECRET, env).getAllRobots();
    expect(decodeUserSig(new URL(urls[0]!).searchParams.get('usersig')!)!.time).toBe(Date.UTC(2030, 5, 1) / 1000);
  });

  it.each([
    ['a region: its gateway', { kind: 'region', region: 'singapore' }, 'https://adminapisgp.im.qcloud.com/v4/'],
    ['another region', { kind: 'region', region: 'china' }, 'https://console.tim.qq.com/v4/'],
    [
      'an endpoint with a path (its trailing slash dropped)',
      { kind: 'endpoint', url: 'https://gw.example.com/chat/' },
      'https://gw.example.com/chat/v4/',
    ],
    ['a loopback endpoint over plain http', { kind: 'endpoint', url: 'http://127.0.0.1:8080' }, 'http://127.0.0.1:8080/v4/'],
    ['localhost, which is 127.0.0.1 without asking DNS', { kind: 'endpoint', url: 'http://localhost:9000' }, 'http://127.0.0.1:9000/v4/'],
  ] as const)('sends to %s', async (_case, target, prefix) => {
    const { env, urls } = recordingEnv();
    await gatewayFor(connectionTo(target), SECRET, env).deleteRobot('@RBT#a');
    expect(urls).toHaveLength(1);
    expect(urls[0]!.startsWith(`${prefix}openim_robot_http_svc/delete_robot?`)).toBe(true);
  });

  it('signs for the connection’s app and admin with the key given, never sending the key, with the env’s randomness', async () => {
    const { env, urls } = recordingEnv();
    await gatewayFor(connectionTo({ kind: 'region', region: 'tokyo' }), SECRET, env).getAllRobots();
    const query = new URL(urls[0]!).searchParams;
    expect(query.get('sdkappid')).toBe('1400000000');
    expect(query.get('identifier')).toBe('admin');
    expect(query.get('random')).toBe(String(0xdeadbeef));
    const verdict = verifyUserSig(query.get('usersig')!, {
      secretKey: SECRET,
      sdkAppId: 1400000000,
      identifier: 'admin',
      now: () => Date.UTC(2026, 0, 1),
    });
    expect(verdict.ok).toBe(true);
    expect(urls[0]).not.toContain(SECRET);
  });

  it.each([
    ['plain http to another machine', { kind: 'endpoint', url: 'http://gateway.example.com' }, /plain http:\/\/ is only allowed/],
    ['a query in the endpoint', { kind: 'endpoint', url: 'https://gateway.example.com/?sdkappid=1' }, /must not contain a query/],
    ['a user name in the endpoint', { kind: 'endpoint', url: 'https://user:pw@gateway.example.com' }, /user name or password/],
    ['another scheme', { kind: 'endpoint', url: 'ftp://gateway.example.com' }, /must start with https:\/\//],
    ['an unknown region', { kind: 'region', region: 'atlantis' }, /unknown region "atlantis"/],
  ])('throws before any request for %s', (_case, target, message) => {
    const { env, urls } = recordingEnv();
    expect(() => gatewayFor(connectionTo(target as Target), SECRET, env)).toThrow(message);
    expect(urls).toEqual([]);
  });

  it.each([
    ['the timeout given', 1500, 1500],
    ['10 s without one', undefined, 10_000],
  ])('gives up on a call after %s', async (_case, timeoutMs, waited) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { env } = recordingEnv();
    const gateway = gatewayFor(connectionTo({ kind: 'region', region: 'singapore' }), SECRET, { ...env, fetch: silent }, timeoutMs);
    let settled = false;
    const call = gateway.deleteRobot('@RBT#a').finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(waited - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ ok: false, network: 'timeout', errorInfo: `no answer within ${waited} ms` });
  });

  it('hands the pause signal on: a call whose wait crossed a pause waits once more, and says so', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let pauses = 0;
    const signal: PauseSignal = { check: () => pauses };
    const { env } = recordingEnv();
    const gateway = gatewayFor(connectionTo({ kind: 'region', region: 'singapore' }), SECRET, { ...env, fetch: silent }, 1000, signal);
    let settled = false;
    const call = gateway.deleteRobot('@RBT#a').finally(() => (settled = true));
    pauses++; // the laptop slept while the call waited
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await call).toMatchObject({ ok: false, network: 'timeout', acrossPause: true });
  });
});

describe('realGatewayEnv', () => {
  it('is the transport given with the system clock, Math.random and random 32-bit integers', () => {
    const fetch: FetchLike = async () => ({ status: 200, text: async () => OK });
    const env = realGatewayEnv(fetch);
    expect(env.fetch).toBe(fetch);
    expect(env.clock).toBe(systemClock);
    expect(env.random).toBe(Math.random);
    const draws = Array.from({ length: 32 }, () => env.randomUint32());
    for (const draw of draws) expect(Number.isInteger(draw) && draw >= 0 && draw < 2 ** 32).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(1);
  });
});
