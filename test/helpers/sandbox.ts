// Test helpers: a sandbox gateway (in memory for the unit tier, over loopback HTTP for the integration tier) and a
// gateway client aimed at it, with known credentials; `sandboxFetch` reaches whichever sandbox a URL names.
import { createInMemorySandbox } from '../../electron/core/sandbox/in-memory.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/server.js';
import { TimGateway, cryptoRandomUint32, type GatewayConfig } from '../../electron/core/tim/gateway.js';
import { nodeFetch } from '../../electron/core/tim/node-http.js';
import type { FetchLike } from '../../electron/core/tim/outcome.js';

export const TEST_SECRET = 'c0ffee5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1b';
export const TEST_SDKAPPID = 1400000001;
export const TEST_ADMIN = 'administrator';

const defaults = { sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN, secretKey: TEST_SECRET, recordRequests: 100 };
const inMemory = new Map<string, Sandbox>();
/** Ports below Linux's ephemeral range, so no socket of a real sandbox ever has one of these addresses. */
let nextPort = 20_000;

/**
 * A sandbox with no socket, reached through `sandboxFetch` or its own `fetch` at its (unlistened) loopback URL; given a
 * port, it answers at that port (a gateway that came back at the same address).
 */
export async function withSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const url = `http://127.0.0.1:${options.port ?? nextPort++}`;
  const sandbox = createInMemorySandbox({ ...defaults, ...options, url });
  inMemory.set(url, sandbox);
  return {
    ...sandbox,
    close: () => {
      inMemory.delete(url);
      return sandbox.close();
    },
  };
}

/** A sandbox listening on 127.0.0.1: for the integration tier (spawned processes, real sockets). */
export function withHttpSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ ...defaults, ...options });
}

/**
 * Fetch for the CLI and services in tests: an in-memory sandbox's URL is answered by it; any other goes over the
 * network in the integration tier, and is refused in the unit tier (vitest.config.ts sets BOTSWEEP_TEST_TIER), which
 * never leaves the process.
 */
export const sandboxFetch: FetchLike = (url, init) => {
  const sandbox = inMemory.get(new URL(url).origin);
  if (sandbox) return sandbox.fetch(url, init);
  if (process.env.BOTSWEEP_TEST_TIER === 'unit') {
    const refused = Object.assign(new Error(`connect ECONNREFUSED ${new URL(url).host} (the unit tier reaches no network)`), {
      code: 'ECONNREFUSED',
    });
    return Promise.reject(new TypeError('fetch failed', { cause: refused }));
  }
  return nodeFetch(url, init);
};

/** A client of the sandbox (through its fetch), or of any other URL through `sandboxFetch`. */
export function gatewayFor(
  sandbox: Pick<Sandbox, 'url'> & Partial<Pick<Sandbox, 'fetch'>>,
  overrides: Partial<GatewayConfig> = {},
): TimGateway {
  return new TimGateway({
    baseUrl: sandbox.url,
    sdkAppId: TEST_SDKAPPID,
    identifier: TEST_ADMIN,
    secretKey: TEST_SECRET,
    fetch: sandbox.fetch ?? sandboxFetch,
    now: Date.now,
    randomUint32: cryptoRandomUint32,
    timeoutMs: 2000,
    ...overrides,
  });
}

/** The CLI's flags that name the sandbox app at `url` (the key comes from TIM_SECRET_KEY or a profile). */
export function connectionFlags(url: string): string[] {
  return ['--endpoint', url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
}
