// Whether the gateway is up: a batch stops early when no call succeeds for a long run of calls or a few seconds of
// only network or 5xx failures, or when the same unknown error code comes back for account after account.
import type { BatchStop } from '../../../shared/sweep.js';
import type { Clock } from '../clock.js';
import { ERROR_CODES } from '../tim/errors.js';
import type { CallOutcome } from '../tim/gateway.js';

export interface HealthLimits {
  /** Consecutive failed calls (network, 5xx, garbled, internal error) with no success in between. */
  readonly maxFailures: number;
  /** Time without any answer from the gateway, once at least `minFailures` calls got none (network, 5xx, garbled). */
  readonly maxSilentMs: number;
  readonly minFailures: number;
  /** Distinct accounts answered with the same unknown error code in a row. */
  readonly unknownCodeAccounts: number;
}

export const HEALTH_DEFAULTS: HealthLimits = { maxFailures: 100, maxSilentMs: 5000, minFailures: 10, unknownCodeAccounts: 5 };

const RETRY_ADVICE = 'Check that you are online and that the region or endpoint is right, then retry the batch to send the rest.';

export class GatewayHealth {
  private streak = 0;
  /** Of the streak, the failures without any gateway answer (network, HTTP 5xx, garbled): only these count toward the time rule. */
  private silentStreak = 0;
  private networkOnly = true;
  private lastAnswerAt: number;
  private unknown: { code: number; accounts: Set<string> } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly limits: HealthLimits = HEALTH_DEFAULTS,
  ) {
    this.lastAnswerAt = clock.now();
  }

  /** Records a call's outcome; returns why the batch must stop, or null. */
  record(account: string, outcome: CallOutcome): BatchStop | null {
    const now = this.clock.now();
    if (!outcome.ok && (outcome.errorClass === 'network' || outcome.errorClass === 'transient' || outcome.errorClass === 'malformed')) {
      if (this.streak === 0) this.networkOnly = true;
      this.streak++;
      if (outcome.errorClass !== 'network') this.networkOnly = false;
      if (outcome.errorCode === null) this.silentStreak++;
      else this.lastAnswerAt = now; // an error code is an answer: the gateway is there, if failing
      const silentMs = now - this.lastAnswerAt;
      const silentTooLong = silentMs >= this.limits.maxSilentMs && this.silentStreak >= this.limits.minFailures;
      if (this.streak >= this.limits.maxFailures || silentTooLong) return this.downStop(outcome, silentMs);
      return null;
    }
    // The gateway answered: it is up.
    this.streak = 0;
    this.silentStreak = 0;
    this.lastAnswerAt = now;
    if (outcome.ok || outcome.errorCode === null || ERROR_CODES.has(outcome.errorCode)) {
      this.unknown = null;
      return null;
    }
    if (this.unknown?.code !== outcome.errorCode) this.unknown = { code: outcome.errorCode, accounts: new Set() };
    this.unknown.accounts.add(account);
    if (this.unknown.accounts.size < this.limits.unknownCodeAccounts) return null;
    return {
      kind: 'unknown-error',
      errorCode: outcome.errorCode,
      errorInfo: `the gateway answered error ${outcome.errorCode}, which Botsweep does not know, to ${this.unknown.accounts.size} accounts in a row (${outcome.errorInfo})`,
      advice: 'Look the code up in the Chat error-code documentation; retry the batch once it is resolved.',
    };
  }

  private downStop(last: Extract<CallOutcome, { ok: false }>, silentMs: number): BatchStop {
    const seconds = Math.max(1, Math.round(silentMs / 1000));
    if (this.networkOnly) {
      return {
        kind: 'unreachable',
        errorCode: null,
        errorInfo: `the gateway could not be reached: ${last.errorInfo} (${this.streak} calls in a row, ${seconds} s)`,
        advice: RETRY_ADVICE,
      };
    }
    const http = /^the gateway answered (HTTP \d+)$/.exec(last.errorInfo)?.[1];
    return {
      kind: 'gateway-failing',
      errorCode: last.errorCode,
      errorInfo: http
        ? `the gateway answered ${http} to every call (${this.streak} in a row, ${seconds} s)`
        : `the gateway failed every call: ${last.errorInfo} (${this.streak} in a row, ${seconds} s)`,
      advice: RETRY_ADVICE,
    };
  }
}
