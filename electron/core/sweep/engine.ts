// The sweep engine: lists the app's chatbots, deletes accounts through the gateway at a paced rate, retries what is
// worth retrying, stops at once on credentials errors, journals ahead of every call and verifies with a final listing.
import { setMaxListeners } from 'node:events';
import {
  summarize,
  type AccountResult,
  type BatchStop,
  type BatchSummary,
  type SweepProgress,
  type Verification,
} from '../../../shared/sweep.js';
import type { Clock } from '../clock.js';
import { describeFileError } from '../file-errors.js';
import { isRetryable, stopsBatch } from '../tim/errors.js';
import type { CallOutcome, RobotListing } from '../tim/gateway.js';
import { classify, NOT_FOUND_CODE, provisionalResult, distrustReason, verifiedResult, type Evidence, type Failure } from './evidence.js';
import { GatewayHealth, type HealthLimits } from './health.js';
import { RateLimiter } from './limiter.js';
import { AdaptivePace } from './pace.js';
import { fetchListing, type ListingResult } from './listing.js';

export interface SweepGateway {
  deleteRobot(account: string): Promise<CallOutcome>;
  getAllRobots(): Promise<CallOutcome<RobotListing>>;
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
}

/**
 * Where the sweep writes ahead of itself (the journal). Any method may throw (a full disk): the sweep then stops
 * sending at once, finishes the calls in flight and reports why.
 */
export interface SweepJournal {
  classified(listing: StartListing): void;
  /** Written before the account's first call. */
  sent(account: string): void;
  /** A later record for an account supersedes an earlier one. */
  outcome(result: AccountResult): void;
}

export interface SweepOptions {
  /** Calls per second at most; default 195, under the gateway's 200 with room for jitter. The pace adapts below it. */
  readonly rate?: number;
  readonly burst?: number;
  /** Calls in flight at most; default 48 (fills 195/s up to about 240 ms latency). */
  readonly concurrency?: number;
  /** Attempts per account, first one included, not counting frequency-limit answers; default 5. */
  readonly maxAttempts?: number;
  /** When the gateway counts as down and the batch stops early. */
  readonly health?: HealthLimits;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
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
}

export interface SweepReport {
  readonly status: 'completed' | 'aborted' | 'cancelled';
  readonly results: AccountResult[];
  readonly summary: BatchSummary;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
  /** The app's chatbots when the batch started, when a listing could be believed. */
  readonly listedAtStart: number | null;
  /** delete_robot calls sent. */
  readonly calls: number;
  /** Frequency-limit answers the gateway gave. */
  readonly limitAnswers: number;
  readonly durationMs: number;
}

type Settings = Required<
  Pick<SweepOptions, 'rate' | 'burst' | 'concurrency' | 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs' | 'progressIntervalMs'>
> &
  SweepOptions;

export const SWEEP_DEFAULTS = {
  rate: 195,
  burst: 2,
  concurrency: 48,
  maxAttempts: 5,
  backoffBaseMs: 250,
  backoffMaxMs: 8000,
  progressIntervalMs: 100,
} as const;

/** Attempts per account whatever their answers, frequency-limit ones included. */
const MAX_TOTAL_ATTEMPTS = 30;

interface AccountState {
  readonly evidence: Evidence;
  result: AccountResult | null;
}

