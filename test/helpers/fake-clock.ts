// Virtual clocks for tests: FakeClock, whose sleeps wait for virtual time that jumps to the next timer once all else is
// idle; and skippingClock, whose sleeps end at once and move its time on (real time plus everything skipped).
import type { Clock } from '../../electron/core/clock.js';

interface Timer {
  at: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  /** Extra delay added to every sleep, to imitate a busy event loop waking up late. */
  lag: () => number = () => 0;

  constructor(start = 1_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.t + Math.max(0, ms) + this.lag(),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((item) => item !== timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Moves virtual time forward, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      await idle();
      const next = this.earliest();
      if (!next || next.at > until) break;
      this.fire(next);
    }
    this.t = until;
    await idle();
  }

  /** Runs virtual time until `promise` settles. */
  async run<T>(promise: Promise<T>, maxVirtualMs = 3_600_000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    const limit = this.t + maxVirtualMs;
    while (!settled) {
      await idle();
      if (settled) break;
      const next = this.earliest();
      if (!next) throw new Error('FakeClock: nothing left to wait for, but the promise has not settled');
      if (next.at > limit) throw new Error('FakeClock: virtual time limit reached');
      this.fire(next);
    }
    return promise;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) if (!best || timer.at < best.at) best = timer;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((item) => item !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.resolve();
  }
}

/** Lets every pending promise callback and immediate run. */
async function idle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A clock whose waits (retry backoff, pacing) end at once and move its time on by the time waited. */
export function skippingClock(): Clock {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        skipped += Math.max(0, ms);
        setImmediate(resolve);
      }),
  };
}
