// Whether the gateway is up: a batch stops early after a long run of failed calls, a few seconds of refused
// connections, a call that timed out with nothing answered since, only "too frequent" answers for 30 s, or the same
// unknown error code for account after account. A pause of this process is no evidence: the counts start again.
import type { BatchStop } from '../../../shared/sweep.js';
import type { Clock, PauseSignal } from '../clock.js';
import { ERROR_CODES } from '../tim/errors.js';
import type { CallOutcome, Failure } from '../tim/outcome.js';
import { failingStop, tooFrequentStop, unknownCodeStop, unreachableStop } from './stops.js';

export interface HealthLimits {
  /** Consecutive failed calls (network, 5xx, garbled, internal error) with no success in between. */
  readonly maxFailures: number;
  /** Time without any answer from the gateway, once at least `minFailures` calls got none (refused, dropped, 5xx). */
  readonly maxSilentMs: number;
  readonly minFailures: number;
  /** Time without any answer once a call has timed out (a gateway that accepts and never answers). */
  readonly maxWaitMs: number;
  /** Time with only "too frequent" answers (60007, HTTP 429 …) and no other answer. */
  readonly maxLimitedMs: number;
  /** Distinct accounts answered with the same unknown error code in a row. */
  readonly unknownCodeAccounts: number;
}

export const HEALTH_DEFAULTS: HealthLimits = {
  maxFailures: 100,
  maxSilentMs: 5000,
  minFailures: 10,
  maxWaitMs: 12_000,
  maxLimitedMs: 30_000,
  unknownCodeAccounts: 5,
};

/** How often the watchdog looks, so a batch whose calls all hang still stops on time. */
export const HEALTH_CHECK_MS = 500;

export class GatewayHealth {
  private readonly limits: HealthLimits;
  private streak = 0;
  /** Of the streak, the failures without any gateway answer (network, HTTP 5xx, garbled): only these count toward the time rules. */
  private silentStreak = 0;
  private networkOnly = true;
  private lastAnswerAt: number;
  private lastFailure: Failure | null = null;
  /** A call timed out since the last answer. */
  private timedOut = false;
  /** "Too frequent" answers since the last other answer, and when that other answer came. */
  private limited = 0;
  private lastOtherAnswerAt: number;
  private lastLimit: Failure | null = null;
  private unknown: { code: number; accounts: Set<string> } | null = null;
  private pausesSeen: number;

  constructor(
    private readonly clock: Clock,
    limits: Partial<HealthLimits> = {},
    private readonly pauses?: PauseSignal,
  ) {
    this.limits = { ...HEALTH_DEFAULTS, ...limits };
    this.lastAnswerAt = this.lastOtherAnswerAt = clock.now();
    this.pausesSeen = pauses?.check() ?? 0;
  }

  /** Records a call's outcome (a deletion or a listing); returns why the batch must stop, or null. */
  record(account: string, outcome: CallOutcome): BatchStop | null {
    const now = this.clock.now();
    if (this.pausedSince() || (!outcome.ok && outcome.acrossPause)) {
      this.restart(now);
      return null;
    }
    if (!outcome.ok && outcome.errorClass === 'rate-limited') {
      // An answer: the gateway is there, refusing for frequency.
      this.answered(now);
      this.limited++;
      this.lastLimit = outcome;
      return this.check();
    }
    if (!outcome.ok && (outcome.errorClass === 'network' || outcome.errorClass === 'transient' || outcome.errorClass === 'malformed')) {
      if (this.streak === 0) this.networkOnly = true;
      this.streak++;
      this.lastFailure = outcome;
      if (outcome.errorClass !== 'network') this.networkOnly = false;
      if (outcome.network === 'timeout') this.timedOut = true;
      if (outcome.errorCode === null) this.silentStreak++;
      else this.answered(now, true); // an error code is an answer: the gateway is there, if failing
      if (this.streak >= this.limits.maxFailures) return this.downStop(now);
      return this.check();
    }
    this.answered(now);
    this.streak = 0;
    this.limited = 0;
    this.lastOtherAnswerAt = now;
    if (outcome.ok || outcome.errorCode === null || outcome.errorClass !== 'item' || ERROR_CODES.has(outcome.errorCode)) {
      this.unknown = null;
      return null;
    }
    if (this.unknown?.code !== outcome.errorCode) this.unknown = { code: outcome.errorCode, accounts: new Set() };
    this.unknown.accounts.add(account);
    return this.unknown.accounts.size < this.limits.unknownCodeAccounts ? null : unknownCodeStop(outcome, this.unknown.accounts.size);
  }

  /** The time rules, also while no call comes back at all (the watchdog calls it); null while the gateway may be up. */
  check(): BatchStop | null {
    const now = this.clock.now();
    if (this.pausedSince()) {
      this.restart(now);
      return null;
    }
    const silentMs = now - this.lastAnswerAt;
    if (this.lastFailure && ((this.timedOut && silentMs >= this.limits.maxWaitMs) || this.silentTooLong(silentMs)))
      return this.downStop(now);
    const limitedMs = now - this.lastOtherAnswerAt;
    if (this.lastLimit && this.limited > 0 && limitedMs >= this.limits.maxLimitedMs)
      return tooFrequentStop(this.lastLimit, this.limited, limitedMs);
    return null;
  }

  private silentTooLong(silentMs: number): boolean {
    return silentMs >= this.limits.maxSilentMs && this.silentStreak >= this.limits.minFailures;
  }

  /** The gateway said something; `failing` keeps the streak of failures going (an error code among failures). */
  private answered(now: number, failing = false): void {
    this.lastAnswerAt = now;
    this.silentStreak = 0;
    this.timedOut = false;
    if (!failing) this.streak = 0;
  }

  private pausedSince(): boolean {
    const seen = this.pauses?.check() ?? 0;
    if (seen === this.pausesSeen) return false;
    this.pausesSeen = seen;
    return true;
  }

  /** After a pause: nothing before it counts against the gateway. */
  private restart(now: number): void {
    this.streak = this.silentStreak = this.limited = 0;
    this.timedOut = false;
    this.lastAnswerAt = this.lastOtherAnswerAt = now;
  }

  private downStop(now: number): BatchStop {
    const last = this.lastFailure!;
    const silentMs = now - this.lastAnswerAt;
    if (this.networkOnly) return unreachableStop(last, this.streak, silentMs);
    return failingStop(last, this.streak, Math.max(1, Math.round(silentMs / 1000)));
  }
}