export async function runSweep(accounts: readonly string[], deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const settings: Settings = { ...SWEEP_DEFAULTS, ...stripUndefined(options) };
  const { clock, gateway, journal } = deps;
  const started = clock.now();
  const limiter = new RateLimiter(clock, { rate: settings.rate, burst: settings.burst });
  const pace = new AdaptivePace(limiter, clock, settings.rate);
  const health = new GatewayHealth(clock, settings.health);
  const halt = new AbortController();
  setMaxListeners(0, halt.signal); // every worker waits on it
  const onCancel = () => halt.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted) halt.abort();
  const backoff = (attempt: number, rateLimited: boolean) => backoffDelay(attempt, rateLimited, settings, deps.random);
  const listOnce = () =>
    fetchListing({ getAllRobots: () => gateway.getAllRobots(), clock, maxAttempts: settings.maxAttempts, backoff, signal: halt.signal });

  let stop: BatchStop | null = null;
  const stopWith = (reason: BatchStop) => {
    if (stop) return;
    stop = reason;
    halt.abort();
  };
  /** Runs a journal write; a failure stops the batch. Returns whether it was written. */
  const record = (write: () => void): boolean => {
    try {
      write();
      return true;
    } catch (error) {
      stopWith(journalStop(error));
      return false;
    }
  };
  let calls = 0;
  let limitAnswers = 0;
  const limitedAttempts = new Map<string, number>();
  const progress = progressReporter(accounts.length, clock, settings.progressIntervalMs, () => pace.current, options.onProgress);
  const settle = (state: AccountState, result: AccountResult) => {
    state.result = result;
    record(() => journal.outcome(result));
    progress.settled(result);
  };

  // Before the first deletion: which accounts are chatbots of the app. It only classifies; every account is still sent.
  let startListing: ReadonlySet<string> | null = null;
  let listingProblem: string | null = 'the batch stopped before the first listing';
  if (!halt.signal.aborted && accounts.length) {
    const listing = await listOnce();
    if (listing.ok) startListing = listing.accounts;
    else if (listing.failure && stopsBatch(listing.failure.errorClass)) stopWith(stopFromFailure(listing.failure));
    listingProblem = listing.ok ? null : listing.reason;
  }
  const states: AccountState[] = accounts.map((account) => {
    const previouslySent = options.previouslySent?.has(account) ?? false;
    const wasBot = classify(account, startListing, options.inheritedBots?.get(account), previouslySent);
    const evidence: Evidence = {
      account,
      wasBot,
      previouslySent,
      attempts: 0,
      answeredOk: false,
      notFound: false,
      ambiguous: false,
      last: null,
    };
    return { evidence, result: null };
  });
  if (!stop && accounts.length) {
    record(() =>
      journal.classified({
        botCount: startListing?.size ?? null,
        problem: listingProblem,
        bots: states.filter((state) => state.evidence.wasBot === true).map((state) => state.evidence.account),
        notBots: states.filter((state) => state.evidence.wasBot === false).map((state) => state.evidence.account),
      }),
    );
  }

  const processAccount = async (state: AccountState): Promise<void> => {
    const evidence = state.evidence;
    for (;;) {
      try {
        await limiter.acquire(halt.signal);
      } catch {
        if (evidence.attempts > 0) settle(state, provisionalResult(evidence));
        return; // never sent: skipped below
      }
      if (evidence.attempts === 0 && !record(() => journal.sent(evidence.account))) return;
      evidence.attempts++;
      calls++;
      const outcome = await gateway.deleteRobot(evidence.account);
      firstAnswered();
      const rateLimited = !outcome.ok && outcome.errorClass === 'rate-limited';
      if (rateLimited) {
        pace.limited();
        limitAnswers++;
      } else pace.accepted();
      const down = health.record(evidence.account, outcome);
      if (down) stopWith(down);
      if (outcome.ok) {
        evidence.answeredOk = true;
        return settle(state, provisionalResult(evidence));
      }
      evidence.last = outcome;
      if (outcome.ambiguous) evidence.ambiguous = true;
      if (outcome.errorCode === NOT_FOUND_CODE) {
        evidence.notFound = true;
        return settle(state, provisionalResult(evidence));
      }
      if (stopsBatch(outcome.errorClass)) {
        stopWith(stopFromFailure(outcome));
        return settle(state, provisionalResult(evidence));
      }
      // Frequency-limit answers are the pace's business, not the account's: they do not use up its attempts.
      if (rateLimited) limitedAttempts.set(evidence.account, (limitedAttempts.get(evidence.account) ?? 0) + 1);
      const counted = evidence.attempts - (limitedAttempts.get(evidence.account) ?? 0);
      if (
        !isRetryable(outcome.errorClass) ||
        counted >= settings.maxAttempts ||
        evidence.attempts >= MAX_TOTAL_ATTEMPTS ||
        halt.signal.aborted
      ) {
        return settle(state, provisionalResult(evidence));
      }
      try {
        await clock.sleep(backoff(Math.max(1, counted), rateLimited), halt.signal);
      } catch {
        return settle(state, provisionalResult(evidence));
      }
    }
  };

  // The first call goes alone: it pays the cold start (connection, lazy module loading) that would otherwise
  // bunch the next calls together, and a wrong key then costs a single call.
  let firstAnswered!: () => void;
  const warm = new Promise<void>((resolve) => (firstAnswered = resolve));
  let nextIndex = 0;
  const worker = async (index: number) => {
    if (index > 0) await warm;
    while (!halt.signal.aborted && nextIndex < states.length) {
      await processAccount(states[nextIndex++]!);
      firstAnswered();
    }
    firstAnswered();
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, states.length) }, (_, index) => worker(index)));
  options.signal?.removeEventListener('abort', onCancel);

  for (const state of states) {
    if (!state.result) settle(state, { account: state.evidence.account, status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 });
  }
  const status = stop ? 'aborted' : options.signal?.aborted ? 'cancelled' : 'completed';

  let verification: Verification = { status: 'skipped', reason: status === 'completed' ? null : `the batch was ${status}` };
  if (status === 'completed' && settings.verify === false) verification = { status: 'skipped', reason: 'turned off' };
  else if (status === 'completed') {
    verification = await verify(states, startListing, listOnce, (state, result) => settle(state, result));
  }
  progress.flush();
  const results = states.map((state) => state.result!);
  return {
    status,
    results,
    summary: summarize(results),
    stop,
    verification,
    listedAtStart: startListing?.size ?? null,
    calls,
    limitAnswers,
    durationMs: clock.now() - started,
  };
}

