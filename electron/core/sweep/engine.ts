// The sweep engine: lists the app's chatbots, deletes accounts through the gateway at a paced rate, retries what is
// worth retrying, stops early when the gateway refuses or is down, journals ahead of every call and verifies with a
// final listing. What each account's evidence supports is ./evidence.ts; the stop rules are ./health.ts.
import { setMaxListeners } from 'node:events';
import { summarize, type AccountResult, type BatchStop, type Verification } from '../../../shared/sweep.js';
import { isRetryable, stopsBatch } from '../tim/errors.js';
import type { CallOutcome } from '../tim/outcome.js';
import { classify, contradictsListing, NOT_FOUND_CODE, provisionalResult, type Evidence } from './evidence.js';
import { GatewayHealth, HEALTH_CHECK_MS } from './health.js';
import { RateLimiter } from './limiter.js';
import { fetchListing } from './listing.js';
import { AdaptivePace } from './pace.js';
import { progressReporter } from './progress.js';
import { journalStop, stopFromFailure } from './stops.js';
import { SWEEP_DEFAULTS, type SweepDeps, type SweepOptions, type SweepReport } from './types.js';
import { verify } from './verify.js';

export * from './types.js';

type Settings = Required<
  Pick<SweepOptions, 'rate' | 'burst' | 'concurrency' | 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs' | 'progressIntervalMs'>
> &
  SweepOptions;

