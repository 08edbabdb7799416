// Flags shared by the commands that call the gateway: the target, the app, the admin, the secret and the timeout.
import { checkEndpoint } from '../../shared/endpoint.js';
import { isRegionId, REGION_IDS } from '../../shared/regions.js';
import type { Connection, Target } from '../../shared/target.js';
import { systemClock } from '../core/clock.js';
import { dataDir } from '../core/data-dir.js';
import { History } from '../core/history.js';
import type { BatchEnv } from '../core/sweep/batch.js';
import { cryptoRandomUint32, type FetchLike } from '../core/tim/gateway.js';
import { positiveInt, UsageError, type CliIo } from './io.js';

export const CONNECTION_OPTIONS = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  sdkappid: { type: 'string' },
  identifier: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export const CONNECTION_HELP = `Target (one of):
  --region ID        ${REGION_IDS.join(', ')}
  --endpoint URL     a custom gateway: https://…, or http:// to this machine (the sandbox)
App:
  --sdkappid N       the app's SDKAppID
  --identifier ID    the app administrator account
  --timeout MS       per-request timeout (default 10000)
Secret key: from the environment variable TIM_SECRET_KEY (never an argument).`;

export interface ConnectionFlags {
  region?: string | undefined;
  endpoint?: string | undefined;
  sdkappid?: string | undefined;
  identifier?: string | undefined;
  timeout?: string | undefined;
}

export function targetFromFlags(flags: ConnectionFlags): Target {
  if (flags.region && flags.endpoint) throw new UsageError('give either --region or --endpoint, not both');
  if (flags.endpoint) {
    const check = checkEndpoint(flags.endpoint);
    if (!check.ok) throw new UsageError(`--endpoint: ${check.message}`);
    return { kind: 'endpoint', url: check.baseUrl };
  }
  if (flags.region) {
    if (!isRegionId(flags.region)) throw new UsageError(`unknown region "${flags.region}": choose one of ${REGION_IDS.join(', ')}`);
    return { kind: 'region', region: flags.region };
  }
  throw new UsageError('say where the app lives: --region ID or --endpoint URL');
}

export function connectionFromFlags(flags: ConnectionFlags): Connection {
  const target = targetFromFlags(flags);
  const identifier = flags.identifier?.trim();
  if (!identifier) throw new UsageError('--identifier is required: the app administrator account');
  return { target, sdkAppId: positiveInt('sdkappid', flags.sdkappid), identifier };
}

export function timeoutFromFlags(flags: ConnectionFlags): number {
  return positiveInt('timeout', flags.timeout, 10_000);
}

export function secretFromEnv(io: CliIo): string {
  const secret = io.env.TIM_SECRET_KEY;
  if (!secret) throw new UsageError('no secret key: set the environment variable TIM_SECRET_KEY');
  return secret;
}

/** The real side effects for core calls made from the CLI. */
export function coreEnv(io: CliIo): BatchEnv {
  return {
    fetch: fetch as unknown as FetchLike,
    clock: systemClock,
    random: Math.random,
    randomUint32: cryptoRandomUint32,
    history: new History(dataDir(io.env), io.now),
  };
}
