// The gateway client a batch gets: UserSigs signed by the wall clock, so a machine that slept for hours (its
// monotonic clock stood still) never sends a stale one.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../electron/core/clock.js';
import { gatewayFor } from '../../../../electron/core/gateway-env.js';
import type { FetchLike } from '../../../../electron/core/tim/gateway.js';
import { decodeUserSig } from '../../../../electron/core/tim/usersig.js';

describe('gatewayFor', () => {
  it('signs UserSigs by the wall clock, and signs again after a sleep that only the wall clock saw', async () => {
    const monotonic = 5_000; // stands still while the laptop sleeps
    let wall = Date.UTC(2026, 0, 1, 9, 0, 0);
    const clock: Clock = { now: () => monotonic, wall: () => wall, sleep: async () => {} };
    const times: number[] = [];
    const fetch: FetchLike = async (url) => {
      times.push(decodeUserSig(new URL(url).searchParams.get('usersig')!)!.time);
      return { status: 200, text: async () => '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' };
    };
    const gateway = gatewayFor(
      { target: { kind: 'endpoint', url: 'https://gateway.example.com' }, sdkAppId: 1400000000, identifier: 'admin' },
      'key',
      { fetch, clock, random: Math.random, randomUint32: () => 1 },
    );
    await gateway.deleteRobot('@RBT#a');
    wall += 2 * 3600_000; // two hours asleep
    await gateway.deleteRobot('@RBT#b');
    expect(times).toEqual([Date.UTC(2026, 0, 1, 9, 0, 0) / 1000, Date.UTC(2026, 0, 1, 11, 0, 0) / 1000]);
  });
});
