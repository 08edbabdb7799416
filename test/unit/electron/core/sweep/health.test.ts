// GatewayHealth's stop rules, one row each, at the default limits: a long run of failed calls, seconds without any
// answer, a timeout with nothing answered since, only "too frequent" for 30 s, one unknown code for account after
// account; and a pause of this process, which is no evidence and starts every count again.
import { describe, expect, it } from 'vitest';
import type { Clock, PauseSignal } from '../../../../../electron/core/clock.js';
import { GatewayHealth, HEALTH_DEFAULTS } from '../../../../../electron/core/sweep/health.js';
import type { CallOutcome, Failure } from '../../../../../electron/core/tim/outcome.js';
import type { BatchStop, StopKind } from '../../../../../shared/sweep.js';

const ok: CallOutcome = { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };
const fail = (errorClass: Failure['errorClass'], errorCode: number | null, errorInfo: string, extra: Partial<Failure> = {}): Failure => ({
  ok: false,
  errorClass,
  errorCode,
  errorInfo,
  advice: '',
  ambiguous: true,
  ...extra,
});
const refused = fail('network', null, 'connection refused (ECONNREFUSED)', { network: 'refused', ambiguous: false });
const timedOut = fail('network', null, 'no answer within 10000 ms', { network: 'timeout' });
const acrossPause = fail('network', null, 'no answer within 10000 ms (after a pause of this process)', {
  network: 'timeout',
  acrossPause: true,
});
const http502 = fail('transient', null, 'the gateway answered HTTP 502', { httpStatus: 502 });
const garbled = fail('malformed', null, 'malformed answer: the answer is not JSON');
const internal = fail('transient', 10002, 'internal error');
const tooFrequent = fail('rate-limited', 60007, 'too frequent', { ambiguous: false });
const notFound = fail('item', 10004, 'invalid parameter', { ambiguous: false });
const unknownA = fail('item', 91234, 'something new');
const unknownB = fail('item', 95678, 'something else new');
const unknownSignature = fail('credentials', 71234, 'signature error 71234');

type Step =
  | { readonly record: CallOutcome; readonly times?: number; readonly account?: string; readonly accounts?: 'distinct' }
  | { readonly wait: number }
  | { readonly pause: true }
  | { readonly check: true };

const times = (n: number, outcome: CallOutcome): Step => ({ record: outcome, times: n });
/** The same outcome for `n` different accounts. */
const forAccounts = (n: number, outcome: CallOutcome): Step => ({ record: outcome, times: n, accounts: 'distinct' });
const wait = (ms: number): Step => ({ wait: ms });
const pause: Step = { pause: true };
const check: Step = { check: true };

let accountSeq = 0;

/** Plays the steps against a fresh GatewayHealth at the default limits; the first stop it gives, or null. */
function play(steps: readonly Step[]): BatchStop | null {
  let t = 1_000_000;
  let pauses = 3; // pauses before the batch started are not counted against it
  const clock: Clock = { now: () => t, sleep: async () => {} };
  const signal: PauseSignal = { check: () => pauses };
  const health = new GatewayHealth(clock, {}, signal);
  for (const step of steps) {
    if ('wait' in step) t += step.wait;
    else if ('pause' in step) pauses++;
    else if ('check' in step) {
      const stop = health.check();
      if (stop) return stop;
    } else
      for (let i = 0; i < (step.times ?? 1); i++) {
        const account = step.accounts === 'distinct' ? `@RBT#n${accountSeq++}` : (step.account ?? '@RBT#same');
        const stop = health.record(account, step.record);
        if (stop) return stop;
      }
  }
  return null;
}

const { maxFailures, minFailures, maxSilentMs, maxWaitMs, maxLimitedMs, unknownCodeAccounts } = HEALTH_DEFAULTS;

