// Paces calls to a steady rate: even spacing with a small burst allowance (GCRA), no catch-up burst after a stall,
// and a guard that no 1-second window ever holds more than the rate allows, even when the event loop lags.
import type { Clock } from '../clock.js';

export interface LimiterOptions {
  /** Calls per second. */
  readonly rate: number;
  /** Calls that may go back to back at most; 1 means perfectly even spacing. Default 2. */
  readonly burst?: number;
}

export class RateLimiter {
  readonly intervalMs: number;
  /** Most calls any 1-second window may hold. */
  readonly windowMax: number;
  private readonly toleranceMs: number;
  /** Theoretical arrival time of the next call (GCRA). */
  private nextAt = -Infinity;
  /** Release times of the last `windowMax` calls, oldest at `ringHead`. */
  private readonly ring: number[];
  private ringHead = 0;

  constructor(
    private readonly clock: Clock,
    options: LimiterOptions,
  ) {
    if (!(options.rate > 0) || !Number.isFinite(options.rate))
      throw new RangeError('the rate must be a positive number of calls per second');
    const burst = options.burst ?? 2;
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError('the burst must be a whole number of at least 1');
    this.intervalMs = 1000 / options.rate;
    this.toleranceMs = (burst - 1) * this.intervalMs;
    // The pacing alone allows rate + burst - 1 per window; two more absorb timer rounding without drifting the pace.
    this.windowMax = Math.floor(options.rate) + burst + 1;
    this.ring = new Array<number>(this.windowMax).fill(-Infinity);
  }

  /** Waits for this caller's slot. Slots are handed out in call order. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = this.clock.now();
    // After a stall the schedule restarts from now: no saved-up credit beyond the burst.
    const slot = Math.max(now, this.nextAt - this.toleranceMs);
    this.nextAt = Math.max(this.nextAt, slot) + this.intervalMs;
    if (slot > now) await this.clock.sleep(slot - now, signal);
    // A late wake-up (a busy event loop) must not squeeze more calls into a window than it may hold.
    for (;;) {
      const oldest = this.ring[this.ringHead]!;
      const t = this.clock.now();
      if (t - oldest >= 1000) {
        this.ring[this.ringHead] = t;
        this.ringHead = (this.ringHead + 1) % this.windowMax;
        return;
      }
      await this.clock.sleep(1000 - (t - oldest), signal);
    }
  }

  /** Holds every further slot back until `ms` from now (after the gateway says "too frequent"). */
  pause(ms: number): void {
    this.nextAt = Math.max(this.nextAt, this.clock.now() + ms + this.toleranceMs);
  }
}
