// The sandbox's frequency limit: at most N accepted calls in any window of the given length.

export class SlidingWindowLimit {
  private readonly stamps: number[];
  private next = 0;
  private filled = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 1000,
  ) {
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError('the frequency limit must be a positive whole number');
    this.stamps = new Array<number>(limit).fill(0);
  }

  /** Records a call at `now` and returns true, or returns false (recording nothing) when it is over the limit. */
  tryAcquire(now: number): boolean {
    if (this.filled === this.limit) {
      // `next` holds the oldest of the last `limit` accepted calls.
      const oldest = this.stamps[this.next]!;
      if (now - oldest < this.windowMs) return false;
    } else {
      this.filled++;
    }
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return true;
  }
}