type Expected = null | { readonly kind: StopKind; readonly says?: string };
const rows: [rule: string, steps: Step[], expected: Expected][] = [
  // A long run of failed calls.
  ['failures: 99 refused calls in a row go on', [times(maxFailures - 1, refused)], null],
  [
    'failures: the 100th refused call in a row stops, unreachable',
    [times(maxFailures, refused)],
    { kind: 'unreachable', says: '100 calls in a row' },
  ],
  [
    'failures: 100 HTTP 502 in a row stop, the gateway failing',
    [times(maxFailures, http502)],
    { kind: 'gateway-failing', says: 'HTTP 502 to every call (100 in a row' },
  ],
  ['failures: 100 garbled answers in a row stop, the gateway failing', [times(maxFailures, garbled)], { kind: 'gateway-failing' }],
  [
    'failures: 100 internal errors (10002) in a row stop: a code among failures keeps the run going',
    [times(maxFailures, internal)],
    { kind: 'gateway-failing' },
  ],
  [
    'failures: one HTTP 502 among refused calls makes the run the gateway failing',
    [times(50, refused), times(1, http502), times(49, refused)],
    { kind: 'gateway-failing' },
  ],
  [
    'failures: a run after an OK is judged on its own (network only again)',
    [times(50, http502), times(1, ok), times(maxFailures, refused)],
    { kind: 'unreachable' },
  ],
  ['failures: an OK between them starts the count again', [times(99, refused), times(1, ok), times(99, refused)], null],
  ['failures: a "not found" between them starts the count again', [times(99, refused), times(1, notFound), times(99, refused)], null],
  ['failures: a "too frequent" between them starts the count again', [times(99, refused), times(1, tooFrequent), times(99, refused)], null],

  // Seconds without any answer, once enough calls got none.
  [
    'silence: 10 refused calls, then 5 s without an answer, stop',
    [times(minFailures, refused), wait(maxSilentMs), check],
    { kind: 'unreachable', says: '10 calls in a row, no answer for 5 s' },
  ],
  ['silence: 9 refused calls are too few', [times(minFailures - 1, refused), wait(maxSilentMs), check], null],
  ['silence: 4999 ms is not yet 5 s', [times(minFailures, refused), wait(maxSilentMs - 1), check], null],
  [
    'silence: a call that comes back refused after the 5 s stops too',
    [times(minFailures - 1, refused), wait(maxSilentMs), times(1, refused)],
    { kind: 'unreachable' },
  ],
  [
    'silence: HTTP 502 answers without a code count as silence, the gateway failing',
    [times(minFailures, http502), wait(maxSilentMs), check],
    { kind: 'gateway-failing', says: '10 in a row, 5 s' },
  ],
  ['silence: error codes are answers (10 × 10002, 5 s later) — no stop', [times(minFailures, internal), wait(maxSilentMs), check], null],
  [
    'silence: an error code after the refused calls starts the silence again',
    [times(minFailures, refused), times(1, internal), wait(maxSilentMs - 1), check],
    null,
  ],
  ['silence: no failure at all, long quiet — no stop', [wait(60_000), check], null],

  // A timeout with nothing answered since.
  [
    'timeout: one timed-out call, then 12 s without an answer, stop',
    [times(1, timedOut), wait(maxWaitMs), check],
    { kind: 'unreachable', says: 'too slow or not answering' },
  ],
  ['timeout: 11999 ms is not yet 12 s', [times(1, timedOut), wait(maxWaitMs - 1), check], null],
  ['timeout: a refused call is not a timeout: 12 s after one, no stop', [times(1, refused), wait(maxWaitMs), check], null],
  ['timeout: an answer after it clears it', [times(1, timedOut), times(1, internal), wait(maxWaitMs), check], null],
  ['timeout: a "too frequent" answer after it clears it', [times(1, timedOut), times(1, tooFrequent), wait(maxWaitMs), check], null],

  // Only "too frequent".
  [
    'too frequent: only that for 30 s, stop',
    [times(1, tooFrequent), wait(maxLimitedMs), check],
    { kind: 'too-frequent', says: 'for 30 s (1 answers in a row' },
  ],
  ['too frequent: 29999 ms is not yet 30 s', [times(1, tooFrequent), wait(maxLimitedMs - 1), check], null],
  [
    'too frequent: the 30 s count from the last other answer, not from the first "too frequent"',
    [times(1, ok), wait(10_000), times(1, tooFrequent), wait(maxLimitedMs - 10_000), check],
    { kind: 'too-frequent' },
  ],
  [
    'too frequent: the 30 s run from the batch start when nothing else came',
    [wait(maxLimitedMs - 1), times(2, tooFrequent), wait(1), check],
    { kind: 'too-frequent', says: '2 answers in a row' },
  ],
  [
    'too frequent: an OK between starts the 30 s again',
    [times(1, tooFrequent), wait(20_000), times(1, ok), wait(20_000), times(1, tooFrequent)],
    null,
  ],
  [
    'too frequent: a refused call (no answer) does not start the 30 s again',
    [times(1, tooFrequent), wait(29_000), times(1, refused), wait(1000), check],
    { kind: 'too-frequent' },
  ],
  ['too frequent: 30 s of no answer at all is not "too frequent"', [wait(maxLimitedMs), check], null],

  // The same unknown code for account after account.
  [
    'unknown code: 5 accounts in a row stop',
    [forAccounts(unknownCodeAccounts, unknownA)],
    { kind: 'unknown-error', says: 'error 91234, which Botsweep does not know, to 5 accounts' },
  ],
  ['unknown code: 4 accounts go on', [forAccounts(unknownCodeAccounts - 1, unknownA)], null],
  ['unknown code: one account 5 times counts once', [times(unknownCodeAccounts, unknownA)], null],
  ['unknown code: another unknown code starts over', [forAccounts(unknownCodeAccounts - 1, unknownA), forAccounts(1, unknownB)], null],
  [
    'unknown code: another unknown code counts on its own to 5',
    [forAccounts(unknownCodeAccounts - 1, unknownA), forAccounts(unknownCodeAccounts, unknownB)],
    { kind: 'unknown-error', says: 'error 95678' },
  ],
  [
    'unknown code: an OK between starts over',
    [forAccounts(unknownCodeAccounts - 1, unknownA), times(1, ok), forAccounts(1, unknownA)],
    null,
  ],
  [
    'unknown code: a known code between starts over',
    [forAccounts(unknownCodeAccounts - 1, unknownA), forAccounts(1, notFound), forAccounts(1, unknownA)],
    null,
  ],
  [
    'unknown code: a failed call between (no answer) does not start over',
    [forAccounts(unknownCodeAccounts - 1, unknownA), times(1, refused), forAccounts(1, unknownA)],
    { kind: 'unknown-error' },
  ],
  ['unknown code: an unknown 7xxxx code is a credentials error, never counted', [forAccounts(unknownCodeAccounts, unknownSignature)], null],

  // A pause of this process is no evidence.
  ['pause: the failure count starts again after one', [times(99, refused), pause, times(99, refused)], null],
  [
    'pause: a call that timed out across a pause counts for nothing and starts the count again',
    [times(99, refused), times(1, acrossPause), times(99, refused)],
    null,
  ],
  [
    'pause: the watchdog sees one and starts the silence again',
    [times(minFailures, refused), wait(4000), pause, check, wait(4000), check],
    null,
  ],
  ['pause: without it, that silence stops', [times(minFailures, refused), wait(4000), check, wait(4000), check], { kind: 'unreachable' }],
  ['pause: a timeout’s 12 s start again after one', [times(1, timedOut), wait(11_000), pause, check, wait(11_000), check], null],
  [
    'pause: a call timed out across a pause starts the 12 s again',
    [times(1, timedOut), wait(11_000), times(1, acrossPause), wait(11_000), check],
    null,
  ],
  [
    'pause: the 30 s of "too frequent" start again after one',
    [times(1, tooFrequent), wait(29_000), pause, check, wait(29_000), check],
    null,
  ],
  [
    'pause: a timeout before one no longer counts: 12 s without an answer after it go on',
    [times(1, timedOut), pause, check, wait(maxWaitMs), check],
    null,
  ],
  [
    'pause: the silence after one is counted from the pause',
    [times(minFailures, refused), wait(4000), pause, check, times(minFailures, refused), wait(maxSilentMs - 1000), check],
    null,
  ],
  ['pause: the first call after one is not counted', [times(99, refused), pause, times(100, refused)], null],
];

