// Plans the undo of a deletion: its `deleted` accounts (all, or those named), made chatbots again with the profile
// saved before their deletion, in the batch's own app and admin only, signed as a retry is (./batch-signer.ts). A
// production app needs its name; protected patterns guard deletions, and a re-creation deletes nothing.
import { robotAccountProblem } from '../../../shared/accounts.js';
import { describeConnection } from '../../../shared/app-identity.js';
import type { RecreatePreview } from '../../../shared/api.js';
import type { EnvSecret } from './aim.js';
import { batchSigner } from './batch-signer.js';
import type { Context } from './context.js';
import { guardsFor, productionName } from './guards.js';
import { refuse } from './refusals.js';
import { savedProfiles } from './retry.js';
import type { SweepPlan } from './sweep-plan.js';

export interface RecreateRequest {
  /** The deletion batch to undo. */
  readonly batchId: string;
  /** Some of its deleted accounts (the CLI's arguments, the app's selection); all of them when absent or empty. */
  readonly accounts?: readonly string[] | null;
  /** The profile to sign with, by name or id (it must be for the batch's app and admin). */
  readonly profile?: string | null;
  readonly envSecret?: EnvSecret;
}

export function planRecreate(context: Context, request: RecreateRequest): SweepPlan {
  const { batchId } = request;
  const { batch } = context.sweeps.endedBatch(batchId);
  if (batch.kind === 'recreate') refuse('recreate-not-deletion', { batch: batchId, undoes: batch.undoes ?? '?' });
  const deleted = [...new Set(batch.results.filter((result) => result.status === 'deleted').map((result) => result.account))];
  if (!deleted.length) refuse('nothing-to-recreate', { batch: batchId });
  let accounts = deleted;
  if (request.accounts?.length) {
    const wasDeleted = new Set(deleted);
    const not = [...new Set(request.accounts)].filter((account) => !wasDeleted.has(account));
    if (not.length)
      refuse('recreate-accounts-not-deleted', {
        batch: batchId,
        count: not.length,
        list: [...not.slice(0, 20), ...(not.length > 20 ? [`… and ${not.length - 20} more`] : [])].join('\n'),
      });
    accounts = [...new Set(request.accounts)];
  }
  const invalid = accounts.filter((account) => robotAccountProblem(account) !== null);
  if (invalid.length)
    refuse('retry-damaged', {
      batch: batchId,
      detail: `it holds entries that are not chatbot accounts: ${invalid.map((a) => JSON.stringify(a)).join(', ')}`,
    });
  const { connection, profile, journaled, key } = batchSigner(context, batch, request);
  const guards = guardsFor(connection, context.profiles.list());
  const chosen = new Set(accounts);
  const profiles = savedProfiles(batch.results.filter((result) => chosen.has(result.account)));
  const bare = accounts.filter((account) => !profiles.has(account)).length;
  const nicknames = Object.fromEntries(
    [...profiles].filter(([, saved]) => saved.nickname).map(([account, saved]) => [account, saved.nickname]),
  );
  return {
    kind: 'recreate',
    undoes: batch.id,
    profiles,
    connection,
    profile: journaled,
    accounts,
    leftOut: [],
    production: productionName(guards, profile?.name ?? null),
    retryOf: null,
    ...(Object.keys(nicknames).length ? { nicknames } : {}),
    listing: null,
    duplicates: 0,
    notes: bare
      ? [
          `${bare === 1 ? '1 account has' : `${bare} accounts have`} no profile saved before ${bare === 1 ? 'its' : 'their'} deletion ` +
            `(the snapshot was off or could not be fetched): ${bare === 1 ? 'it comes' : 'they come'} back without nickname, avatar and signature`,
        ]
      : [],
    formats: [],
    key,
  };
}

/** What the app's re-create dialog shows: exactly what a re-creation would send, and to where; nothing is sent. */
export function previewRecreate(context: Context, request: RecreateRequest): RecreatePreview {
  const plan = planRecreate(context, request);
  const snapshots = new Map(context.sweeps.history.get(request.batchId)?.results.map((result) => [result.account, result.snapshot]) ?? []);
  return {
    batchId: request.batchId,
    profile: plan.profile,
    app: describeConnection(plan.connection),
    accounts: plan.accounts.map((account) => {
      const saved = plan.profiles?.get(account);
      const snapshot = snapshots.get(account);
      return saved
        ? { account, profile: saved }
        : { account, missing: snapshot && 'missing' in snapshot ? snapshot.missing : 'no profile was saved before its deletion' };
    }),
    production: plan.production,
  };
}
