// The pace of a sweep: the configured rate until the gateway says "too frequent", then just under what the gateway
// accepted in its last second. It climbs back quickly to 97 % of that ceiling, then probes upward gently, learning a
// higher ceiling only from seconds the gateway accepted; the ceiling is kept for the whole batch, never forgotten.
import type { Clock } from '../clock.js';
import type { RateLimiter } from './limiter.js';

const MIN_RATE = 1;
/** Limit answers that arrive within this of a cut belong to the same overshoot: one cut for all of them. */
const CUT_COOLDOWN_MS = 300;
/** The pace settles at this share of the learned ceiling: room for the jitter that bunches calls at the gateway. */
const NEAR_CEILING = 0.97;
/** Past that the pace grows by this share of the ceiling, once per this long without a limit answer. */
const PROBE_STEP = 0.01;
const PROBE_EVERY_MS = 5000;

export class AdaptivePace {
  private readonly acceptedAt: number[] = [];
  /** The most the gateway accepted in a second when it last said "too frequent"; raised as it accepts more. */
  private ceiling: number | null = null;
  private lastLimitAt = -Infinity;
  private lastCutAt = -Infinity;
  private lastStepAt: number;
  private lastProbeAt = -Infinity;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly target: number,
  ) {
    this.lastStepAt = clock.now();
  }

  /** Calls per second now. */
  get current(): number {
    return this.limiter.rate;
  }

  /** An answer the gateway did not refuse for frequency. */
  accepted(): void {
    const now = this.clock.now();
    this.acceptedAt.push(now);
    this.trim(now);
    this.step(now);
  }

  /**
   * A frequency-limit answer: cut to just under what the gateway accepted in its last second, and pause briefly (at
   * least as long as the gateway asked, when it said).
   */
  limited(retryAfterMs?: number): void {
    const now = this.clock.now();
    this.lastLimitAt = now;
    this.lastStepAt = now;
    if (retryAfterMs !== undefined) this.limiter.pause(retryAfterMs);
    if (now - this.lastCutAt < CUT_COOLDOWN_MS) return;
    const first = this.lastCutAt === -Infinity;
    this.lastCutAt = now;
    // A gateway that limits gets even spacing: a burst after each pause would overfill its window again.
    if (first) this.limiter.setBurst(1);
    this.trim(now);
    const acceptedLastSecond = this.acceptedAt.length;
    this.ceiling = Math.max(MIN_RATE, acceptedLastSecond);
    this.limiter.setRate(Math.max(MIN_RATE, Math.min(this.limiter.rate * 0.85, acceptedLastSecond * 0.9)));
    // The first overshoot filled the gateway's window: let it empty. Later ones are small.
    this.limiter.pause(first ? 1000 : 200);
  }

  /** Once a second of clean answers: back toward the configured rate, fast up to near the learned ceiling, gently past that. */
  private step(now: number): void {
    if (now - this.lastStepAt < 1000) return;
    this.lastStepAt = now;
    const rate = this.limiter.rate;
    if (now - this.lastLimitAt < 1000 || rate >= this.target) return;
    if (this.ceiling === null) return this.limiter.setRate(Math.min(this.target, rate + Math.max(1, (this.target - rate) / 2)));
    // A clean second at a pace past the ceiling: the gateway takes that much now.
    if (this.acceptedAt.length > this.ceiling) this.ceiling = this.acceptedAt.length;
    const near = Math.min(this.target, this.ceiling * NEAR_CEILING);
    if (rate < near) return this.limiter.setRate(Math.min(near, rate + Math.max(1, (near - rate) / 2)));
    // Near the ceiling: probe upward gently, every few seconds; the ceiling itself rises only with what the gateway took.
    if (now - this.lastProbeAt < PROBE_EVERY_MS || now - this.lastLimitAt < PROBE_EVERY_MS) return;
    this.lastProbeAt = now;
    this.limiter.setRate(Math.min(this.target, rate + Math.max(0.2, this.ceiling * PROBE_STEP)));
  }

  private trim(now: number): void {
    while (this.acceptedAt.length && now - this.acceptedAt[0]! >= 1000) this.acceptedAt.shift();
  }
}