describe('GatewayHealth', () => {
  it.each(rows)('%s', (_rule, steps, expected) => {
    const stop = play(steps);
    if (expected === null) return expect(stop).toBeNull();
    expect(stop?.kind).toBe(expected.kind);
    if (expected.says) expect(stop?.errorInfo).toContain(expected.says);
  });

  it('takes the limits it is given and the defaults for the rest', () => {
    let t = 0;
    const health = new GatewayHealth({ now: () => t, sleep: async () => {} }, { maxFailures: 3 });
    expect(health.record('@RBT#a', refused)).toBeNull();
    expect(health.record('@RBT#a', refused)).toBeNull();
    expect(health.record('@RBT#a', refused)?.kind).toBe('unreachable');
    const other = new GatewayHealth({ now: () => t, sleep: async () => {} }, { maxFailures: 3 });
    other.record('@RBT#a', tooFrequent);
    t += maxLimitedMs;
    expect(other.check()?.kind).toBe('too-frequent');
  });

  it('works without a pause signal', () => {
    let t = 0;
    const health = new GatewayHealth({ now: () => t, sleep: async () => {} });
    for (let i = 0; i < minFailures; i++) health.record('@RBT#a', refused);
    t += maxSilentMs;
    expect(health.check()?.kind).toBe('unreachable');
  });
});
