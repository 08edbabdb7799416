// testConnection over a scripted transport: one get_all_robots call, answered as OK with the chatbots it listed, or
// as the failure with advice the user can act on (the error code's own, else the failure's); the key never shows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../../../electron/core/clock.js';
import { testConnection } from '../../../../electron/core/connection-test.js';
import type { GatewayEnv } from '../../../../electron/core/gateway-env.js';
import type { FetchLike } from '../../../../electron/core/tim/outcome.js';
import type { Connection } from '../../../../shared/target.js';

const SECRET = 'secret-key-never-shown';
const connection: Connection = { target: { kind: 'region', region: 'singapore' }, sdkAppId: 1400000001, identifier: 'administrator' };
const clock: Clock = { now: () => Date.UTC(2026, 0, 1), sleep: async () => {} };

/** A transport that answers every request with `answer` and remembers the URLs asked for. */
function scripted(answer: (...request: Parameters<FetchLike>) => ReturnType<FetchLike>) {
  const urls: string[] = [];
  const fetch: FetchLike = (url, init) => {
    urls.push(url);
    return answer(url, init);
  };
  const env: GatewayEnv = { fetch, clock, random: () => 0.5, randomUint32: () => 7 };
  return { env, urls };
}
const json = (body: unknown) => async () => ({ status: 200, text: async () => JSON.stringify(body) });
const refusal = (code: number, info = '') => json({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info });

afterEach(() => {
  vi.useRealTimers();
});

describe('testConnection: a good answer', () => {
  it.each([
    ['the chatbots listed', ['@RBT#a', '@RBT#b'], 2, ['@RBT#a', '@RBT#b']],
    ['no chatbots', [], 0, []],
    ['entries that are not chatbots, and repeats, are not counted', ['@RBT#a', 'admin', '@RBT#a', '@RBT#b'], 2, ['@RBT#a', '@RBT#b']],
    ['a listing without its field: no chatbots', undefined, 0, []],
  ])('%s', async (_case, listed, botCount, accounts) => {
    const { env, urls } = scripted(json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...(listed ? { Robot_Account: listed } : {}) }));
    expect(await testConnection(connection, SECRET, env)).toEqual({ ok: true, botCount, accounts });
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0]!);
    expect(`${url.host}${url.pathname}`).toBe('adminapisgp.im.qcloud.com/v4/openim_robot_http_svc/get_all_robots');
    expect(url.searchParams.get('sdkappid')).toBe('1400000001');
    expect(url.searchParams.get('identifier')).toBe('administrator');
    expect(urls[0]).not.toContain(SECRET);
  });
});

describe('testConnection: a refusal, with the advice for its code', () => {
  const wrongRegion = 'Wrong region: this SDKAppID lives in another data center. Pick the region shown for the app in the Chat console.';
  const notAdmin = 'The identifier is not an app administrator. Use an admin account from the Chat console (for example "administrator").';
  it.each([
    [70016, 'credentials', wrongRegion],
    [70020, 'credentials', wrongRegion],
    [60010, 'credentials', notAdmin],
    [10008, 'fatal', notAdmin],
    [
      70009,
      'credentials',
      'The secret key does not match this SDKAppID. Check the key and the SDKAppID (Chat console → Basic configuration).',
    ],
    [70003, 'credentials', 'The signature could not be read: check the secret key.'],
    [70014, 'credentials', 'Check the SDKAppID.'],
    [60006, 'credentials', 'The SDKAppID is not valid: check it.'],
    [70050, 'fatal', 'Too many wrong signatures: the gateway refuses this app for a minute. Fix the key, wait a minute, then try again.'],
    // No advice of its own: the failure's.
    [70013, 'credentials', 'Check the admin identifier.'],
    [60016, 'fatal', 'Re-enable the app in the Chat console.'],
    [60007, 'rate-limited', 'Lower the call rate.'],
    [91234, 'item', 'See the Chat error-code documentation for this code.'],
  ] as const)('%i (%s)', async (code, errorClass, advice) => {
    const { env } = scripted(refusal(code, 'words of the gateway'));
    const result = await testConnection(connection, SECRET, env);
    expect(result).toMatchObject({
      ok: false,
      errorClass,
      errorCode: code,
      failure: { errorCode: code, errorInfo: 'words of the gateway' },
    });
    expect(result.ok === false && result.message).toMatch(new RegExp(`\\[${code}: words of the gateway\\]\\. ${escape(advice)}$`));
  });

  it('never shows the key, even when the gateway echoes it', async () => {
    const { env } = scripted(refusal(70009, `bad key ${SECRET}`));
    const result = await testConnection(connection, SECRET, env);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.ok === false && result.message).toContain('[redacted]');
  });
});

describe('testConnection: no answer from the gateway', () => {
  const cannotReach = 'Cannot reach the gateway: check that you are online and that no proxy or firewall blocks it.';
  it.each([
    ['a refused connection', { code: 'ECONNREFUSED' }, 'refused', 'connection refused (ECONNREFUSED)'],
    ['a name that does not resolve', { code: 'ENOTFOUND' }, 'unresolved', 'the gateway’s name does not resolve (ENOTFOUND)'],
    ['a dropped connection', { code: 'ECONNRESET' }, 'dropped', 'the connection was dropped before an answer (ECONNRESET)'],
  ])('%s: the network advice, then the failure’s', async (_case, cause, network, info) => {
    const { env } = scripted(() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause })));
    const result = await testConnection(connection, SECRET, env);
    expect(result).toMatchObject({ ok: false, errorClass: 'network', errorCode: null, failure: { network } });
    expect(result.ok === false && result.message).toMatch(new RegExp(`^${escape(info)}\\. ${escape(cannotReach)} \\S`));
  });

  it('HTTP 502: the failure’s own advice, and its status kept', async () => {
    const { env } = scripted(async () => ({ status: 502, text: async () => '' }));
    const result = await testConnection(connection, SECRET, env);
    expect(result).toMatchObject({ ok: false, errorClass: 'transient', errorCode: null, failure: { httpStatus: 502 } });
    expect(result.ok === false && result.message).toBe('the gateway answered HTTP 502. Try again in a moment.');
  });

  it.each([
    ['the timeout given', 2500, 2500],
    ['10 s by default', undefined, 10_000],
  ])('gives up after %s', async (_case, timeoutMs, waited) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { env } = scripted(
      (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason))),
    );
    let settled = false;
    const pending = testConnection(connection, SECRET, env, timeoutMs).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(waited - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, errorClass: 'network', errorCode: null, failure: { network: 'timeout' } });
    expect(result.ok === false && result.message).toBe(
      `no answer within ${waited} ms. ${cannotReach} Check the network, or raise the timeout.`,
    );
  });

  it('refuses an endpoint that is not allowed before sending anything', async () => {
    const { env, urls } = scripted(json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
    const plainHttp: Connection = { ...connection, target: { kind: 'endpoint', url: 'http://gateway.example.com' } };
    await expect(testConnection(plainHttp, SECRET, env)).rejects.toThrow(/plain http:\/\/ is only allowed to this machine/);
    expect(urls).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
