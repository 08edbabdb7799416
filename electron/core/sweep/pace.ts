// The pace of a sweep: the configured rate until the gateway says "too frequent", then just under what the gateway
// accepted in its last second, recovering quickly to near that ceiling and slowly past it while answers stay clean.
import type { Clock } from '../clock.js';
import type { RateLimiter } from './limiter.js';

const MIN_RATE = 1;
/** Limit answers that arrive within this of a cut belong to the same overshoot: one cut for all of them. */
const CUT_COOLDOWN_MS = 300;
/** A ceiling learned from limit answers is forgotten after this long without one. */
const CEILING_MEMORY_MS = 20_000;

export class AdaptivePace {
  private readonly acceptedAt: number[] = [];
  private ceiling: number | null = null;
  private lastLimitAt = -Infinity;
  private lastCutAt = -Infinity;
  private lastStepAt: number;

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

  /** A frequency-limit answer: cut to just under what the gateway accepted in its last second, and pause briefly. */
  limited(): void {
    const now = this.clock.now();
    this.lastLimitAt = now;
    this.lastStepAt = now;
    if (now - this.lastCutAt < CUT_COOLDOWN_MS) return;
    const first = this.lastCutAt === -Infinity;
    this.lastCutAt = now;
    this.trim(now);
    const acceptedLastSecond = this.acceptedAt.length;
    this.ceiling = Math.max(MIN_RATE, acceptedLastSecond);
    this.limiter.setRate(Math.max(MIN_RATE, Math.min(this.limiter.rate * 0.85, acceptedLastSecond * 0.9)));
    // The first overshoot filled the gateway's window: let it empty. Later ones are small.
    this.limiter.pause(first ? 1000 : 200);
  }

  /** Once a second of clean answers: back toward the configured rate, fast below the learned ceiling, slowly past it. */
  private step(now: number): void {
    if (now - this.lastStepAt < 1000) return;
    this.lastStepAt = now;
    const rate = this.limiter.rate;
    if (now - this.lastLimitAt < 1000 || rate >= this.target) return;
    if (this.ceiling !== null && now - this.lastLimitAt > CEILING_MEMORY_MS) this.ceiling = null;
    const ceiling = this.ceiling ?? this.target;
    const near = Math.min(this.target, ceiling * 0.97);
    const next = rate < near ? rate + Math.max(1, (near - rate) / 2) : rate + Math.max(0.2, ceiling * 0.01);
    this.limiter.setRate(Math.min(this.target, next));
  }

  private trim(now: number): void {
    while (this.acceptedAt.length && now - this.acceptedAt[0]! >= 1000) this.acceptedAt.shift();
  }
}
