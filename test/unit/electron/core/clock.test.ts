// The pause watch: a stopped or starved process (the loop did not run) and a sleeping machine (the wall clock moved
// on without the monotonic one) each count as a pause; a quiet spell without the watch's timer does not.
import { afterEach, describe, expect, it } from 'vitest';
import { PauseWatch, wallTime } from '../../../../electron/core/clock.js';

let watch: PauseWatch | null = null;
afterEach(() => watch?.stop());

describe('PauseWatch', () => {
  it('counts a machine that slept: the wall clock jumped, the monotonic one did not', () => {
    let mono = 0;
    let wall = 1_000_000;
    watch = new PauseWatch(
      () => mono,
      () => wall,
    );
    mono += 200;
    wall += 200;
    expect(watch.check()).toBe(0);
    wall += 3600_000;
    mono += 250;
    expect(watch.check()).toBe(1);
    expect(watch.check()).toBe(1);
  });

  it('counts a loop that did not run for longer than the threshold while it was watching, and not a gap it was not', () => {
    let mono = 0;
    let wall = 0;
    watch = new PauseWatch(
      () => mono,
      () => wall,
    );
    mono = wall = 16_000; // no timer yet: a quiet spell, not a pause
    expect(watch.check()).toBe(0);
    watch.start(60_000); // its ticks come far apart here; the test moves time itself
    mono = wall = 16_200;
    expect(watch.check()).toBe(0);
    mono = wall = 32_200; // SIGSTOP for 16 s: both clocks moved, the loop did not run
    expect(watch.check()).toBe(1);
  });

  it('reads a fake clock without a wall clock by its monotonic one', () => {
    expect(wallTime({ now: () => 42, sleep: async () => {} })).toBe(42);
    expect(wallTime({ now: () => 42, wall: () => 7, sleep: async () => {} })).toBe(7);
  });
});
