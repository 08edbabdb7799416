// One exchange with the gateway, against fake transports and a fake timer: pause-aware timeouts, the body cap,
// answers that are not the gateway's, Retry-After, and the words for slow and cut-short answers.
import { describe, expect, it } from 'vitest';
import type { PauseSignal } from '../../../../../electron/core/clock.js';
import type { FetchLike } from '../../../../../electron/core/tim/outcome.js';
import { exchange, retryAfterMs, RETRY_AFTER_CAP_MS, type TransportConfig } from '../../../../../electron/core/tim/transport.js';
import { FakeClock } from '../../../../helpers/fake-clock.js';

type Response = Awaited<ReturnType<FetchLike>>;

const config = (fetch: FetchLike, change: Partial<TransportConfig> = {}): TransportConfig => ({
  fetch,
  timeoutMs: 10_000,
  baseUrl: 'https://gateway.example.com',
  redact: (text) => text,
  ...change,
});

/** A fetch that answers `response` after `delayMs` of virtual time, or rejects like fetch when its signal aborts first. */
function fakeFetch(clock: FakeClock, delayMs: number, response: () => Response): FetchLike {
  return (_url, init) =>
    new Promise((resolve, reject) => {
      const abort = () => reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
      if (init.signal.aborted) return abort();
      init.signal.addEventListener('abort', abort, { once: true });
      clock.sleep(delayMs).then(() => resolve(response()), reject);
    });
}

const json = (text: string, status = 200, headers: Record<string, string> = {}): Response => ({
  status,
  headers: { get: (name) => headers[name.toLowerCase()] ?? null },
  text: async () => text,
});

describe('timeouts', () => {
  it('a call with no answer in time is a timeout: ambiguous, named slow', async () => {
    const clock = new FakeClock();
    const outcome = await clock.run(
      exchange(
        config(
          fakeFetch(clock, 60_000, () => json('{}')),
          { timer: clock },
        ),
        'u',
        '{}',
      ),
    );
    expect(outcome).toMatchObject({ ok: false, network: 'timeout', ambiguous: true, errorInfo: 'no answer within 10000 ms' });
    expect(clock.now()).toBe(1_000_000 + 10_000);
  });

  it('a timeout that fired across a pause of the process waits once more, and the answer sitting there is read', async () => {
    const clock = new FakeClock();
    let pauses = 0;
    const pause: PauseSignal = { check: () => pauses };
    // The process is stopped for 16 s from 2 s on: the answer arrived meanwhile (at 3 s) but nobody read it.
    void clock.sleep(2_000).then(() => (pauses = 1));
    const fetch = fakeFetch(clock, 12_000, () => json('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'));
    const outcome = await clock.run(exchange(config(fetch, { timer: clock, pauses: pause }), 'u', '{}'));
    expect(outcome).toEqual({ ok: true, text: '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' });
  });

  it('a call that still gets no answer after a pause is a timeout across the pause: no evidence against the gateway', async () => {
    const clock = new FakeClock();
    let pauses = 0;
    void clock.sleep(5_000).then(() => (pauses = 1));
    const fetch = fakeFetch(clock, 60_000, () => json('{}'));
    const outcome = await clock.run(exchange(config(fetch, { timer: clock, pauses: { check: () => pauses } }), 'u', '{}'));
    expect(outcome).toMatchObject({ ok: false, network: 'timeout', acrossPause: true, ambiguous: true });
    expect(clock.now()).toBe(1_000_000 + 20_000);
  });
});

describe('answers', () => {
  it('reads a body no larger than the cap, and refuses a larger one without reading it all', async () => {
    const big = 'x'.repeat(2048);
    let pulled = 0;
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode(big));
        },
      });
    const fetch: FetchLike = async () => ({ status: 200, body: stream(), text: async () => '' });
    const outcome = await exchange(config(fetch, { maxAnswerBytes: 8192 }), 'u', '{}');
    expect(outcome).toMatchObject({ ok: false, errorClass: 'malformed', ambiguous: true, errorInfo: expect.stringMatching(/larger than/) });
    expect(pulled).toBeLessThanOrEqual(6);
    const declared: FetchLike = async () => ({ ...json(''), headers: { get: (n) => (n === 'content-length' ? '300000000' : null) } });
    expect(await exchange(config(declared), 'u', '{}')).toMatchObject({ ok: false, errorInfo: expect.stringMatching(/larger than 8 MB/) });
  });

  it.each([
    [302, { location: 'https://login.example.com/sso?x=1' }, 'redirect', /redirect \(HTTP 302\) to https:\/\/login\.example\.com;/],
    [403, {}, 'not-gateway', /https:\/\/gateway\.example\.com answered HTTP 403: it is not the Chat REST gateway/],
    [404, {}, 'not-gateway', /answered HTTP 404/],
    [429, { 'retry-after': '3' }, 'rate-limited', /HTTP 429/],
    [503, {}, 'transient', /HTTP 503/],
  ] as const)('HTTP %s is %s', async (status, headers, errorClass, info) => {
    const outcome = await exchange(
      config(async () => json('<html></html>', status, headers)),
      'u',
      '{}',
    );
    expect(outcome).toMatchObject({ ok: false, errorClass, errorInfo: expect.stringMatching(info) });
    if (status === 429) expect(outcome).toMatchObject({ retryAfterMs: 3000, ambiguous: false });
    if (status === 503) expect(outcome).toMatchObject({ ambiguous: true });
  });

  it('reads Retry-After as seconds or a date, capped', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('3600')).toBe(RETRY_AFTER_CAP_MS);
    const now = Date.UTC(2026, 11, 2, 12, 0, 0);
    expect(retryAfterMs(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(retryAfterMs(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });

  it('names a refused connection, a dropped one and an answer cut short in those words', async () => {
    const refused: FetchLike = async () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    expect(await exchange(config(refused), 'u', '{}')).toMatchObject({ network: 'refused', ambiguous: false });
    const reset: FetchLike = async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));
    expect(await exchange(config(reset), 'u', '{}')).toMatchObject({ network: 'dropped', ambiguous: true });
    const cut: FetchLike = async () => ({
      status: 200,
      text: async () => Promise.reject(Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET' } })),
    });
    expect(await exchange(config(cut), 'u', '{}')).toMatchObject({
      network: 'cut-short',
      ambiguous: true,
      errorInfo: 'the answer was cut short (UND_ERR_SOCKET)',
    });
  });
});
