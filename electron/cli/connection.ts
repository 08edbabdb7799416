// Flags shared by the commands that call the gateway (the app by profile or spelled out, the timeout), the
// environment's secret key, and the use cases over the CLI's data folder, keychain and transport.
import { checkEndpoint } from '../../shared/endpoint.js';
import { identifierProblem, profileProblemText } from '../../shared/profile.js';
import { isRegionId, REGION_IDS } from '../../shared/regions.js';
import type { Connection, Target } from '../../shared/target.js';
import { dataDir } from '../core/data-dir.js';
import type { FetchLike } from '../core/tim/gateway.js';
import { createUseCases, realGatewayEnv, type Aim, type EnvSecret, type GatewayEnv, type UseCases } from '../core/usecases/index.js';
import { positiveInt, UsageError, type CliIo } from './io.js';

export const CONNECTION_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  sdkappid: { type: 'string' },
  identifier: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export const CONNECTION_HELP = `Connection: a saved profile (its secret key comes from the OS keychain)
  --profile NAME     see "botsweep profile list"
or the app spelled out, with the secret key in the environment variable TIM_SECRET_KEY:
  --region ID        ${REGION_IDS.join(', ')}
  --endpoint URL     a custom gateway: https://…, or http:// to 127.x.x.x, [::1] or localhost (the sandbox)
  --sdkappid N       the app's SDKAppID
  --identifier ID    the app administrator account
  --timeout MS       per-request timeout (default 10000)
A secret key is never taken as an argument. Every profile of an app guards it: its protected
accounts and its production mark hold whichever profile or key a command uses.`;

export interface ConnectionFlags {
  profile?: string | undefined;
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
  if (!flags.identifier?.trim()) throw new UsageError('--identifier is required: the app administrator account');
  return { target, sdkAppId: positiveInt('sdkappid', flags.sdkappid), identifier: identifierFromFlag(flags.identifier) };
}

/** The admin identifier, checked by the same rule as a profile's (no control, invisible or bidi characters). */
export function identifierFromFlag(value: string): string {
  const problem = identifierProblem(value);
  if (problem) throw new UsageError(`--identifier: ${profileProblemText(problem)}`);
  return value.trim();
}

export function timeoutFromFlags(flags: ConnectionFlags): number {
  return positiveInt('timeout', flags.timeout, 10_000);
}

/** --profile NAME, or the app spelled out in flags (with TIM_SECRET_KEY). */
export function aimFromFlags(flags: ConnectionFlags): Aim {
  if (flags.profile !== undefined) {
    const spelled = (['region', 'endpoint', 'sdkappid', 'identifier'] as const).filter((key) => flags[key] !== undefined);
    if (spelled.length) throw new UsageError(`--profile already names the app; drop ${spelled.map((key) => `--${key}`).join(', ')}`);
    return { profile: flags.profile };
  }
  return { connection: connectionFromFlags(flags) };
}

const takenSecrets = new WeakMap<CliIo, string>();

/**
 * TIM_SECRET_KEY, taken out of the environment on first read so a long-running command does not keep it there
 * (child processes and crash reports would see it); later reads in the same run get the remembered value.
 */
export function takeEnvSecret(io: CliIo): string | undefined {
  const taken = takenSecrets.get(io);
  if (taken !== undefined) return taken;
  const secret = io.env.TIM_SECRET_KEY;
  delete io.env.TIM_SECRET_KEY;
  if (secret) takenSecrets.set(io, secret);
  return secret || undefined;
}

/** The environment's key for the use cases, read only when one needs it. */
export function envSecret(io: CliIo): EnvSecret {
  return () => takeEnvSecret(io);
}

/** The data folder: the injected one, else BOTSWEEP_HOME or the per-user app data folder. */
export function cliDataDir(io: CliIo): string {
  return io.dataDir ?? dataDir(io.env);
}

/** The side effects of gateway calls made from the CLI: the real ones unless the io injects fetch or a clock. */
export function cliGatewayEnv(io: CliIo): GatewayEnv {
  const real = realGatewayEnv(io.fetch ?? (fetch as unknown as FetchLike));
  return io.clock ? { ...real, clock: io.clock } : real;
}

/** The use cases over the CLI's data folder, keychain (injected, else the OS's) and transport. */
export function cliUseCases(io: CliIo, timeoutMs?: number): UseCases {
  return createUseCases({
    ...cliGatewayEnv(io),
    dataDir: cliDataDir(io),
    ...(io.keychain ? { keychain: io.keychain } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}
