// One batch end to end, the entry point the CLI and the app share: journal the plan, run the engine, close the journal.
import type { SweepProgress } from '../../../shared/sweep.js';
import { targetBaseUrl, type Connection } from '../../../shared/target.js';
import { systemClock, type Clock } from '../clock.js';
import type { History } from '../history.js';
import { cryptoRandomUint32, TimGateway, type FetchLike } from '../tim/gateway.js';
import { runSweep, type SweepOptions, type SweepReport } from './engine.js';

/** The side effects a batch needs, passed in. */
export interface GatewayEnv {
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly random: () => number;
  readonly randomUint32: () => number;
}

/** The real side effects, with the transport given: global fetch under Node, Electron's net.fetch in the app. */
export function realGatewayEnv(fetch: FetchLike): GatewayEnv {
  return { fetch, clock: systemClock, random: Math.random, randomUint32: cryptoRandomUint32 };
}

export interface BatchEnv extends GatewayEnv {
  readonly history: History;
}

export interface BatchRequest {
  readonly connection: Connection;
  readonly secretKey: string;
  readonly accounts: readonly string[];
  readonly profile?: string | null;
  readonly profileId?: string | null;
  readonly retryOf?: string | null;
  readonly timeoutMs?: number;
  readonly sweep?: Omit<SweepOptions, 'onProgress' | 'signal'>;
  readonly signal?: AbortSignal;
  /** Called once the batch is journaled, before the first call. */
  readonly onBegin?: (batchId: string) => void;
  readonly onProgress?: (progress: SweepProgress) => void;
}

export interface BatchOutcome extends SweepReport {
  readonly batchId: string;
}

/** A gateway client for a connection; throws before any request when the endpoint is not allowed. */
export function gatewayFor(connection: Connection, secretKey: string, env: GatewayEnv, timeoutMs?: number): TimGateway {
  return new TimGateway({
    baseUrl: targetBaseUrl(connection.target),
    sdkAppId: connection.sdkAppId,
    identifier: connection.identifier,
    secretKey,
    fetch: env.fetch,
    now: () => env.clock.now(),
    randomUint32: env.randomUint32,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

export async function runBatch(request: BatchRequest, env: BatchEnv): Promise<BatchOutcome> {
  const gateway = gatewayFor(request.connection, request.secretKey, env, request.timeoutMs);
  const writer = env.history.begin(
    {
      target: request.connection.target,
      sdkAppId: request.connection.sdkAppId,
      identifier: request.connection.identifier,
      profile: request.profile ?? null,
      profileId: request.profileId ?? null,
      retryOf: request.retryOf ?? null,
    },
    request.accounts,
  );
  request.onBegin?.(writer.id);
  const report = await runSweep(
    request.accounts,
    { gateway, sink: writer, clock: env.clock, random: env.random },
    {
      ...request.sweep,
      ...(request.signal ? { signal: request.signal } : {}),
      onProgress: (progress) => request.onProgress?.({ batchId: writer.id, ...progress }),
    },
  );
  writer.end(report.status, report.results, report.stop);
  return { batchId: writer.id, ...report };
}
