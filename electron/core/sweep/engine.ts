// The sweep engine: deletes accounts through the gateway at a paced rate, retries what is worth retrying,
// stops at once on credentials errors, journals every outcome and verifies the result with one listing.
import { setMaxListeners } from 'node:events';
import { summarize, type AccountResult, type BatchStop, type BatchSummary, type SweepProgress } from '../../../shared/sweep.js';
import type { Clock } from '../clock.js';
import { isRetryable, stopsBatch } from '../tim/errors.js';
import type { CallOutcome, GatewayAnswer } from '../tim/gateway.js';
import { RateLimiter } from './limiter.js';

export interface SweepGateway {
  deleteRobot(account: string): Promise<CallOutcome>;
  getAllRobots(): Promise<CallOutcome<GatewayAnswer & { Robot_Account: string[] }>>;
}

/** Receives every settled outcome at once (the journal); a later record for an account supersedes an earlier one. */
export interface OutcomeSink {
  outcome(result: AccountResult): void;
}

export interface SweepOptions {
  /** Calls per second; default 195, just under the gateway's 200. */
  readonly rate?: number;
  readonly burst?: number;
  /** Calls in flight at most; default 48 (fills 195/s up to about 240 ms latency). */
  readonly concurrency?: number;
  /** Attempts per account, first one included; default 5. */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Confirm with one get_all_robots after the calls; default true. */
  readonly verify?: boolean;
  /** Cancels the batch: in-flight calls finish, the rest are skipped. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Omit<SweepProgress, 'batchId'>) => void;
  readonly progressIntervalMs?: number;
  /** Accounts sent by an earlier batch: "not found" for them means it may already be gone. */
  readonly previouslyAttempted?: ReadonlySet<string>;
}

export interface SweepDeps {
  readonly gateway: SweepGateway;
  readonly sink: OutcomeSink;
  readonly clock: Clock;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random: () => number;
}

export type Verification = 'verified' | 'not-needed' | 'skipped' | 'failed';

export interface SweepReport {
  readonly status: 'completed' | 'aborted' | 'cancelled';
  readonly results: AccountResult[];
  readonly summary: BatchSummary;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
  /** delete_robot calls sent. */
  readonly calls: number;
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

type Failure = Extract<CallOutcome, { ok: false }>;

interface AccountState {
  readonly account: string;
  attempts: number;
  /** Some attempt may have taken effect without us seeing it. */
  ambiguous: boolean;
  last: Failure | null;
  result: AccountResult | null;
}

const STILL_LISTED = 'the gateway answered OK, but the bot is still listed';

export async function runSweep(accounts: readonly string[], deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const settings: Settings = { ...SWEEP_DEFAULTS, ...stripUndefined(options) };
  const { clock, gateway, sink } = deps;
  const started = clock.now();
  const limiter = new RateLimiter(clock, { rate: settings.rate, burst: settings.burst });
  const halt = new AbortController();
  setMaxListeners(0, halt.signal); // every worker waits on it
  const onCancel = () => halt.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted) halt.abort();

  const states: AccountState[] = accounts.map((account) => ({ account, attempts: 0, ambiguous: false, last: null, result: null }));
  let stop: BatchStop | null = null;
  let calls = 0;
  let nextIndex = 0;
  const progress = progressReporter(accounts.length, clock, settings.progressIntervalMs, options.onProgress);

  const settle = (state: AccountState, result: AccountResult) => {
    state.result = result;
    sink.outcome(result);
    progress.settled(result);
  };
  /** A failed account, or `unconfirmed` while some attempt may have taken effect unseen (verification settles it). */
  const failed = (state: AccountState, status: 'failed' | 'unconfirmed' = state.ambiguous ? 'unconfirmed' : 'failed'): AccountResult => ({
    account: state.account,
    status,
    errorCode: state.last?.errorCode ?? null,
    errorInfo: state.last?.errorInfo ?? null,
    attempts: state.attempts,
  });

