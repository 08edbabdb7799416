// What every batch engine (deletions, re-creations) runs in: one limiter and adaptive pace for the batch, the gateway's
// health with a watchdog, a halt that stops sending (a cancel or an early stop), journal writes that stop the batch
// when they fail, listings, backoff, and the worker pool whose first call goes alone without a listing.
import { setMaxListeners } from 'node:events';
import { summarize, type AccountResult, type BatchStop } from '../../../shared/sweep.js';
import { isRetryable, stopsBatch } from '../tim/errors.js';
import type { CallOutcome, Failure } from '../tim/outcome.js';
import { GatewayHealth, HEALTH_CHECK_MS } from './health.js';
import { RateLimiter } from './limiter.js';
import { fetchListing, type ListingResult } from './listing.js';
import { AdaptivePace } from './pace.js';
import { journalStop, stopFromFailure } from './stops.js';
import { SWEEP_DEFAULTS, type SweepDeps, type SweepGateway, type SweepOptions, type SweepReport } from './types.js';

export type Settings = Required<
  Pick<SweepOptions, 'rate' | 'burst' | 'concurrency' | 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs' | 'progressIntervalMs'>
> &
  SweepOptions;

/** A batch of at most this many accounts is sent in one round. */
const ONE_ROUND = 20;

/** Attempts per account whatever their answers, frequency-limit ones included. */
export const MAX_TOTAL_ATTEMPTS = 30;

/** What every engine learns of an account from its own calls (its rules add what else they need). */
export interface Attempted {
  readonly account: string;
  attempts: number;
  answeredOk: boolean;
  /** Some attempt may have taken effect unseen: a lost, late, garbled or unclear answer. */
  ambiguous: boolean;
  /** Some attempt was answered by the gateway in words that do not say nothing happened (10002, FAIL with 0, …). */
  answeredUnclear: boolean;
  last: Failure | null;
}

export interface SendHooks {
  /** Journals the marker before the account's first call; it may throw (the batch then stops, nothing sent). */
  readonly markSent: () => void;
  /** Records the account's outcome from its evidence as it stands. */
  readonly settle: () => void;
  /** The first answer of the batch came (the warm-up is over). */
  readonly firstAnswered: () => void;
  /** An engine's own reading of an answer, after the evidence took it in; true settles the account at once. */
  readonly answered?: (outcome: CallOutcome) => boolean;
}

export class BatchFrame {
  readonly settings: Settings;
  readonly limiter: RateLimiter;
  readonly pace: AdaptivePace;
  /** Aborted when the batch stops sending: a cancel, or an early stop. */
  readonly halt = new AbortController();
  stop: BatchStop | null = null;
  /** Calls sent. */
  calls = 0;
  private readonly limitedAttempts = new Map<string, number>();
  private readonly health: GatewayHealth;
  /** While verifying, a gateway found down only cuts the final listing short. */
  private verifying: AbortController | null = null;
  private downWhileVerifying: BatchStop | null = null;
  private readonly watchdogOff = new AbortController();
  private readonly watchdog: Promise<void>;
  private readonly onCancel = () => this.halt.abort();

  private readonly cancel: AbortSignal | undefined;
  private readonly startedAt: number;

  constructor(
    count: number,
    private readonly deps: Pick<SweepDeps, 'clock' | 'random' | 'pauses'> & { readonly gateway: Pick<SweepGateway, 'getAllRobots'> },
    options: SweepOptions,
  ) {
    this.startedAt = deps.clock.now();
    const settings = (this.settings = { ...SWEEP_DEFAULTS, ...stripUndefined(options) });
    const cancel = (this.cancel = options.signal);
    // A small batch (the usual 20 bots) goes in one round: the gateway takes 200 a second, and a round trip saved is
    // what the user feels. A larger one is spaced evenly from the start, its cold connections never bunching calls.
    const burst = options.burst ?? (count <= ONE_ROUND ? Math.max(1, count) : settings.burst);
    this.limiter = new RateLimiter(deps.clock, { rate: settings.rate, burst });
    this.pace = new AdaptivePace(this.limiter, deps.clock, settings.rate);
    const health = (this.health = new GatewayHealth(deps.clock, settings.health, deps.pauses));
    setMaxListeners(0, this.halt.signal); // every worker waits on it
    cancel?.addEventListener('abort', this.onCancel, { once: true });
    if (cancel?.aborted) this.halt.abort();
    // The time rules must hold while every call hangs, too.
    this.watchdog = (async () => {
      for (;;) {
        try {
          await deps.clock.sleep(HEALTH_CHECK_MS, this.watchdogOff.signal);
        } catch {
          return;
        }
        const down = health.check();
        if (down) this.gatewayDown(down);
      }
    })();
  }

  get halted(): boolean {
    return this.halt.signal.aborted;
  }

  stopWith(reason: BatchStop): void {
    if (this.stop) return;
    this.stop = reason;
    this.halt.abort();
  }

  /** An outcome the gateway gave (a call or a listing): the health hears it, and may stop the batch. */
  heard(account: string, outcome: CallOutcome): void {
    const down = this.health.record(account, outcome);
    if (down) this.gatewayDown(down);
  }

  /** An answer for the pace: a frequency-limit one slows it; returns whether it was one. */
  private paced(outcome: CallOutcome): boolean {
    const rateLimited = !outcome.ok && outcome.errorClass === 'rate-limited';
    if (rateLimited) this.pace.limited(outcome.retryAfterMs);
    else this.pace.accepted();
    return rateLimited;
  }

