// Flags shared by the commands that call the gateway: the target, the app, the admin, the secret and the timeout.
// Profiles (and the validation library they need, about 30 ms to load) are loaded only when a command names one.
import { checkEndpoint } from '../../shared/endpoint.js';
import { identifierProblem } from '../../shared/identifier.js';
import { isRegionId, REGION_IDS } from '../../shared/regions.js';
import type { Connection, Target } from '../../shared/target.js';
import { dataDir } from '../core/data-dir.js';
import { realGatewayEnv, type GatewayEnv } from '../core/gateway-env.js';
import type { FetchLike } from '../core/tim/gateway.js';
import type { ProfileStore } from '../core/profiles.js';
import { Sweeps, type History } from '../core/sweeps.js';
import { osKeychain, Vault, VaultError } from '../core/vault.js';
import { positiveInt, UsageError, writeLine, type CliIo } from './io.js';

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
A secret key is never taken as an argument.`;

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
  const identifier = value.trim();
  const problem = identifierProblem(identifier);
  if (problem) throw new UsageError(`--identifier: ${problem}`);
  return identifier;
}

export function timeoutFromFlags(flags: ConnectionFlags): number {
  return positiveInt('timeout', flags.timeout, 10_000);
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

export function hasEnvSecret(io: CliIo): boolean {
  return takenSecrets.has(io) || Boolean(io.env.TIM_SECRET_KEY);
}

export function secretFromEnv(io: CliIo): string {
  const secret = takeEnvSecret(io);
  if (!secret) throw new UsageError('no secret key: use --profile NAME, or set the environment variable TIM_SECRET_KEY');
  return secret;
}

export async function profileStore(io: CliIo): Promise<ProfileStore> {
  const { ProfileStore } = await import('../core/profiles.js');
  return new ProfileStore(cliDataDir(io), cliVault(io), io.now);
}

/** The data folder: the injected one, else BOTSWEEP_HOME or the per-user app data folder. */
export function cliDataDir(io: CliIo): string {
  return io.dataDir ?? dataDir(io.env);
}

/** The vault over the injected keychain, else the OS keychain. */
export function cliVault(io: CliIo): Vault {
  return new Vault({ keychain: io.keychain ?? osKeychain });
}

export interface ResolvedConnection {
  readonly connection: Connection;
  /** Reads the secret (from the keychain for a profile) only when a call is about to be made. */
  readonly secret: () => Promise<string>;
  readonly profile: string | null;
  /** The profile's protected account globs and production flag, when a profile names the app. */
  readonly guard: { readonly protected: readonly string[]; readonly production: boolean } | null;
}

/** --profile NAME, or the app spelled out in flags with TIM_SECRET_KEY. */
export async function resolveConnection(flags: ConnectionFlags, io: CliIo): Promise<ResolvedConnection> {
  if (flags.profile !== undefined) {
    const spelled = (['region', 'endpoint', 'sdkappid', 'identifier'] as const).filter((key) => flags[key] !== undefined);
    if (spelled.length) throw new UsageError(`--profile already names the app; drop ${spelled.map((key) => `--${key}`).join(', ')}`);
    return profileConnection(flags.profile, io);
  }
  const connection = connectionFromFlags(flags);
  return { connection, secret: async () => secretFromEnv(io), profile: null, guard: null };
}

export async function profileConnection(name: string, io: CliIo): Promise<ResolvedConnection> {
  const store = await profileStore(io);
  const { ProfileError } = await import('../core/profiles.js');
  const profile = (() => {
    try {
      return store.get(name);
    } catch (error) {
      if (error instanceof ProfileError) throw new UsageError(error.message);
      throw error;
    }
  })();
  if (store.warning) writeLine(io.stderr, `warning: ${store.warning}`);
  return {
    connection: { target: profile.target, sdkAppId: profile.sdkAppId, identifier: profile.identifier },
    secret: async () => {
      // A session-only profile has no secret outside the app: take TIM_SECRET_KEY instead.
      if (profile.secretStorage === 'session') return secretFromEnv(io);
      try {
        return await store.secretFor(profile);
      } catch (error) {
        if (error instanceof VaultError)
          throw new KeychainProblem(`the secret key of profile "${profile.name}" could not be read: ${error.message}`);
        throw error;
      }
    },
    profile: profile.name,
    guard: { protected: profile.protected ?? [], production: profile.production === true },
  };
}

/** The keychain could not give a secret: exit 3 like other credential failures, nothing sent. */
export class KeychainProblem extends Error {
  override readonly name = 'KeychainProblem';
}

/** The side effects of gateway calls made from the CLI: the real ones unless the io injects fetch or a clock. */
export function cliGatewayEnv(io: CliIo): GatewayEnv {
  const real = realGatewayEnv(io.fetch ?? (fetch as unknown as FetchLike));
  return io.clock ? { ...real, clock: io.clock } : real;
}

/** The sweep use cases over the data folder (shared with the app): batches under a per-app lock, retry, history. */
export function cliSweeps(io: CliIo): Sweeps {
  return new Sweeps({ ...cliGatewayEnv(io), dataDir: cliDataDir(io) });
}

/** The history in the data folder, with running batches known. */
export function cliHistory(io: CliIo): History {
  return cliSweeps(io).history;
}