  const processAccount = async (state: AccountState): Promise<void> => {
    for (;;) {
      try {
        await limiter.acquire(halt.signal);
      } catch {
        if (state.attempts > 0) settle(state, failed(state));
        return; // never sent: skipped below
      }
      state.attempts++;
      calls++;
      const outcome = await gateway.deleteRobot(state.account);
      firstAnswered();
      if (outcome.ok) {
        return settle(state, { account: state.account, status: 'deleted', errorCode: null, errorInfo: null, attempts: state.attempts });
      }
      state.last = outcome;
      if (outcome.ambiguous) state.ambiguous = true;
      if (outcome.errorClass === 'item' && (state.attempts > 1 || settings.previouslyAttempted?.has(state.account))) {
        // "Not found" after an earlier attempt: that attempt may have deleted it. Verification decides.
        state.ambiguous = true;
      }
      if (stopsBatch(outcome.errorClass)) {
        if (!stop) {
          stop = {
            ...(outcome.errorClass === 'redirect' ? { kind: 'redirect' as const } : {}),
            errorCode: outcome.errorCode,
            errorInfo: outcome.errorInfo,
            advice: outcome.advice,
          };
          halt.abort();
        }
        return settle(state, failed(state));
      }
      if (!isRetryable(outcome.errorClass) || state.attempts >= settings.maxAttempts || halt.signal.aborted) {
        return settle(state, failed(state));
      }
      if (outcome.errorClass === 'rate-limited') limiter.pause(1000);
      try {
        await clock.sleep(backoffDelay(state.attempts, outcome.errorClass === 'rate-limited', settings, deps.random), halt.signal);
      } catch {
        return settle(state, failed(state));
      }
    }
  };

  // The first call goes alone: it pays the cold start (connection, lazy module loading) that would otherwise
  // bunch the next calls together, and a wrong key then costs a single call.
  let firstAnswered!: () => void;
  const warm = new Promise<void>((resolve) => (firstAnswered = resolve));
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
    if (!state.result) settle(state, { account: state.account, status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 });
  }
  const status = stop ? 'aborted' : options.signal?.aborted ? 'cancelled' : 'completed';

  let verification: Verification = 'skipped';
  if (status === 'completed' && settings.verify !== false) {
    verification = await verify(states, gateway, settings, deps, settle, failed);
  }
  progress.flush();
  const results = states.map((state) => state.result!);
  return { status, results, summary: summarize(results), stop, verification, calls, durationMs: clock.now() - started };
}

async function verify(
  states: AccountState[],
  gateway: SweepGateway,
  settings: Settings,
  deps: SweepDeps,
  settle: (state: AccountState, result: AccountResult) => void,
  failed: (state: AccountState, status: 'failed' | 'unconfirmed') => AccountResult,
): Promise<Verification> {
  const toCheck = states.filter((state) => state.result!.status === 'deleted' || state.result!.status === 'unconfirmed');
  if (toCheck.length === 0) return 'not-needed';
  let listing: Awaited<ReturnType<SweepGateway['getAllRobots']>> | null = null;
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    listing = await gateway.getAllRobots();
    if (listing.ok || !isRetryable(listing.errorClass)) break;
    await deps.clock.sleep(backoffDelay(attempt, listing.errorClass === 'rate-limited', settings, deps.random));
  }
  if (!listing?.ok) return 'failed';
  const listed = new Set(listing.answer.Robot_Account);
  for (const state of toCheck) {
    const stillThere = listed.has(state.account);
    if (state.result!.status === 'deleted' && stillThere) {
      settle(state, { ...state.result!, status: 'failed', errorCode: null, errorInfo: STILL_LISTED });
    } else if (state.result!.status === 'unconfirmed') {
      settle(state, stillThere ? failed(state, 'failed') : { ...state.result!, status: 'deleted', errorCode: null, errorInfo: null });
    }
  }
  return 'verified';
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

function progressReporter(total: number, clock: Clock, intervalMs: number, onProgress: SweepOptions['onProgress']) {
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
