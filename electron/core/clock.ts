// Time as a parameter: a monotonic clock for timeouts and pacing, the wall clock for what others check (UserSigs,
// journal stamps), the sleep every core module waits with, and a watch that notices when the process was paused.

export interface Clock {
  /** Monotonic milliseconds (may be fractional; offset to look like the epoch): for durations, timeouts and pacing. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Milliseconds since the epoch by the wall clock: for what another machine checks (a UserSig's time) and for
   * stamps people read. Unlike `now()` it moves on while a laptop sleeps. Fakes may leave it out (then `now()`).
   */
  wall?(): number;
}

/** The wall time of a clock (its `now()` when it has no wall clock of its own, as test fakes may not). */
export function wallTime(clock: Clock): number {
  return clock.wall ? clock.wall() : clock.now();
}

export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  wall: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Counts the times the process was paused: stopped (SIGSTOP, a debugger), starved (an event-loop stall), or put to
 * sleep with the machine (the wall clock moved on while the monotonic one did not). A pause is no evidence about the
 * gateway: a timeout that crossed one is retried, and the count of failures that stops a batch starts again.
 * `check()` measures the gap since the last look itself, so whoever runs first after a pause sees it.
 */
export interface PauseSignal {
  /** Pauses seen so far; compare with an earlier value to know whether one happened since. */
  check(): number;
}

/** A pause longer than this (or the two clocks drifting apart by as much) is counted. */
export const PAUSE_THRESHOLD_MS = 1500;

export class PauseWatch implements PauseSignal {
  private pauses = 0;
  private lastMonotonic: number;
  private lastWall: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly monotonic: () => number = () => performance.now(),
    private readonly wall: () => number = Date.now,
    private readonly thresholdMs = PAUSE_THRESHOLD_MS,
  ) {
    this.lastMonotonic = monotonic();
    this.lastWall = wall();
  }

  /** Looks every `intervalMs` (without keeping the process alive), so a quiet spell is never mistaken for a pause. */
  start(intervalMs = 250): this {
    this.stop();
    this.check();
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref?.();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  check(): number {
    const monotonic = this.monotonic();
    const wall = this.wall();
    const gap = monotonic - this.lastMonotonic;
    const drift = wall - this.lastWall - gap;
    // Without the timer a long gap is only a quiet spell; with it, the loop did not run for that long.
    if ((this.timer && gap > this.thresholdMs) || Math.abs(drift) > this.thresholdMs) this.pauses++;
    this.lastMonotonic = monotonic;
    this.lastWall = wall;
    return this.pauses;
  }
}