  /** Runs a journal write; a failure stops the batch. Returns whether it was written. */
  record(write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      this.stopWith(journalStop(error));
      return false;
    }
  }

  backoff = (attempt: number, rateLimited: boolean, retryAfterMs?: number): number =>
    Math.max(backoffDelay(attempt, rateLimited, this.settings, this.deps.random), retryAfterMs ?? 0);

  /**
   * One account's calls: its slot, the marker before its first call, the call, and again with backoff while the answer
   * is worth retrying (frequency-limit answers do not use up its attempts); an answer that stops the batch stops it.
   * Returns once the account is settled, or without settling when it was never sent (the batch stopped first).
   */
  async send(evidence: Attempted, call: () => Promise<CallOutcome>, hooks: SendHooks): Promise<void> {
    for (;;) {
      try {
        await this.limiter.acquire(this.halt.signal);
      } catch {
        if (evidence.attempts > 0) hooks.settle();
        return;
      }
      if (evidence.attempts === 0 && !this.record(hooks.markSent)) return;
      evidence.attempts++;
      this.calls++;
      const outcome = await call();
      hooks.firstAnswered();
      const rateLimited = this.paced(outcome);
      this.heard(evidence.account, outcome);
      if (outcome.ok) {
        evidence.answeredOk = true;
        hooks.answered?.(outcome);
        return hooks.settle();
      }
      evidence.last = outcome;
      if (outcome.ambiguous) {
        evidence.ambiguous = true;
        if (outcome.errorCode !== null) evidence.answeredUnclear = true;
      }
      if (hooks.answered?.(outcome)) return hooks.settle();
      if (stopsBatch(outcome.errorClass)) {
        this.stopWith(stopFromFailure(outcome));
        return hooks.settle();
      }
      if (rateLimited) this.limitedAttempts.set(evidence.account, (this.limitedAttempts.get(evidence.account) ?? 0) + 1);
      const counted = evidence.attempts - (this.limitedAttempts.get(evidence.account) ?? 0);
      const spent = counted >= this.settings.maxAttempts || evidence.attempts >= MAX_TOTAL_ATTEMPTS;
      if (!isRetryable(outcome.errorClass) || spent || this.halted) return hooks.settle();
      try {
        await this.deps.clock.sleep(this.backoff(Math.max(1, counted), rateLimited, outcome.retryAfterMs), this.halt.signal);
      } catch {
        return hooks.settle();
      }
    }
  }

  /** One get_all_robots listing, retried like any call, heard by the health, cut short by `signal`. */
  listOnce(signal: AbortSignal): Promise<ListingResult> {
    return fetchListing({
      getAllRobots: async (attemptSignal) => {
        const outcome = await this.deps.gateway.getAllRobots(attemptSignal);
        this.heard('', outcome);
        return outcome;
      },
      clock: this.deps.clock,
      maxAttempts: this.settings.maxAttempts,
      backoff: this.backoff,
      signal,
    });
  }

  /** The calls are over: a gateway found down from now on cuts the final listing short, and is told by `downDuring`. */
  startVerifying(): AbortSignal {
    this.cancel?.removeEventListener('abort', this.onCancel);
    this.verifying = new AbortController();
    return this.verifying.signal;
  }

  /** Why the gateway was found down while verifying, if it was. */
  get downDuring(): BatchStop | null {
    return this.downWhileVerifying;
  }

  /**
   * Runs `work` over the items with at most `concurrency` workers, in order. Without a listing that came back, the first
   * call goes alone: it pays the cold start (connection, lazy module loading) that would otherwise bunch the next calls
   * together, and a wrong key then costs a single call. `firstAnswered` is called by `work` once its call is answered.
   */
  async workers<T>(items: readonly T[], warm: boolean, work: (item: T, firstAnswered: () => void) => Promise<void>): Promise<void> {
    let firstAnswered: () => void = () => {};
    const warmedUp = warm ? Promise.resolve() : new Promise<void>((resolve) => (firstAnswered = resolve));
    let next = 0;
    const worker = async (index: number) => {
      if (index > 0) await warmedUp;
      while (!this.halted && next < items.length) {
        await work(items[next++]!, firstAnswered);
        firstAnswered();
      }
      firstAnswered();
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, items.length) }, (_, index) => worker(index)));
    this.cancel?.removeEventListener('abort', this.onCancel);
  }

  /** Ends the watchdog. */
  async close(): Promise<void> {
    this.watchdogOff.abort();
    await this.watchdog;
  }

  /** The batch's report once its calls and checks are done: the watchdog ended, the last progress sent, results summed. */
  async report(
    states: readonly { readonly result: AccountResult | null }[],
    flushProgress: () => void,
    outcome: Pick<SweepReport, 'status' | 'stop' | 'verification' | 'listedAtStart' | 'listingContradicted'>,
  ): Promise<SweepReport> {
    await this.close();
    flushProgress();
    const results = states.map((state) => state.result!);
    return {
      status: outcome.status,
      results,
      summary: summarize(results),
      stop: outcome.stop,
      verification: outcome.verification,
      listedAtStart: outcome.listedAtStart,
      listingContradicted: outcome.listingContradicted,
      calls: this.calls,
      durationMs: this.deps.clock.now() - this.startedAt,
    };
  }

  private gatewayDown(down: BatchStop): void {
    if (!this.verifying) return this.stopWith(down);
    this.downWhileVerifying ??= down;
    this.verifying.abort();
  }
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
