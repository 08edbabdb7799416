// The vocabulary of a sweep (a batch of deletions, or of re-creations that undo one): per-account outcomes, batch
// kinds and states, the profile saved before deletion, progress.
import type { Target } from './target.js';

/**
 * A batch deletes chatbots (`delete`), or re-creates the deleted ones of an earlier batch from the profiles saved
 * before their deletion (`recreate`).
 */
export const BATCH_KINDS = ['delete', 'recreate'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/**
 * Of a deletion:
 * - `deleted`: the gateway removed it (answered OK, or confirmed gone by a trusted listing).
 * - `absent`: it was not a chatbot of the app when the batch started (mistyped, never existed, or already deleted).
 * Of a re-creation:
 * - `recreated`: the gateway answered OK and a trusted listing afterwards has it.
 * - `already-a-bot` ("already a bot"): the listing before the call had it, so nothing was sent.
 * Of either:
 * - `failed`: the gateway refused (a deletion: still a bot; a re-creation: not a bot). `errorCode`/`errorInfo` say why.
 * - `unconfirmed`: a call may have reached the gateway and nothing settles it.
 * - `skipped`: never sent (stopped, cancelled, or a crash before its turn).
 */
export const ACCOUNT_STATUSES = ['deleted', 'absent', 'recreated', 'already-a-bot', 'failed', 'unconfirmed', 'skipped'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
/** The outcomes each kind of batch records, in the order they are shown. */
export const KIND_STATUSES: Readonly<Record<BatchKind, readonly AccountStatus[]>> = {
  delete: ['deleted', 'absent', 'failed', 'unconfirmed', 'skipped'],
  recreate: ['recreated', 'already-a-bot', 'failed', 'unconfirmed', 'skipped'],
};

/** A chatbot's profile as portrait_get gives it (an unset field is ""), saved before deletion to re-create it. */
export interface BotProfile {
  /** Tag_Profile_IM_Nick. */
  readonly nickname: string;
  /** Tag_Profile_IM_Image (the avatar URL; FaceUrl to create_robot). */
  readonly faceUrl: string;
  /** Tag_Profile_IM_SelfSignature. */
  readonly signature: string;
}

/** The profile saved for an account before its deletion, or why there is none (never invented). */
export type ProfileSnapshot = { readonly profile: BotProfile } | { readonly missing: string };

/**
 * - `completed`: every account was tried (some may have failed).
 * - `aborted`: stopped early (credentials, app-wide error, unreachable gateway, disk); `stop` says why.
 * - `cancelled`: the user (or a signal) cancelled; calls in flight finished.
 * - `interrupted`: the journal has no end record and its process is gone (a crash or kill).
 * - `running`: no end record yet, and the process that owns it is alive.
 */
export const BATCH_STATUSES = ['completed', 'aborted', 'cancelled', 'interrupted', 'running'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface AccountResult {
  readonly account: string;
  /** The bot's nickname when the batch started: its saved profile's, else the one the user saw (kept in the journal). */
  readonly nickname?: string;
  /**
   * A deletion's snapshot of the bot's profile before its deletion (absent when none was taken: turned off, an older
   * batch); a re-creation's profile it re-created the bot with.
   */
  readonly snapshot?: ProfileSnapshot;
  readonly status: AccountStatus;
  readonly errorCode: number | null;
  readonly errorInfo: string | null;
  readonly attempts: number;
}

/** How many accounts came to each outcome (every outcome is counted, zero for those of the other kind). */
export interface BatchSummary {
  readonly total: number;
  readonly deleted: number;
  readonly absent: number;
  readonly recreated: number;
  readonly 'already-a-bot': number;
  readonly failed: number;
  readonly unconfirmed: number;
  readonly skipped: number;
}

/**
 * Why a batch stopped early, as a stable code for the UI to translate:
 * `credentials` (the gateway refused the key, SDKAppID, identifier or region), `app` (the app is disabled or
 * not allowed), `unreachable` (no answer from the gateway: refused, or accepted and never answered), `gateway-failing`
 * (5xx or garbled answers to every call), `unknown-error` (an error code we do not know, repeated across accounts),
 * `redirect` (the gateway answered with a redirect; older batches), `not-gateway` (the address answered like
 * something that is not the Chat REST gateway: a redirect, 403, 404 or another 4xx), `too-frequent` (only "too
 * frequent" answers for 30 s), `locked-out` (too many bad signatures), `journal` (the history could not be written),
 * `local` (this computer would not send the calls, e.g. a port fetch refuses: nothing was sent).
 */
export const STOP_KINDS = [
  'credentials',
  'app',
  'unreachable',
  'gateway-failing',
  'unknown-error',
  'redirect',
  'not-gateway',
  'too-frequent',
  'locked-out',
  'journal',
  'local',
] as const;
export type StopKind = (typeof STOP_KINDS)[number];

export interface BatchStop {
  readonly kind?: StopKind;
  readonly errorCode: number | null;
  /** What happened, in English (the CLI and logs); never a key, UserSig or URL with a query. */
  readonly errorInfo: string;
  /** What to do about it. */
  readonly advice: string;
}

/**
 * How a batch's outcome was checked with get_all_robots after the calls:
 * `verified` (a trusted listing settled it), `not-needed` (nothing ambiguous), `skipped` (turned off, or the batch
 * stopped early), `failed` (no listing could be had), `untrusted` (a listing came back but was malformed or
 * inconsistent with what was known, so it was not believed). `reason` says why for `failed`/`untrusted`.
 */
export const VERIFICATION_STATUSES = ['verified', 'not-needed', 'skipped', 'failed', 'untrusted'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export interface Verification {
  readonly status: VerificationStatus;
  readonly reason: string | null;
}

export interface SweepProgress {
  readonly batchId: string;
  readonly done: number;
  readonly total: number;
  readonly deleted: number;
  readonly absent: number;
  /** Of a re-creation (absent from older events). */
  readonly recreated?: number;
  readonly 'already-a-bot'?: number;
  /** Failed and unconfirmed. */
  readonly failed: number;
  readonly skipped: number;
  /** Calls answered per second, over the last seconds. */
  readonly ratePerSecond: number;
  /** The pace the sweep sends at now, in calls per second: the configured rate, or lower after "too frequent" answers. */
  readonly pace?: number;
  /** Seconds left at the current pace; null before there is a pace. */
  readonly etaSeconds: number | null;
  /** Outcomes settled since the previous progress event. */
  readonly recent: readonly AccountResult[];
}

/** A batch as the history shows it. */
export interface BatchRecord {
  readonly id: string;
  /** `delete` for every batch before re-creations existed. */
  readonly kind: BatchKind;
  /** For a re-creation: the deletion batch it undoes. */
  readonly undoes: string | null;
  /** For a deletion: the re-creations that undo it (and their retries), oldest first; filled in when read one by one. */
  readonly undoneBy?: readonly string[];
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
  /** How the outcome was checked; null for a batch with no end record. */
  readonly verification: Verification | null;
  /** The signal that ended the batch (SIGINT, SIGTERM, SIGHUP), if one did. */
  readonly signal: string | null;
  /** Accounts listed as chatbots of the app when the batch started; null when the listing failed, was not made or was not believed. */
  readonly listedAtStart: number | null;
  /**
   * Why the first listing was not believed for any account although it came back: the gateway contradicted it (it
   * answered OK for an account the listing lacked). Absent or null when nothing contradicted it.
   */
  readonly listingContradicted?: string | null;
  /** What could not be read back from its journal (torn or garbled lines), or null when it read cleanly. */
  readonly damage: string | null;
  readonly summary: BatchSummary;
  readonly results: readonly AccountResult[];
}

/** A history file that could not be read as a batch: listed with what is wrong, never hiding the others. */
export interface DamagedBatch {
  readonly id: string;
  readonly problem: string;
}

export function summarize(results: readonly Pick<AccountResult, 'status'>[]): BatchSummary {
  const summary = { total: results.length, deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0 };
  for (const result of results) summary[result.status]++;
  return summary;
}

/**
 * Needs no more work (deleted, or never a chatbot; re-created, or a bot already): a batch whose accounts are all done
 * succeeded.
 */
export function isDone(status: AccountStatus): boolean {
  return status === 'deleted' || status === 'absent' || status === 'recreated' || status === 'already-a-bot';
}

/** Every account of the summary is done. */
export function allDone(summary: BatchSummary): boolean {
  return summary.deleted + summary.absent + summary.recreated + summary['already-a-bot'] === summary.total;
}

/** Accounts a retry sends again: failed, unconfirmed and skipped (never done ones). */
export function retryableAccounts(results: readonly AccountResult[]): string[] {
  return results.filter((result) => !isDone(result.status)).map((result) => result.account);
}
