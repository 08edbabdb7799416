// Plans a retry of a batch: its accounts that are not done, to the batch's own app and admin only, signed by the
// profile named (which must be for that app and admin), else the environment's key, else the batch's own profile;
// the app's guards leave protected accounts out and a production app needs its name, whatever the key's source.
import { profileConnection, type ProfileView } from '../../../shared/profile.js';
import type { Connection } from '../../../shared/target.js';
import { describeConnection, sameAdmin } from '../../../shared/app-identity.js';
import { findProfile, profileKey, type EnvSecret } from './aim.js';
import type { Context } from './context.js';
import { guardsFor, productionName, requireUsable, withoutProtected } from './guards.js';
import { refuse } from './refusals.js';
import type { SweepPlan } from './sweep-plan.js';
import type { RetryPreview } from '../../../shared/api.js';

export interface RetryRequest {
  readonly batchId: string;
  /** The profile to sign with (a CLI flag, or the profile the app's confirmation showed), by name or id. */
  readonly profile?: string | null;
  readonly envSecret?: EnvSecret;
  /** The accounts the user confirmed, when not all; each must still be one the batch may send again. */
  readonly confirmed?: readonly string[];
}

export function planRetry(context: Context, request: RetryRequest): SweepPlan {
  const { batchId } = request;
  const { batch, plan } = context.sweeps.prepareRetry(batchId);
  let accounts = plan.accounts;
  if (!accounts.length) refuse('nothing-to-retry', { batch: batchId });
  if (request.confirmed) {
    const retryable = new Set(accounts);
    if (!request.confirmed.every((account) => retryable.has(account))) refuse('retry-accounts-changed');
    accounts = [...new Set(request.confirmed)];
  }
  const connection: Connection = { target: batch.target, sdkAppId: batch.sdkAppId, identifier: batch.identifier };
  const envSecret = request.envSecret ?? (() => undefined);
  const own =
    (batch.profileId && context.profiles.find(batch.profileId)) || (batch.profile && context.profiles.find(batch.profile)) || null;
  const mustMatch = (candidate: ProfileView) => {
    if (!sameAdmin(profileConnection(candidate), connection))
      refuse('retry-target-changed', {
        profile: candidate.name,
        profileApp: describeConnection(profileConnection(candidate)),
        batch: batchId,
        batchApp: describeConnection(connection),
      });
  };
  // The journal's app is checked against the batch's own profile whenever it still exists, whatever key signs: an
  // edited journal cannot aim the environment's key at another host either.
  if (own) mustMatch(own);
  let profile: ProfileView | null = null;
  let key: () => Promise<string>;
  if (request.profile != null) profile = findProfile(context, request.profile);
  else if (envSecret() === undefined) {
    profile = own;
    if (!profile) refuse('retry-profile-missing', { profile: batch.profile ?? '?', batch: batchId });
  }
  if (profile) {
    mustMatch(profile);
    const chosen = profile;
    key = () => profileKey(context, chosen, envSecret);
  } else {
    key = async () => envSecret() ?? refuse('secret-missing', { app: describeConnection(connection) });
  }
  const guards = guardsFor(connection, context.profiles.list());
  requireUsable(guards);
  const { sendable, leftOut } = withoutProtected(guards, accounts);
  if (!sendable.length) refuse('nothing-to-retry', { batch: batchId, protected: leftOut.length });
  const nicknames = Object.fromEntries(
    batch.results.filter((result) => result.nickname !== undefined).map((result) => [result.account, result.nickname!]),
  );
  return {
    connection,
    profile: profile ? { id: profile.id, name: profile.name } : batch.profile ? { id: batch.profileId, name: batch.profile } : null,
    accounts: sendable,
    leftOut,
    production: productionName(guards, profile?.name ?? null),
    retryOf: batch.id,
    previouslySent: plan.previouslySent,
    inheritedBots: plan.inheritedBots,
    ...(Object.keys(nicknames).length ? { nicknames } : {}),
    listing: null,
    duplicates: 0,
    notes: [],
    formats: [],
    key,
  };
}

/** What the app's retry dialog shows: exactly what a retry would send, and to where; nothing is sent. */
export function previewRetry(context: Context, request: RetryRequest): RetryPreview {
  const plan = planRetry(context, request);
  const statuses = new Map(context.sweeps.history.get(request.batchId)?.results.map((result) => [result.account, result]) ?? []);
  return {
    batchId: request.batchId,
    profile: plan.profile,
    app: describeConnection(plan.connection),
    accounts: plan.accounts.map((account) => ({
      account,
      status: statuses.get(account)?.status ?? 'skipped',
      ...(plan.nicknames?.[account] === undefined ? {} : { nickname: plan.nicknames[account] }),
    })),
    leftOut: [...plan.leftOut],
    production: plan.production,
  };
}
