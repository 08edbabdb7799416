// Test helpers: a sandbox gateway and a gateway client aimed at it, with known credentials.
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/core/sandbox/server.js';
import { TimGateway, cryptoRandomUint32, type GatewayConfig } from '../../../electron/core/tim/gateway.js';

export const TEST_SECRET = 'c0ffee5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1b';
export const TEST_SDKAPPID = 1400000001;
export const TEST_ADMIN = 'administrator';

export async function withSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN, secretKey: TEST_SECRET, recordRequests: 100, ...options });
}

export function gatewayFor(sandbox: { url: string }, overrides: Partial<GatewayConfig> = {}): TimGateway {
  return new TimGateway({
    baseUrl: sandbox.url,
    sdkAppId: TEST_SDKAPPID,
    identifier: TEST_ADMIN,
    secretKey: TEST_SECRET,
    fetch: fetch,
    now: Date.now,
    randomUint32: cryptoRandomUint32,
    timeoutMs: 2000,
    ...overrides,
  });
}
