// Who signs a new batch for an earlier one (a retry, a re-creation): the profile named (which must be for the batch's
// own app and admin), else the environment's key, else the batch's own profile — checked against the journal's app
// whenever that profile still exists, so an edited journal cannot aim any key at another host.
import { profileConnection, type ProfileView } from '../../../shared/profile.js';
import type { BatchRecord } from '../../../shared/sweep.js';
import type { Connection } from '../../../shared/target.js';
import { describeConnection, sameAdmin } from '../../../shared/app-identity.js';
import { findProfile, profileKey, type EnvSecret } from './aim.js';
import type { Context } from './context.js';
import { refuse } from './refusals.js';

export interface SignerRequest {
  /** The profile to sign with (a CLI flag, or the profile the app's confirmation showed), by name or id. */
  readonly profile?: string | null;
  readonly envSecret?: EnvSecret;
}

export interface BatchSigner {
  readonly connection: Connection;
  /** The profile that signs, or null for the environment's key. */
  readonly profile: ProfileView | null;
  /** The profile the new batch is journaled under: the signing one, else the batch's own. */
  readonly journaled: { readonly id: string | null; readonly name: string } | null;
  readonly key: () => Promise<string>;
}

export function batchSigner(context: Context, batch: BatchRecord, request: SignerRequest): BatchSigner {
  const connection: Connection = { target: batch.target, sdkAppId: batch.sdkAppId, identifier: batch.identifier };
  const envSecret = request.envSecret ?? (() => undefined);
  const own =
    (batch.profileId && context.profiles.find(batch.profileId)) || (batch.profile && context.profiles.find(batch.profile)) || null;
  const mustMatch = (candidate: ProfileView) => {
    if (!sameAdmin(profileConnection(candidate), connection))
      refuse('retry-target-changed', {
        profile: candidate.name,
        profileApp: describeConnection(profileConnection(candidate)),
        batch: batch.id,
        batchApp: describeConnection(connection),
      });
  };
  if (own) mustMatch(own);
  let profile: ProfileView | null = null;
  if (request.profile != null) profile = findProfile(context, request.profile);
  else if (envSecret() === undefined) {
    profile = own;
    if (!profile) refuse('retry-profile-missing', { profile: batch.profile ?? '?', batch: batch.id });
  }
  if (profile) mustMatch(profile);
  const chosen = profile;
  const key = chosen
    ? () => profileKey(context, chosen, envSecret)
    : async () => envSecret() ?? refuse('secret-missing', { app: describeConnection(connection) });
  const journaled = chosen ? { id: chosen.id, name: chosen.name } : batch.profile ? { id: batch.profileId, name: batch.profile } : null;
  return { connection, profile: chosen, journaled, key };
}
