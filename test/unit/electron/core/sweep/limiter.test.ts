// The rate limiter (electron/core/sweep/limiter.ts) on a fake clock: the pace, the one-second window, late wake-ups
// and pauses.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../../electron/core/sweep/limiter.js';
import { FakeClock } from '../../../../helpers/fake-clock.js';

async function releases(clock: FakeClock, limiter: RateLimiter, count: number, parallel = 8): Promise<number[]> {
  const times: number[] = [];
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left--;
      await limiter.acquire();
      times.push(clock.now());
    }
  };
  await clock.run(Promise.all(Array.from({ length: parallel }, worker)));
  return times;
}

function maxInWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('RateLimiter', () => {
  it('spaces calls evenly after a burst allowance of two', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 100, burst: 2 });
    const times = await releases(clock, limiter, 6);
    expect(times).toEqual([0, 0, 10, 20, 30, 40]);
  });

  it('does not catch up after a stall: only the burst allowance goes at once', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 100, burst: 2 });
    await releases(clock, limiter, 5);
    await clock.advance(5000); // nobody called for 5 s: 500 unused slots
    const start = clock.now();
    const times = await releases(clock, limiter, 5);
    expect(times.map((t) => t - start)).toEqual([0, 0, 10, 20, 30]);
  });

  it('holds the pace at 195/s over 2000 calls: never more than 195 in any second', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 195, burst: 2 });
    const times = await releases(clock, limiter, 2000, 48);
    expect(maxInWindow(times)).toBeLessThanOrEqual(195); // the rate, no burst on top
    expect(times[1999]! - times[0]!).toBeCloseTo((1998 / 195) * 1000, -1);
  });

  it('keeps any one-second window under its cap when wake-ups come late', async () => {
    const clock = new FakeClock(0);
    let n = 0;
    clock.lag = () => (n++ % 50 === 0 ? 40 : 0); // every 50th sleep oversleeps by 40 ms
    const limiter = new RateLimiter(clock, { rate: 195, burst: 2 });
    const times = await releases(clock, limiter, 1500, 48);
    // Late wake-ups never let a catch-up burst through: the window holds the rate itself, not the gateway's 200.
    expect(maxInWindow(times)).toBeLessThanOrEqual(195);
    expect(limiter.windowMax).toBeLessThanOrEqual(195);
  });

  it('pauses every further slot after a rate-limit answer', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 100, burst: 1 });
    await releases(clock, limiter, 2);
    limiter.pause(1000);
    const times = await releases(clock, limiter, 1);
    expect(times[0]).toBeGreaterThanOrEqual(1000);
  });

  it('a pause takes back the slots already handed out for later: nobody sends through it, and no gap follows it', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 10, burst: 1 });
    const times: number[] = [];
    // 20 callers wait for slots 100 ms apart; at 250 ms the gateway says "too frequent".
    const waiting = Array.from({ length: 20 }, () => limiter.acquire().then(() => times.push(clock.now())));
    void clock.sleep(250).then(() => limiter.pause(1000));
    await clock.run(Promise.all(waiting));
    expect(times.filter((t) => t > 250 && t < 1250)).toEqual([]);
    expect(times.filter((t) => t <= 250)).toHaveLength(3);
    // After the pause the callers are spaced as before, starting at its end rather than after the slots given up.
    expect(Math.min(...times.filter((t) => t >= 1250))).toBeLessThan(1400);
    expect(Math.max(...times)).toBeLessThan(1250 + 17 * 100 + 150);
  });

  it('rejects a waiting caller when its signal aborts', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 1, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('refuses a rate of zero', () => {
    expect(() => new RateLimiter(new FakeClock(), { rate: 0 })).toThrow(/positive/);
  });
});
