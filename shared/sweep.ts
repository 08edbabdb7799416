// The vocabulary of a sweep (a batch of deletions): per-account outcomes, batch states, progress.
import type { Target } from './target.js';

/**
 * - `deleted`: the gateway answered OK (and, when verified, the bot is no longer listed).
 * - `failed`: not deleted; `errorCode`/`errorInfo` say why.
 * - `skipped`: never sent (the batch stopped or was cancelled first).
 * - `unconfirmed`: sent, outcome unknown: the app died mid-batch, or the answer was lost and could not be verified.
 */
export type AccountStatus = 'deleted' | 'failed' | 'skipped' | 'unconfirmed';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['deleted', 'failed', 'skipped', 'unconfirmed'];

/** `interrupted`: the journal has no end record (a crash or kill). */
export type BatchStatus = 'completed' | 'aborted' | 'cancelled' | 'interrupted';
export const BATCH_STATUSES: readonly BatchStatus[] = ['completed', 'aborted', 'cancelled', 'interrupted'];

export interface AccountResult {
  readonly account: string;
  readonly status: AccountStatus;
  readonly errorCode: number | null;
  readonly errorInfo: string | null;
  readonly attempts: number;
}

export interface BatchSummary {
  readonly total: number;
  readonly deleted: number;
  readonly failed: number;
  readonly skipped: number;
  readonly unconfirmed: number;
}

/** Why a batch stopped early: a credentials or app-wide error. */
export interface BatchStop {
  readonly errorCode: number | null;
  readonly errorInfo: string;
  readonly advice: string;
}

export interface SweepProgress {
  readonly batchId: string;
  readonly done: number;
  readonly total: number;
  readonly deleted: number;
  readonly failed: number;
  readonly skipped: number;
  /** Calls answered per second, over the last seconds. */
  readonly ratePerSecond: number;
  /** Seconds left at the current pace; null before there is a pace. */
  readonly etaSeconds: number | null;
  /** Outcomes settled since the previous progress event. */
  readonly recent: readonly AccountResult[];
}

/** A batch as the history shows it. */
export interface BatchRecord {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: BatchStatus;
  readonly target: Target;
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly profile: string | null;
  readonly profileId: string | null;
  readonly retryOf: string | null;
  readonly stop: BatchStop | null;
  readonly summary: BatchSummary;
  readonly results: readonly AccountResult[];
}

export function summarize(results: readonly Pick<AccountResult, 'status'>[]): BatchSummary {
  const summary = { total: results.length, deleted: 0, failed: 0, skipped: 0, unconfirmed: 0 };
  for (const result of results) summary[result.status]++;
  return summary;
}

/** Accounts a retry sends again: everything not known to be deleted. */
export function retryableAccounts(results: readonly AccountResult[]): string[] {
  return results.filter((result) => result.status !== 'deleted').map((result) => result.account);
}
