// Runs a planned sweep (deletions or re-creations): the production confirmation first, then the app's lock (waiting if
// asked), the guards read again under the lock (a protection or production mark added meanwhile refuses it), then the
// batch itself.
import type { SweepProgress } from '../../../shared/sweep.js';
import { describeApp } from '../../../shared/app-identity.js';
import type { LockOwner } from '../sweep-lock.js';
import { SweepBusy, type BatchOutcome } from '../sweeps.js';
import type { Context } from './context.js';
import { guardsFor, productionName, protectedAmong, requireConfirmation, requireUsable } from './guards.js';
import { refuse } from './refusals.js';
import type { SweepPlan } from './sweep-plan.js';

export interface RunOptions {
  /** A production app's name as the user typed it (or gave with --confirm-profile). */
  readonly confirmation?: string | null;
  /** Wait for another sweep of the same app to end instead of refusing at once. */
  readonly wait?: boolean;
  readonly signal?: AbortSignal;
  readonly onWait?: (owner: LockOwner) => void;
  readonly onTakeOver?: (owner: LockOwner) => void;
  /** Called once the batch is journaled, before the first call. */
  readonly onBegin?: (batchId: string) => void;
  readonly onProgress?: (progress: SweepProgress) => void;
  readonly rate?: number;
  readonly concurrency?: number;
  readonly verify?: boolean;
  /** Save each account's profile before deleting it (default on; `--no-snapshot` and the app's setting turn it off). */
  readonly snapshot?: boolean;
  readonly timeoutMs?: number;
  /** Nicknames the user saw, kept in the journal (a retry brings its batch's own). */
  readonly nicknames?: Readonly<Record<string, string>>;
}

export async function runSweep(context: Context, plan: SweepPlan, options: RunOptions = {}): Promise<BatchOutcome> {
  const own = plan.profile?.name ?? null;
  const confirmed = options.confirmation ?? null;
  requireConfirmation(guardsFor(plan.connection, context.profiles.list()), own, confirmed);
  const secretKey = await plan.key();
  const recheck = () => {
    const guards = guardsFor(plan.connection, context.profiles.list());
    // Protected accounts guard deletions only: a re-creation deletes nothing.
    if (plan.kind !== 'recreate') {
      requireUsable(guards);
      const hits = protectedAmong(guards, plan.accounts);
      if (hits.length) refuse('protected-changed', { count: hits.length, first: hits[0]!.account, app: describeApp(plan.connection) });
    }
    const name = productionName(guards, own);
    if (name !== null && (confirmed === null || !guards.production.includes(confirmed.trim())))
      refuse('production-changed', { profile: name, app: describeApp(plan.connection) });
  };
  const nicknames = options.nicknames ?? plan.nicknames;
  try {
    return await context.sweeps.run({
      connection: plan.connection,
      secretKey,
      accounts: plan.accounts,
      profile: own,
      profileId: plan.profile?.id ?? null,
      retryOf: plan.retryOf,
      ...(plan.kind === 'recreate' ? { kind: 'recreate' as const, undoes: plan.undoes ?? null, profiles: plan.profiles ?? new Map() } : {}),
      ...(nicknames ? { nicknames } : {}),
      ...((options.timeoutMs ?? context.env.timeoutMs) ? { timeoutMs: options.timeoutMs ?? context.env.timeoutMs } : {}),
      sweep: {
        ...(options.rate === undefined ? {} : { rate: options.rate }),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        verify: options.verify ?? true,
        snapshot: plan.kind !== 'recreate' && options.snapshot !== false,
        ...(plan.previouslySent ? { previouslySent: plan.previouslySent } : {}),
        ...(plan.inheritedBots ? { inheritedBots: plan.inheritedBots } : {}),
      },
      ...(options.signal ? { signal: options.signal } : {}),
      wait: options.wait ?? false,
      recheck,
      ...(options.onWait ? { onWait: options.onWait } : {}),
      ...(options.onTakeOver ? { onTakeOver: options.onTakeOver } : {}),
      ...(options.onBegin ? { onBegin: options.onBegin } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    if (error instanceof SweepBusy)
      refuse('sweep-running-elsewhere', {
        owner: error.message.charAt(0).toUpperCase() + error.message.slice(1),
        batch: error.owner.batchId ?? '',
        pid: error.owner.pid,
      });
    throw error;
  }
}
