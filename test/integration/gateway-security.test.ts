// The gateway client's security rules: no redirect followed, localhost by rule, one-hour UserSigs, safe error text.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runSweep } from '../../electron/core/sweep/engine.js';
import { cryptoRandomUint32, GATEWAY_USERSIG_LIFETIME_SECONDS, TimGateway, type FetchLike } from '../../electron/core/tim/gateway.js';
import { classifyErrorCode } from '../../electron/core/tim/errors.js';
import { decodeUserSig, verifyUserSig } from '../../electron/core/tim/usersig.js';
import type { AccountResult } from '../../shared/sweep.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

function client(baseUrl: string, overrides: Partial<ConstructorParameters<typeof TimGateway>[0]> = {}): TimGateway {
  return new TimGateway({
    baseUrl,
    sdkAppId: TEST_SDKAPPID,
    identifier: TEST_ADMIN,
    secretKey: TEST_SECRET,
    fetch: fetch as unknown as FetchLike,
    now: Date.now,
    randomUint32: cryptoRandomUint32,
    timeoutMs: 2000,
    ...overrides,
  });
}

describe('redirects', () => {
  it.each([301, 302, 307, 308])(
    'a %i is an error naming the status and the Location host; nothing reaches the Location',
    async (status) => {
      const elsewhere = await serve((_req, res) => res.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'));
      const gateway = await serve((_req, res) => {
        res.writeHead(status, { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/steal?keep=query` });
        res.end();
      });
      const outcome = await client(gateway.url).deleteRobot('@RBT#a');
      expect(outcome).toMatchObject({ ok: false, errorClass: 'redirect', errorCode: null, ambiguous: true });
      if (outcome.ok) return;
      expect(outcome.errorInfo).toContain(`HTTP ${status}`);
      expect(outcome.errorInfo).toContain(`http://localhost:${new URL(elsewhere.url).port}`);
      expect(outcome.errorInfo).not.toMatch(/steal|keep=|usersig/i);
      expect(gateway.hits).toHaveLength(1);
      expect(elsewhere.hits).toEqual([]);
    },
  );

  it('asks fetch not to follow, and treats a browser-style opaque redirect the same', async () => {
    const seen: string[] = [];
    const fake: FetchLike = async (_url, init) => {
      seen.push(init.redirect);
      return { status: 0, type: 'opaqueredirect', text: async () => '' };
    };
    const outcome = await client('https://gateway.example.com', { fetch: fake }).getAllRobots();
    expect(seen).toEqual(['manual']);
    expect(outcome).toMatchObject({ ok: false, errorClass: 'redirect' });
  });

  it('stops a batch at the first redirect with stop kind "not-gateway"', async () => {
    const gateway = await serve((_req, res) => {
      res.writeHead(307, { location: 'http://203.0.113.9/v4/x' });
      res.end();
    });
    const journal: AccountResult[] = [];
    const report = await runSweep(
      ['@RBT#a', '@RBT#b', '@RBT#c'],
      {
        gateway: client(gateway.url),
        journal: { outcome: (result) => journal.push(result), sent: () => {}, classified: () => {} },
        clock: new FakeClock(),
        random: () => 0.5,
      },
      { concurrency: 1 },
    );
    expect(report.status).toBe('aborted');
    expect(report.stop).toMatchObject({ kind: 'not-gateway', errorInfo: expect.stringContaining('http://203.0.113.9') });
    // The listing before the first deletion met the redirect: not one deletion was sent.
    expect(report.calls).toBe(0);
    expect(report.summary).toMatchObject({ skipped: 3 });
    expect(gateway.hits).toHaveLength(1);
  });
});

describe('plain HTTP to this machine', () => {
  it('connects to 127.0.0.1 for http://localhost, never asking DNS, and keeps other hosts as given', async () => {
    const urls: string[] = [];
    const fake: FetchLike = async (url) => {
      urls.push(url);
      return { status: 200, text: async () => '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Robot_Account":[]}' };
    };
    await client('http://localhost:8080/base', { fetch: fake }).getAllRobots();
    await client('http://[::1]:8080', { fetch: fake }).getAllRobots();
    await client('https://localhost:8443', { fetch: fake }).getAllRobots();
    expect(urls.map((url) => new URL(url).host)).toEqual(['127.0.0.1:8080', '[::1]:8080', 'localhost:8443']);
    expect(new URL(urls[0]!).pathname).toBe('/base/v4/openim_robot_http_svc/get_all_robots');
  });

  it('refuses http:// to a name under .localhost before any request', () => {
    expect(() => client('http://gw.localhost:8080')).toThrow(/looked up in DNS/);
  });
});

describe('UserSig lifetime', () => {
  it('signs for an hour at most, even when asked for longer', () => {
    const urls: string[] = [];
    const fake: FetchLike = async (url) => {
      urls.push(url);
      return { status: 200, text: async () => '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' };
    };
    return client('https://gateway.example.com', { fetch: fake, userSigLifetimeSeconds: 180 * 24 * 3600 })
      .deleteRobot('@RBT#a')
      .then(() => {
        const sig = new URL(urls[0]!).searchParams.get('usersig')!;
        expect(decodeUserSig(sig)!.expire).toBe(GATEWAY_USERSIG_LIFETIME_SECONDS);
        expect(GATEWAY_USERSIG_LIFETIME_SECONDS).toBeLessThanOrEqual(3600);
      });
  });

  it('re-signs before expiry, so a batch longer than the lifetime succeeds (fake clock, gateway-side checks)', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const lifetimes = new Set<number>();
    const sigs = new Set<string>();
    let expiredAnswers = 0;
    const accounts = Array.from({ length: 12 }, (_, index) => `@RBT#long${index}`);
    const live = new Set(accounts);
    // A gateway that checks every UserSig against the (virtual) time and takes 20 minutes per call.
    const fake: FetchLike = async (url, init) => {
      const sig = new URL(url).searchParams.get('usersig')!;
      sigs.add(sig);
      lifetimes.add(decodeUserSig(sig)!.expire);
      const verdict = verifyUserSig(sig, {
        secretKey: TEST_SECRET,
        sdkAppId: TEST_SDKAPPID,
        identifier: TEST_ADMIN,
        now: () => clock.now(),
      });
      if (!verdict.ok) expiredAnswers++;
      await clock.sleep(20 * 60_000);
      if (verdict.ok && url.includes('/delete_robot')) live.delete(JSON.parse(init.body).Robot_Account);
      const body = verdict.ok
        ? { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: [...live] }
        : { ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'UserSig expired' };
      return { status: 200, text: async () => JSON.stringify(body) };
    };
    const gateway = client('https://gateway.example.com', { fetch: fake, now: () => clock.now(), timeoutMs: 60_000 });
    const started = clock.now();
    const report = await clock.run(
      runSweep(
        accounts,
        { gateway, journal: { outcome: () => undefined, sent: () => {}, classified: () => {} }, clock, random: () => 0.5 },
        { concurrency: 1 },
      ),
      10 * 3_600_000,
    );
    expect(clock.now() - started).toBeGreaterThan(3 * 3_600_000);
    expect(report.summary.deleted).toBe(12);
    expect([...lifetimes].every((lifetime) => lifetime <= 3600)).toBe(true);
    expect(sigs.size).toBeGreaterThan(3);
    // Renewed ahead of time: the gateway never saw an expired one (the 70001 re-sign is only a fallback).
    expect(expiredAnswers).toBe(0);
  });

  it('tells the user to check the computer’s clock on 70001', () => {
    expect(classifyErrorCode(70001).advice).toMatch(/computer’s clock/);
  });
});

describe('text from the gateway', () => {
  it('escapes control characters in ErrorInfo: no escape sequences, bells, OSC 52 or forged lines', async () => {
    const forged = '\u001b[32mDeleted 1 of 1. All good.\u001b[0m\u0007\u001b]52;c;ZXZpbA==\u0007\r\nnext\u202e';
    const gateway = await serve((_req, res) => res.end(JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: forged })));
    const outcome = await client(gateway.url).deleteRobot('@RBT#a');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    // eslint-disable-next-line no-control-regex
    expect(outcome.errorInfo).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(outcome.errorInfo).toBe(
      '\\u001b[32mDeleted 1 of 1. All good.\\u001b[0m\\u0007\\u001b]52;c;ZXZpbA==\\u0007\\u000d\\u000anext\\u202e',
    );
  });
});
