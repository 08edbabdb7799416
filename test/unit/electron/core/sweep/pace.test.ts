// AdaptivePace's rules, one row each: how it climbs to the configured rate, how a "too frequent" answer cuts it (and
// pauses the limiter), the ceiling it learns, and the gentle probes past 97 % of that ceiling.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../../electron/core/clock.js';
import { RateLimiter } from '../../../../../electron/core/sweep/limiter.js';
import { AdaptivePace } from '../../../../../electron/core/sweep/pace.js';
import { FakeClock } from '../../../../helpers/fake-clock.js';

/** A real limiter that also remembers the pauses and bursts the pace gave it. */
class WatchedLimiter extends RateLimiter {
  readonly pausesGiven: number[] = [];
  readonly burstsGiven: number[] = [];
  override pause(ms: number): void {
    this.pausesGiven.push(ms);
    super.pause(ms);
  }
  override setBurst(burst: number): void {
    this.burstsGiven.push(burst);
    super.setBurst(burst);
  }
}

/** At a time (ms after the pace was made): `count` accepted answers, or one "too frequent" answer. */
type Event = readonly [at: number, 'accept', count?: number] | readonly [at: number, 'limit', retryAfterMs?: number];

/** One accepted answer at each full second from `from` to `to`. */
function everySecond(from: number, to: number): Event[] {
  const events: Event[] = [];
  for (let at = from; at <= to; at += 1000) events.push([at, 'accept']);
  return events;
}

function play(events: readonly Event[], rate: number, target: number): WatchedLimiter {
  let t = 0;
  const clock: Clock = { now: () => t, sleep: async () => {} };
  const limiter = new WatchedLimiter(clock, { rate });
  const pace = new AdaptivePace(limiter, clock, target);
  for (const [at, kind, value] of events) {
    t = at;
    if (kind === 'limit') pace.limited(value);
    else for (let i = 0; i < (value ?? 1); i++) pace.accepted();
  }
  expect(pace.current).toBe(limiter.rate);
  return limiter;
}

/** 50 answers accepted at 0.5 s, then "too frequent" at 1 s: ceiling 50, rate min(100 × 0.85, 50 × 0.9) = 45. */
const cutAt1s: Event[] = [
  [500, 'accept', 50],
  [1000, 'limit'],
];

interface Row {
  readonly rule: string;
  readonly rate: number;
  readonly target: number;
  readonly events: readonly Event[];
  readonly expected: { readonly rate: number; readonly pauses?: number[]; readonly bursts?: number[] };
}