/** Settles what a trusted final listing can settle; a listing that is malformed or inconsistent changes nothing. */
async function verify(
  states: AccountState[],
  startListing: ReadonlySet<string> | null,
  listOnce: () => Promise<ListingResult>,
  settle: (state: AccountState, result: AccountResult) => void,
): Promise<Verification> {
  const needed = states.some(
    ({ evidence, result }) => result!.status !== 'skipped' && !(result!.status === 'failed' && evidence.wasBot !== false),
  );
  if (!needed) return { status: 'not-needed', reason: null };
  const first = await listOnce();
  if (!first.ok) return { status: first.failure ? 'failed' : 'untrusted', reason: first.reason };
  const listed = first.accounts;
  const pairs = states.map((state) => ({ evidence: state.evidence, current: state.result! }));
  let distrust = distrustReason(listed, startListing, pairs);
  const changes = distrust
    ? []
    : states.flatMap((state) => {
        const next = verifiedResult(state.evidence, state.result!, listed);
        return next ? [{ state, next }] : [];
      });
  // Settling an account as gone rests on the listing alone: a second listing must say the same.
  if (!distrust && changes.some(({ next }) => next.status === 'deleted' || next.status === 'absent')) {
    const second = await listOnce();
    if (!second.ok) distrust = `a second listing failed: ${second.reason}`;
    else if (second.accounts.size !== listed.size || [...listed].some((account) => !second.accounts.has(account)))
      distrust = 'two listings in a row disagreed';
  }
  if (distrust) return { status: 'untrusted', reason: distrust };
  for (const { state, next } of changes) settle(state, next);
  return { status: 'verified', reason: null };
}

function stopFromFailure(failure: Failure): BatchStop {
  return {
    kind:
      failure.errorClass === 'credentials'
        ? 'credentials'
        : failure.errorClass === 'redirect'
          ? 'redirect'
          : failure.errorCode === 70050
            ? 'locked-out'
            : 'app',
    errorCode: failure.errorCode,
    errorInfo: failure.errorInfo,
    advice: failure.advice,
  };
}

function journalStop(error: unknown): BatchStop {
  return {
    kind: 'journal',
    errorCode: null,
    errorInfo: `the history journal could not be written: ${describeFileError(error)}`,
    advice: 'Free some disk space or make the data folder writable, then retry the batch; nothing more was sent.',
  };
}

/** Exponential backoff with equal jitter; rate-limit answers wait at least the gateway's 1-second window. */
export function backoffDelay(
  attempt: number,
  rateLimited: boolean,
  settings: { backoffBaseMs: number; backoffMaxMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (attempt - 1));
  const delay = ceiling / 2 + random() * (ceiling / 2);
  return rateLimited ? Math.max(1000, delay) : delay;
}

function progressReporter(total: number, clock: Clock, intervalMs: number, pace: () => number, onProgress: SweepOptions['onProgress']) {
  const counts = { done: 0, deleted: 0, absent: 0, failed: 0, skipped: 0 };
  /** The status each settled account counts under; verification may revise it. */
  const counted = new Map<string, 'deleted' | 'absent' | 'failed' | 'skipped'>();
  const answeredAt: number[] = [];
  const startedAt = clock.now();
  let recent: AccountResult[] = [];
  let lastEmit = -Infinity;
  const emit = (now: number) => {
    lastEmit = now;
    if (!onProgress) return;
    while (answeredAt.length && now - answeredAt[0]! > 2000) answeredAt.shift();
    const span = Math.min(2000, Math.max(now - startedAt, 1)) / 1000;
    const ratePerSecond = answeredAt.length / span;
    const remaining = total - counts.done;
    onProgress({
      ...counts,
      total,
      ratePerSecond: Math.round(ratePerSecond * 10) / 10,
      pace: Math.round(pace() * 10) / 10,
      etaSeconds: remaining === 0 ? 0 : ratePerSecond > 0 ? Math.ceil(remaining / ratePerSecond) : null,
      recent,
    });
    recent = [];
  };
  return {
    settled(result: AccountResult) {
      const now = clock.now();
      const previous = counted.get(result.account);
      const status = result.status === 'unconfirmed' ? 'failed' : result.status;
      if (previous) counts[previous]--;
      else {
        counts.done++;
        if (status !== 'skipped') answeredAt.push(now);
      }
      counted.set(result.account, status);
      counts[status]++;
      recent.push(result);
      if (now - lastEmit >= intervalMs) emit(now);
    },
    flush() {
      if (recent.length || lastEmit === -Infinity) emit(clock.now());
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
