// Plans a retry of a batch (a deletion or a re-creation): its accounts that are not done, to the batch's own app and
// admin only, signed as ./batch-signer.ts chooses; a deletion's retry leaves the app's protected accounts out, and a
// production app needs its name, whatever the key's source.
import type { AccountResult, BotProfile } from '../../../shared/sweep.js';
import { describeConnection } from '../../../shared/app-identity.js';
import type { EnvSecret } from './aim.js';
import { batchSigner } from './batch-signer.js';
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
  const { connection, profile, journaled, key } = batchSigner(context, batch, request);
  const guards = guardsFor(connection, context.profiles.list());
  // Protected accounts guard deletions; a re-creation deletes nothing, so only a deletion's retry leaves them out.
  let sendable = accounts;
  let leftOut: string[] = [];
  if (batch.kind !== 'recreate') {
    requireUsable(guards);
    ({ sendable, leftOut } = withoutProtected(guards, accounts));
    if (!sendable.length) refuse('nothing-to-retry', { batch: batchId, protected: leftOut.length });
  }
  const nicknames = Object.fromEntries(
    batch.results.filter((result) => result.nickname !== undefined).map((result) => [result.account, result.nickname!]),
  );
  return {
    connection,
    profile: journaled,
    accounts: sendable,
    leftOut,
    production: productionName(guards, profile?.name ?? null),
    retryOf: batch.id,
    ...(batch.kind === 'recreate' ? { kind: 'recreate' as const, undoes: batch.undoes, profiles: savedProfiles(batch.results) } : {}),
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

/** The profiles a batch's results hold (saved before deletion, or a re-creation's own), by account. */
export function savedProfiles(results: readonly AccountResult[]): Map<string, BotProfile> {
  const profiles = new Map<string, BotProfile>();
  for (const { account, snapshot } of results) if (snapshot && 'profile' in snapshot) profiles.set(account, snapshot.profile);
  return profiles;
}

/** What the app's retry dialog shows: exactly what a retry would send, and to where; nothing is sent. */
export function previewRetry(context: Context, request: RetryRequest): RetryPreview {
  const plan = planRetry(context, request);
  const statuses = new Map(context.sweeps.history.get(request.batchId)?.results.map((result) => [result.account, result]) ?? []);
  return {
    batchId: request.batchId,
    kind: plan.kind ?? 'delete',
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