const rows: Row[] = [
  // Climbing to the configured rate, before any limit.
  { rule: 'no step within the first second', rate: 10, target: 100, events: [[999, 'accept']], expected: { rate: 10 } },
  { rule: 'a clean second climbs halfway to the target', rate: 10, target: 100, events: [[1000, 'accept']], expected: { rate: 55 } },
  { rule: 'a clean second climbs at least 1', rate: 98.5, target: 100, events: [[1000, 'accept']], expected: { rate: 99.5 } },
  { rule: 'the climb stops at the target', rate: 99.5, target: 100, events: [[1000, 'accept']], expected: { rate: 100 } },
  {
    rule: 'one step per second, however many answers',
    rate: 10,
    target: 100,
    events: [
      [1000, 'accept'],
      [1500, 'accept', 20],
      [1999, 'accept'],
    ],
    expected: { rate: 55 },
  },
  { rule: 'the next second steps again', rate: 10, target: 100, events: everySecond(1000, 2000), expected: { rate: 77.5 } },
  { rule: 'a pace above the target is left alone', rate: 120, target: 100, events: everySecond(1000, 3000), expected: { rate: 120 } },
  {
    rule: 'answers alone never pause or change the burst',
    rate: 10,
    target: 100,
    events: everySecond(1000, 5000),
    expected: { rate: 97.1875, pauses: [], bursts: [] },
  },

  // The cut on "too frequent".
  {
    rule: 'the first limit cuts to 90 % of what the last second took, evens the spacing, pauses 1 s',
    rate: 100,
    target: 100,
    events: cutAt1s,
    expected: { rate: 45, pauses: [1000], bursts: [1] },
  },
  {
    rule: 'the cut is at least 15 %',
    rate: 100,
    target: 100,
    events: [
      [500, 'accept', 200],
      [1000, 'limit'],
    ],
    expected: { rate: 85 },
  },
  { rule: 'the cut never goes below 1 a second', rate: 100, target: 100, events: [[1000, 'limit']], expected: { rate: 1 } },
  {
    rule: 'answers a full second old are not "the last second"',
    rate: 100,
    target: 100,
    events: [
      [1, 'accept', 50],
      [1001, 'limit'],
    ],
    expected: { rate: 1 },
  },
  {
    rule: 'answers 999 ms old are "the last second"',
    rate: 100,
    target: 100,
    events: [
      [2, 'accept', 50],
      [1001, 'limit'],
    ],
    expected: { rate: 45 },
  },
  {
    rule: 'limits within 300 ms of a cut are the same overshoot: no second cut, no second pause',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [1299, 'limit']],
    expected: { rate: 45, pauses: [1000], bursts: [1] },
  },
  {
    rule: 'a limit 300 ms after a cut cuts again (15 %), pauses 200 ms, and leaves the burst',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [1300, 'limit']],
    expected: { rate: 38.25, pauses: [1000, 200], bursts: [1] },
  },
  {
    rule: 'the gateway’s wait is passed on even within the 300 ms',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [1100, 'limit', 3000]],
    expected: { rate: 45, pauses: [1000, 3000] },
  },

  // Back up after a cut: fast to 97 % of the ceiling, then probes.
  { rule: 'no climb within a second of a limit', rate: 100, target: 100, events: [...cutAt1s, [1999, 'accept']], expected: { rate: 45 } },
  {
    rule: 'a limit inside the 300 ms still holds the climb back a second',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [1200, 'limit'], [2100, 'accept']],
    expected: { rate: 45 },
  },
  {
    rule: 'a clean second after a cut climbs halfway to 97 % of the ceiling',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [2000, 'accept']],
    expected: { rate: 46.75 },
  },
  {
    rule: 'after a cut it climbs at least 1 a second',
    rate: 100,
    target: 100,
    events: [...cutAt1s, ...everySecond(2000, 3000)],
    expected: { rate: 47.75 },
  },
  {
    rule: 'the climb stops at 97 % of the ceiling',
    rate: 100,
    target: 100,
    events: [...cutAt1s, ...everySecond(2000, 4000)],
    expected: { rate: 48.5 },
  },
  {
    rule: 'a clean second that took more than the ceiling raises it',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [1500, 'accept', 60], [2000, 'accept']],
    expected: { rate: 45 + (61 * 0.97 - 45) / 2 },
  },
  {
    rule: 'no probe within 5 s of the last limit',
    rate: 100,
    target: 100,
    events: [...cutAt1s, ...everySecond(2000, 5000)],
    expected: { rate: 48.5 },
  },
  {
    rule: 'the first probe, 5 s after the limit, adds 1 % of the ceiling',
    rate: 100,
    target: 100,
    events: [...cutAt1s, ...everySecond(2000, 6000)],
    expected: { rate: 49 },
  },
  {
    rule: 'no probe within 5 s of the last probe',
    rate: 100,
    target: 100,
    events: [...cutAt1s, ...everySecond(2000, 10_000)],
    expected: { rate: 49 },
  },
  {
    rule: 'the next probe 5 s after the last',
    rate: 100,
    target: 100,
    events: [...cutAt1s, ...everySecond(2000, 11_000)],
    expected: { rate: 49.5 },
  },
  {
    rule: 'a probe adds at least 0.2',
    rate: 10,
    target: 10,
    events: [[500, 'accept', 5], [1000, 'limit'], ...everySecond(2000, 6000)],
    expected: { rate: 4.85 + 0.2 },
  },
  {
    rule: 'a probe stops at the target',
    rate: 48.8,
    target: 48.8,
    events: [...cutAt1s, ...everySecond(2000, 6000)],
    expected: { rate: 48.8 },
  },
  {
    rule: 'the climb after a cut stops at the target when that is below 97 % of the ceiling',
    rate: 40,
    target: 40,
    events: [[500, 'accept', 50], [1000, 'limit'], ...everySecond(2000, 5000)],
    expected: { rate: 40 },
  },
  {
    rule: 'each cut measures the ceiling anew from its last second, even lower',
    rate: 100,
    target: 100,
    events: [...cutAt1s, [3000, 'accept', 10], [3500, 'limit'], ...everySecond(4500, 5500)],
    expected: { rate: 9.7 },
  },
];

describe('AdaptivePace', () => {
  it.each(rows.map((row) => [row.rule, row] as const))('%s', (_rule, { rate, target, events, expected }) => {
    const limiter = play(events, rate, target);
    expect(limiter.rate).toBeCloseTo(expected.rate, 9);
    if (expected.pauses) expect(limiter.pausesGiven).toEqual(expected.pauses);
    if (expected.bursts) expect(limiter.burstsGiven).toEqual(expected.bursts);
  });

  // limited() pauses for the gateway's wait, then for its own 1 s: the second pause must not cut the first short.
  it('holds every slot back at least as long as the gateway asked (Retry-After 5 s)', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(clock, { rate: 100 });
    const pace = new AdaptivePace(limiter, clock, 100);
    pace.limited(5000);
    await clock.run(limiter.acquire());
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
  });
});
