// The side effects a gateway call needs (transport, clock, randomness) and the signed client for a connection.
import { targetBaseUrl, type Connection } from '../../shared/target.js';
import { systemClock, wallTime, type Clock, type PauseSignal } from './clock.js';
import { cryptoRandomUint32, TimGateway, type FetchLike } from './tim/gateway.js';

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

/**
 * A gateway client for a connection; throws before any request when the endpoint is not allowed. Its UserSigs are
 * signed by the wall clock (the gateway checks them against its own); `pauses` lets its timeouts survive a pause.
 */
export function gatewayFor(
  connection: Connection,
  secretKey: string,
  env: GatewayEnv,
  timeoutMs?: number,
  pauses?: PauseSignal,
): TimGateway {
  return new TimGateway({
    baseUrl: targetBaseUrl(connection.target),
    sdkAppId: connection.sdkAppId,
    identifier: connection.identifier,
    secretKey,
    fetch: env.fetch,
    now: () => wallTime(env.clock),
    randomUint32: env.randomUint32,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(pauses ? { pauses } : {}),
  });
}