/** A batch of at most this many accounts is sent in one round. */
const ONE_ROUND = 20;

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
  // A small batch (the usual 20 bots) goes in one round: the gateway takes 200 a second, and a round trip saved is
  // what the user feels. A larger one is spaced evenly from the start, its cold connections never bunching calls.
  const burst = options.burst ?? (accounts.length <= ONE_ROUND ? Math.max(1, accounts.length) : settings.burst);
  const limiter = new RateLimiter(clock, { rate: settings.rate, burst });
  const pace = new AdaptivePace(limiter, clock, settings.rate);
  const health = new GatewayHealth(clock, settings.health, deps.pauses);
  const halt = new AbortController();
  setMaxListeners(0, halt.signal); // every worker waits on it
  const onCancel = () => halt.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted) halt.abort();
  const backoff = (attempt: number, rateLimited: boolean, retryAfterMs?: number) =>
    Math.max(backoffDelay(attempt, rateLimited, settings, deps.random), retryAfterMs ?? 0);

  let stop: BatchStop | null = null;
  const stopWith = (reason: BatchStop) => {
    if (stop) return;
    stop = reason;
    halt.abort();
  };
  // While calls run, a gateway found down stops the batch; during verification it only cuts the final listing short.
  let verifying: AbortController | null = null;
  let downWhileVerifying: BatchStop | null = null;
  const gatewayDown = (down: BatchStop) => {
    if (!verifying) return stopWith(down);
    downWhileVerifying ??= down;
    verifying.abort();
  };
  const heard = (account: string, outcome: CallOutcome) => {
    const down = health.record(account, outcome);
    if (down) gatewayDown(down);
  };
  const listOnce = (signal: AbortSignal) =>
    fetchListing({
      getAllRobots: async (attemptSignal) => {
        const outcome = await gateway.getAllRobots(attemptSignal);
        heard('', outcome);
        return outcome;
      },
      clock,
      maxAttempts: settings.maxAttempts,
      backoff,
      signal,
    });
  // The time rules must hold while every call hangs, too.
  const watchdogOff = new AbortController();
  const watchdog = (async () => {
    for (;;) {
      try {
        await clock.sleep(HEALTH_CHECK_MS, watchdogOff.signal);
      } catch {
        return;
      }
      const down = health.check();
      if (down) gatewayDown(down);
    }
  })();

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
    const listing = await listOnce(halt.signal);
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
      answeredUnclear: false,
      last: null,
    };
    return { evidence, result: null };
  });
  const verdict = (botCount: number | null, problem: string | null, contradiction?: string) =>
    record(() =>
      journal.classified({
        botCount,
        problem,
        bots: states.filter((state) => state.evidence.wasBot === true).map((state) => state.evidence.account),
        notBots: states.filter((state) => state.evidence.wasBot === false).map((state) => state.evidence.account),
        ...(contradiction ? { contradicted: contradiction } : {}),
      }),
    );
  if (!stop && accounts.length) verdict(startListing?.size ?? null, listingProblem);

  // The gateway answered OK for an account the first listing lacked: that listing is believed for no account, and what
  // was settled by it is settled again by the other evidence alone.
  let contradicted: string | null = null;
  const believeNoListing = (account: string) => {
    contradicted = `the gateway answered OK for ${account}, which the listing before the batch did not have`;
    for (const { evidence } of states)
      evidence.wasBot = classify(evidence.account, null, options.inheritedBots?.get(evidence.account), evidence.previouslySent);
    verdict(null, `not believed: ${contradicted}`, contradicted);
    for (const state of states) {
      if (!state.result || state.result.status === 'skipped' || state.evidence.account === account) continue;
      const next = provisionalResult(state.evidence);
      if (next.status !== state.result.status || next.errorInfo !== state.result.errorInfo) settle(state, next);
    }
  };

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
        pace.limited(outcome.retryAfterMs);
        limitAnswers++;
      } else pace.accepted();
      heard(evidence.account, outcome);
      if (outcome.ok) {
        evidence.answeredOk = true;
        if (contradictsListing(evidence)) believeNoListing(evidence.account);
        return settle(state, provisionalResult(evidence));
      }
      evidence.last = outcome;
      if (outcome.ambiguous) {
        evidence.ambiguous = true;
        if (outcome.errorCode !== null) evidence.answeredUnclear = true;
      }
      if (outcome.errorCode === NOT_FOUND_CODE && !outcome.ambiguous) {
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
        await clock.sleep(backoff(Math.max(1, counted), rateLimited, outcome.retryAfterMs), halt.signal);
      } catch {
        return settle(state, provisionalResult(evidence));
      }
    }
  };

  // Without a first listing that came back, the first call goes alone: it pays the cold start (connection, lazy module
  // loading) that would otherwise bunch the next calls together, and a wrong key then costs a single call. A listing
  // that came back has done both already.
  let firstAnswered!: () => void;
  const warm = startListing ? Promise.resolve() : new Promise<void>((resolve) => (firstAnswered = resolve));
  firstAnswered ??= () => {};
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

  // A batch stopped because the gateway failed its deletions is checked too: the listing may still answer, and settle
  // what those failures did. Other stops leave nothing a listing could settle (nothing was sent, or it would fail too).
  const stopKind = (stop as BatchStop | null)?.kind;
  const checkable = status === 'completed' || stopKind === 'gateway-failing' || stopKind === 'unknown-error';
  let verification: Verification = { status: 'skipped', reason: status === 'completed' ? null : `the batch was ${status}` };
  if (checkable && settings.verify === false) verification = { status: 'skipped', reason: 'turned off' };
  else if (checkable) {
    const cut = (verifying = new AbortController());
    verification = await verify(states, contradicted ? null : startListing, () => listOnce(cut.signal), settle);
    const down = downWhileVerifying as BatchStop | null;
    if (down && verification.status !== 'verified')
      verification = { status: 'failed', reason: `the gateway stopped answering: ${down.errorInfo}` };
  }
  watchdogOff.abort();
  await watchdog;
  progress.flush();
  const results = states.map((state) => state.result!);
  return {
    status,
    results,
    summary: summarize(results),
    stop,
    verification,
    listedAtStart: contradicted ? null : (startListing?.size ?? null),
    listingContradicted: contradicted,
    calls,
    limitAnswers,
    durationMs: clock.now() - started,
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

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
