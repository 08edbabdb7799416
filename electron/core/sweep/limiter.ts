// Paces calls to a steady rate: even spacing with a small burst allowance (GCRA), no catch-up burst after a stall,
// and a guard that no 1-second window ever holds more than the rate allows, even when the event loop lags.
// The rate can change while calls wait (the adaptive pace lowers and raises it).
import type { Clock } from '../clock.js';

const WINDOW_MS = 1000;

export interface LimiterOptions {
  /** Calls per second. */
  readonly rate: number;
  /** Calls that may go back to back at most; 1 means perfectly even spacing. Default 2. */
  readonly burst?: number;
}

export class RateLimiter {
  private rateValue = 0;
  private intervalMs = 0;
  private toleranceMs = 0;
  private burst: number;
  /** Theoretical arrival time of the next call (GCRA). */
  private nextAt = -Infinity;
  private pausedUntil = -Infinity;
  /** Release times within the last second, oldest first (from `head`). */
  private readonly released: number[] = [];
  private head = 0;
  /** Pauses so far: a caller that slept through one takes a new slot. */
  private pauses = 0;

  constructor(
    private readonly clock: Clock,
    options: LimiterOptions,
  ) {
    const burst = options.burst ?? 2;
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError('the burst must be a whole number of at least 1');
    this.burst = burst;
    this.setRate(options.rate);
  }

  get rate(): number {
    return this.rateValue;
  }

  /**
   * Most calls any 1-second window may hold: the rate itself, with no burst on top. The gateway counts arrivals,
   * which timers and a busy event loop can bunch: that margin stays below its limit instead of going to bursts.
   */
  get windowMax(): number {
    return Math.max(1, Math.floor(this.rateValue));
  }

  /** Calls that may go back to back from now on (the pace lowers it once the gateway says "too frequent"). */
  setBurst(burst: number): void {
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError('the burst must be a whole number of at least 1');
    this.burst = burst;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  setRate(rate: number): void {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError('the rate must be a positive number of calls per second');
    this.rateValue = rate;
    this.intervalMs = 1000 / rate;
    this.toleranceMs = (this.burst - 1) * this.intervalMs;
  }

  /** Waits for this caller's slot. Slots are handed out in call order. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    for (;;) {
      const pauses = this.pauses;
      const now = this.clock.now();
      // After a stall the schedule restarts from now: no saved-up credit beyond the burst.
      const slot = Math.max(now, this.nextAt - this.toleranceMs);
      this.nextAt = Math.max(this.nextAt, slot) + this.intervalMs;
      if (slot > now) await this.clock.sleep(slot - now, signal);
      // A pause while it waited ("too frequent"): the slot it was given is no longer good; it takes a new one.
      if (pauses === this.pauses) break;
    }
    // A late wake-up (a busy event loop) must not squeeze more calls into a window than it may hold.
    for (;;) {
      const t = this.clock.now();
      while (this.head < this.released.length && t - this.released[this.head]! >= WINDOW_MS) this.head++;
      if (this.head > 1024) {
        this.released.splice(0, this.head);
        this.head = 0;
      }
      if (this.released.length - this.head < this.windowMax) {
        this.released.push(t);
        return;
      }
      // At least a millisecond: a sleep shorter than the clock's precision would never move time on.
      await this.clock.sleep(Math.max(1, WINDOW_MS - (t - this.released[this.head]!)), signal);
    }
  }

  /** Holds every further slot back until `ms` from now (after the gateway says "too frequent"). */
  pause(ms: number): void {
    this.pauses++;
    // A pause never shortens one still running: the gateway's Retry-After outlasts the pace's own shorter pause.
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms + this.toleranceMs);
    // Every slot handed out for later is given up (its caller takes a new one): the schedule starts at the pause's end.
    this.nextAt = this.pausedUntil;
  }
}
