// Where a use case is aimed and which key signs for it: a profile (its bound key from the keychain or this app
// session; for a session-only profile outside the app, the environment's key) or an app spelled out (the
// environment's key). A key is read only when a call is about to be made.
import { profileConnection, type ProfileView } from '../../../shared/profile.js';
import type { Connection } from '../../../shared/target.js';
import { describeConnection } from '../../../shared/app-identity.js';
import { gatewayFor } from '../gateway-env.js';
import type { TimGateway } from '../tim/gateway.js';
import { VaultError } from '../vault.js';
import type { Context } from './context.js';
import { refuse } from './refusals.js';

/** A profile by name or id (the CLI), a profile by its exact id (the contract), or an app spelled out. */
export type Aim = { readonly profile: string } | { readonly profileId: string } | { readonly connection: Connection };

/** The environment's secret key (TIM_SECRET_KEY), read only when needed; undefined when there is none. */
export type EnvSecret = () => string | undefined;

export interface Aimed {
  readonly connection: Connection;
  /** The profile aimed at, when one was. */
  readonly profile: ProfileView | null;
  readonly key: () => Promise<string>;
}

/** A profile by id, or by name ignoring case (or by its exact id only); refuses naming the profiles there are. */
export function findProfile(context: Context, nameOrId: string, exactId = false): ProfileView {
  const profile = context.profiles.find(nameOrId);
  if (profile && (!exactId || profile.id === nameOrId)) return profile;
  const known = context.profiles.list().map((p) => p.name);
  return refuse('profile-missing', { profile: nameOrId, known: known.join(', ') });
}

export function resolveAim(context: Context, aim: Aim, envSecret: EnvSecret = () => undefined): Aimed {
  if ('connection' in aim) {
    const connection = aim.connection;
    return { connection, profile: null, key: async () => envSecret() ?? refuse('secret-missing', { app: describeConnection(connection) }) };
  }
  const profile = 'profileId' in aim ? findProfile(context, aim.profileId, true) : findProfile(context, aim.profile);
  const connection = profileConnection(profile);
  return { connection, profile, key: () => profileKey(context, profile, envSecret) };
}

/**
 * A profile's key. A session-only profile without one in this process takes the environment's key — unless the
 * keychain holds an entry for it after all (profiles.json said "session" but was edited): then that entry's binding
 * decides, so flipping the storage in the file cannot aim the environment's key at another host.
 */
export async function profileKey(context: Context, profile: ProfileView, envSecret: EnvSecret): Promise<string> {
  try {
    return await context.profiles.secretFor(profile);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    if (error.problem !== 'missing' || profile.secretStorage !== 'session')
      throw new VaultError(error.problem, `the secret key of profile "${profile.name}" could not be read: ${error.message}`);
  }
  if (await context.profiles.hasKeychainEntry(profile)) return context.profiles.secretFor({ ...profile, secretStorage: 'keychain' });
  return envSecret() ?? refuse('secret-missing', { app: describeConnection(profileConnection(profile)), profile: profile.name });
}

/** A signed gateway client for an aim. */
export async function gatewayOf(context: Context, aimed: Aimed): Promise<TimGateway> {
  return gatewayFor(aimed.connection, await aimed.key(), context.env, context.env.timeoutMs);
}
