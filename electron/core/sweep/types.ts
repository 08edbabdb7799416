// The sweep engine's ports and settings: the gateway and journal it drives, its options, and the report it returns.
import type { AccountResult, BatchStop, BatchSummary, BotProfile, SweepProgress, Verification } from '../../../shared/sweep.js';
import type { Clock, PauseSignal } from '../clock.js';
import type { ProfilesRead } from '../tim/answers.js';
import type { CallOutcome, GatewayAnswer, RobotListing } from '../tim/outcome.js';
import type { HealthLimits } from './health.js';

export interface SweepGateway {
  deleteRobot(account: string): Promise<CallOutcome>;
  /** A listing has no effect: the signal may cut it short when the batch stops. */
  getAllRobots(signal?: AbortSignal): Promise<CallOutcome<RobotListing>>;
  /** Up to 100 accounts' nickname, avatar and signature (portrait_get): the snapshot before deletion. */
  profiles?(accounts: readonly string[], signal?: AbortSignal): Promise<CallOutcome<GatewayAnswer & ProfilesRead>>;
}

/** What the first listing said of the batch's accounts, as the journal keeps it. */
export interface StartListing {
  /** The app's chatbots when the batch started; null when no listing could be believed. */
  readonly botCount: number | null;
  /** Why there is no listing to classify by. */
  readonly problem: string | null;
  /** The batch's accounts that were chatbots (`true`) or not (`false`); an account not named is unknown. */
  readonly bots: readonly string[];
  readonly notBots: readonly string[];
  /** Set when the gateway contradicted the listing (then `bots`/`notBots` hold only what earlier batches knew). */
  readonly contradicted?: string;
}

/**
 * Where the sweep writes ahead of itself (the journal). Any method may throw (a full disk): the sweep then stops
 * sending at once, finishes the calls in flight and reports why.
 */
export interface SweepJournal {
  /** The first listing's verdict; written again when the gateway contradicts it (the later record supersedes). */
  classified(listing: StartListing): void;
  /** Written before the account's first call. */
  sent(account: string): void;
  /** A later record for an account supersedes an earlier one. */
  outcome(result: AccountResult): void;
  /** Part of the snapshot before deletion: the profiles fetched, and the accounts whose profile is missing (with why). */
  snapshot?(taken: ProfilesRead): void;
}

export interface SweepOptions {
  /** Calls per second at most; default 195, under the gateway's 200 with room for jitter. The pace adapts below it. */
  readonly rate?: number;
  /** Calls that may go back to back; default 2. A batch of up to 20 accounts goes in one round instead. */
  readonly burst?: number;
  /** Calls in flight at most; default 48 (fills 195/s up to about 240 ms latency). */
  readonly concurrency?: number;
  /** Attempts per account, first one included, not counting frequency-limit answers; default 5. */
  readonly maxAttempts?: number;
  /** When the gateway counts as down and the batch stops early. */
  readonly health?: Partial<HealthLimits>;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /**
   * Before the first deletion, save each account's profile (portrait_get, 100 a call, through the batch's limiter) in
   * the journal, so the batch can be re-created; default false here (the use cases turn it on).
   */
  readonly snapshot?: boolean;
  /** Profiles an earlier batch saved for some accounts: journaled as this batch's snapshot of them, never fetched again. */
  readonly savedProfiles?: ReadonlyMap<string, BotProfile>;
  /** Confirm with get_all_robots after the calls; default true. */
  readonly verify?: boolean;
  /** Cancels the batch: in-flight calls finish, the rest are skipped. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Omit<SweepProgress, 'batchId'>) => void;
  readonly progressIntervalMs?: number;
  /** Accounts an earlier batch sent without a settled outcome: they may be gone already. */
  readonly previouslySent?: ReadonlySet<string>;
  /** For those: whether each was a chatbot when that earlier batch started. */
  readonly inheritedBots?: ReadonlyMap<string, boolean>;
}

export interface SweepDeps {
  readonly gateway: SweepGateway;
  readonly journal: SweepJournal;
  readonly clock: Clock;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random: () => number;
  /** Pauses of this process (a stop, a stall, a sleep): the early-stop counts start again after one. */
  readonly pauses?: PauseSignal;
}

export interface SweepReport {
  readonly status: 'completed' | 'aborted' | 'cancelled';
  readonly results: AccountResult[];
  readonly summary: BatchSummary;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
  /** The app's chatbots when the batch started, when a listing could be believed. */
  readonly listedAtStart: number | null;
  /** Why the first listing, which came back, was believed for no account (the gateway contradicted it); else null. */
  readonly listingContradicted: string | null;
  /** delete_robot calls sent. */
  readonly calls: number;
  readonly durationMs: number;
}

export const SWEEP_DEFAULTS = {
  rate: 195,
  burst: 2,
  concurrency: 48,
  maxAttempts: 5,
  backoffBaseMs: 250,
  backoffMaxMs: 8000,
  progressIntervalMs: 100,
} as const;
