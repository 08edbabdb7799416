// fetchListing's rules, one row each: a well-formed listing is believed, a listing without its field is not, failures
// worth another attempt are retried after the backoff up to the attempts allowed, and a stopped batch cuts it short.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../../electron/core/clock.js';
import { fetchListing, type ListingResult } from '../../../../../electron/core/sweep/listing.js';
import type { CallOutcome, Failure, RobotListing } from '../../../../../electron/core/tim/outcome.js';

const listing = (accounts?: string[]): CallOutcome<RobotListing> => ({
  ok: true,
  answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...(accounts ? { Robot_Account: accounts } : {}) },
});
const fail = (errorClass: Failure['errorClass'], errorCode: number | null, errorInfo: string, extra: Partial<Failure> = {}): Failure => ({
  ok: false,
  errorClass,
  errorCode,
  errorInfo,
  advice: '',
  ambiguous: false,
  ...extra,
});
const refused = fail('network', null, 'connection refused (ECONNREFUSED)', { network: 'refused' });
const internal = fail('transient', 10002, 'internal error', { ambiguous: true });
const garbled = fail('malformed', null, 'malformed answer: Robot_Account is not a list of strings', { ambiguous: true });
const tooFrequent = fail('rate-limited', null, 'the gateway answered HTTP 429 (too many requests)', {
  httpStatus: 429,
  retryAfterMs: 3000,
});
const badKey = fail('credentials', 70009, 'the signature was rejected');
const notAdmin = fail('fatal', 10008, 'not an admin');
const cancelled = fail('network', null, 'cancelled', { network: 'other', ambiguous: true });

/** One attempt's answer; `abort` stops the batch while that attempt is in flight. */
type Attempt = CallOutcome<RobotListing> | { readonly abort: true; readonly then: CallOutcome<RobotListing> };

interface Row {
  readonly rule: string;
  readonly answers: readonly Attempt[];
  readonly maxAttempts?: number;
  /** The batch stopped before the listing began, or while it waited to retry. */
  readonly abortBefore?: boolean;
  readonly abortWhileWaiting?: boolean;
  readonly expected: ListingResult;
  /** The backoff asked for before each retry: [attempt, rate-limited, the gateway's wait]. */
  readonly waits: readonly (readonly [number, boolean, number | undefined])[];
}

const failed = (reason: string, failure: Failure | null): ListingResult => ({ ok: false, reason, failure });
const believed = (...accounts: string[]): ListingResult => ({ ok: true, accounts: new Set(accounts) });

const rows: Row[] = [
  {
    rule: 'a well-formed listing is believed',
    answers: [listing(['@RBT#a', '@RBT#b'])],
    expected: believed('@RBT#a', '@RBT#b'),
    waits: [],
  },
  { rule: 'an empty listing is believed: no chatbots', answers: [listing([])], expected: believed(), waits: [] },
  {
    rule: 'a listing without its Robot_Account field is not believed, and not retried',
    answers: [listing(undefined), listing(['@RBT#a'])],
    expected: failed('the listing came back without its Robot_Account field', null),
    waits: [],
  },
  {
    rule: 'a refused connection is retried',
    answers: [refused, listing(['@RBT#a'])],
    expected: believed('@RBT#a'),
    waits: [[1, false, undefined]],
  },
  {
    rule: 'an internal error is retried',
    answers: [internal, listing(['@RBT#a'])],
    expected: believed('@RBT#a'),
    waits: [[1, false, undefined]],
  },
  {
    rule: 'a garbled answer is retried',
    answers: [garbled, listing(['@RBT#a'])],
    expected: believed('@RBT#a'),
    waits: [[1, false, undefined]],
  },
  {
    rule: '"too frequent" is retried after the rate-limited backoff, with the gateway’s wait',
    answers: [tooFrequent, listing([])],
    expected: believed(),
    waits: [[1, true, 3000]],
  },
  {
    rule: 'each retry tells the backoff its attempt',
    answers: [refused, internal, listing([])],
    expected: believed(),
    waits: [
      [1, false, undefined],
      [2, false, undefined],
    ],
  },
  {
    rule: 'a credentials error is not retried, and kept for the stop',
    answers: [badKey, listing([])],
    expected: failed('get_all_robots failed: the signature was rejected', badKey),
    waits: [],
  },
  {
    rule: 'a refusal of the app is not retried',
    answers: [notAdmin, listing([])],
    expected: failed('get_all_robots failed: not an admin', notAdmin),
    waits: [],
  },
  {
    rule: 'after the attempts allowed, the last failure is the reason (no wait after it)',
    maxAttempts: 3,
    answers: [refused, refused, internal, listing([])],
    expected: failed('get_all_robots failed: internal error', internal),
    waits: [
      [1, false, undefined],
      [2, false, undefined],
    ],
  },
  {
    rule: 'one attempt allowed: no retry',
    maxAttempts: 1,
    answers: [refused, listing([])],
    expected: failed('get_all_robots failed: connection refused (ECONNREFUSED)', refused),
    waits: [],
  },
  {
    rule: 'a batch stopped before it began sends nothing',
    abortBefore: true,
    answers: [listing(['@RBT#a'])],
    expected: failed('the batch was cancelled first', null),
    waits: [],
  },
  {
    rule: 'a call cut short by the stop says so',
    answers: [{ abort: true, then: cancelled }, listing([])],
    expected: failed('get_all_robots failed: it was cut short when the batch stopped', cancelled),
    waits: [],
  },
  {
    rule: 'a failure that came back as the batch stopped keeps its own words, and is not retried',
    answers: [{ abort: true, then: refused }, listing([])],
    expected: failed('get_all_robots failed: connection refused (ECONNREFUSED)', refused),
    waits: [],
  },
  {
    rule: 'a listing that came back as the batch stopped is still believed',
    answers: [{ abort: true, then: listing(['@RBT#a']) }],
    expected: believed('@RBT#a'),
    waits: [],
  },
  {
    rule: 'a stop while it waits to retry ends it with the last failure',
    abortWhileWaiting: true,
    answers: [refused, listing([])],
    expected: failed('get_all_robots failed: connection refused (ECONNREFUSED)', refused),
    waits: [[1, false, undefined]],
  },
];

describe('fetchListing', () => {
  it.each(rows.map((row) => [row.rule, row] as const))(
    '%s',
    async (_rule, { answers, maxAttempts = 5, abortBefore, abortWhileWaiting, expected, waits }) => {
      const stop = new AbortController();
      if (abortBefore) stop.abort();
      const slept: number[] = [];
      const clock: Clock = {
        now: () => 0,
        sleep: async (ms, signal) => {
          slept.push(ms);
          if (abortWhileWaiting) stop.abort();
          signal?.throwIfAborted();
        },
      };
      const asked: [number, boolean, number | undefined][] = [];
      let calls = 0;
      const result = await fetchListing({
        getAllRobots: async (signal) => {
          expect(signal).toBe(stop.signal);
          const attempt = answers[calls++];
          if (!attempt) throw new Error('more attempts than scripted');
          if ('abort' in attempt) {
            stop.abort();
            return attempt.then;
          }
          return attempt;
        },
        clock,
        maxAttempts,
        backoff: (attempt, rateLimited, retryAfterMs) => {
          asked.push([attempt, rateLimited, retryAfterMs]);
          return 100 * attempt;
        },
        signal: stop.signal,
      });
      expect(result).toEqual(expected);
      expect(asked).toEqual(waits);
      expect(slept).toEqual(waits.map(([attempt]) => 100 * attempt));
      expect(calls).toBe(abortBefore ? 0 : waits.length + (abortWhileWaiting ? 0 : 1));
    },
  );
});
