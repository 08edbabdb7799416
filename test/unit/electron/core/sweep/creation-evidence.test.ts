// The rules that decide a re-created account's status, one row per rule: after the calls (C1–C4), once the listing
// afterwards is known or known not to be had (R1–R8), what is sent at all, 10008 as the quota, and when the listing
// afterwards is not believed.
import { describe, expect, it } from 'vitest';
import type { AccountResult, AccountStatus } from '../../../../../shared/sweep.js';
import {
  CREATION_REASONS,
  creationDistrust,
  creationOutcome,
  needsCall,
  provisionalCreation,
  QUOTA_ADVICE,
  settledCreation,
  staleCreation,
  type CreationEvidence,
} from '../../../../../electron/core/sweep/creation-evidence.js';
import type { Failure } from '../../../../../electron/core/tim/outcome.js';
import { INTERNAL_ERROR, LOST_ANSWER } from '../../../../helpers/failures.js';

const lost = LOST_ANSWER;
const internal = INTERNAL_ERROR;
const invalid: Failure = { ok: false, errorClass: 'item', errorCode: 10004, errorInfo: 'invalid parameter', advice: '', ambiguous: false };
const quotaAnswer: Failure = {
  ok: false,
  errorClass: 'fatal',
  errorCode: 10008,
  errorInfo: 'the number of created chatbots reaches the upper limit',
  advice: 'Use the app administrator account as the identifier.',
  ambiguous: false,
};

function evidence(change: Partial<CreationEvidence> = {}): CreationEvidence {
  return {
    account: '@RBT#a',
    wasBot: false,
    previouslySent: false,
    attempts: 1,
    answeredOk: false,
    ambiguous: false,
    answeredUnclear: false,
    last: null,
    ...change,
  };
}

const current = (status: AccountStatus): AccountResult => ({ account: '@RBT#a', status, errorCode: null, errorInfo: null, attempts: 1 });
const LISTED = new Set(['@RBT#a', '@RBT#other']);
const NOT_LISTED = new Set(['@RBT#other']);

describe('what is sent', () => {
  it.each([
    ['not a bot before', evidence({ wasBot: false }), true],
    ['no believed listing before', evidence({ wasBot: null }), true],
    ['a bot before: left as it is', evidence({ wasBot: true }), false],
    [
      'a bot before, but an earlier call may have made it one: sent again to set its profile',
      evidence({ wasBot: true, previouslySent: true }),
      true,
    ],
  ])('%s', (_, given, sent) => expect(needsCall(given)).toBe(sent));
});

describe('10008 from create_robot is the per-account quota', () => {
  it('refuses this account only, with the quota in words and what to do', () => {
    const outcome = creationOutcome(quotaAnswer) as Failure;
    expect(outcome).toMatchObject({ errorClass: 'item', errorCode: 10008, ambiguous: false, advice: QUOTA_ADVICE });
    expect(outcome.errorInfo).toContain(CREATION_REASONS.quota);
    expect(outcome.errorInfo).toContain('the number of created chatbots reaches the upper limit');
  });

  it('leaves every other answer as it is', () => {
    expect(creationOutcome(invalid)).toBe(invalid);
    expect(creationOutcome(internal)).toBe(internal);
  });
});

describe('provisionalCreation (after the calls)', () => {
  const rows: [string, Partial<CreationEvidence>, AccountStatus, string | null][] = [
    ['C1 a bot before, nothing sent → already-a-bot', { wasBot: true, attempts: 0 }, 'already-a-bot', null],
    // The journal holds this until the listing afterwards: a process killed before it leaves the OK unconfirmed.
    ['C2 answered OK → unconfirmed until listed', { answeredOk: true }, 'unconfirmed', CREATION_REASONS.okUnchecked],
    [
      'C2 answered OK after a lost answer → unconfirmed until listed',
      { answeredOk: true, ambiguous: true, last: lost },
      'unconfirmed',
      CREATION_REASONS.okUnchecked,
    ],
    ['C3 the answer was lost → unconfirmed', { ambiguous: true, last: lost }, 'unconfirmed', lost.errorInfo],
    [
      'C3 an internal error (it may have acted) → unconfirmed',
      { ambiguous: true, answeredUnclear: true, last: internal },
      'unconfirmed',
      internal.errorInfo,
    ],
    ['C3 never answered at all → unconfirmed', { ambiguous: true }, 'unconfirmed', CREATION_REASONS.answerLost],
    [
      'C3 a refusal after an earlier unsettled call → unconfirmed',
      { previouslySent: true, wasBot: true, last: invalid },
      'unconfirmed',
      invalid.errorInfo,
    ],
    ['C4 only definite refusals → failed', { last: invalid }, 'failed', invalid.errorInfo],
    [
      'C4 the quota → failed',
      { last: creationOutcome(quotaAnswer) as Failure },
      'failed',
      `${CREATION_REASONS.quota} (the gateway: ${quotaAnswer.errorInfo})`,
    ],
  ];
  it.each(rows)('%s', (_, change, status, info) => {
    const result = provisionalCreation(evidence(change));
    expect(result.status).toBe(status);
    expect(result.errorInfo).toBe(info);
  });

  it('keeps the code of a failure, and none for a re-created account', () => {
    expect(provisionalCreation(evidence({ last: creationOutcome(quotaAnswer) as Failure })).errorCode).toBe(10008);
    const ok = evidence({ answeredOk: true, last: internal });
    expect(settledCreation(ok, provisionalCreation(ok), LISTED)).toMatchObject({ status: 'recreated', errorCode: null, errorInfo: null });
  });
});

describe('settledCreation (the listing afterwards)', () => {
  const rows: [string, Partial<CreationEvidence>, AccountStatus, ReadonlySet<string> | null, AccountStatus | null, string | null][] = [
    ['R1 answered OK, no trusted listing → stays unconfirmed', { answeredOk: true }, 'unconfirmed', null, null, null],
    [
      'R1 answered OK, not listed → unconfirmed',
      { answeredOk: true },
      'unconfirmed',
      NOT_LISTED,
      'unconfirmed',
      CREATION_REASONS.okNotListed,
    ],
    ['R1 answered OK, listed → recreated', { answeredOk: true }, 'unconfirmed', LISTED, 'recreated', null],
    [
      'R2 unclear answer, listed, not a bot before → unconfirmed (its profile may be someone else’s)',
      { ambiguous: true, answeredUnclear: true, last: internal },
      'unconfirmed',
      LISTED,
      'unconfirmed',
      CREATION_REASONS.listedAfterUnclear,
    ],
    [
      'R3 listed, no believed listing before → unconfirmed',
      { wasBot: null, ambiguous: true, last: lost },
      'unconfirmed',
      LISTED,
      'unconfirmed',
      CREATION_REASONS.listedUnknownBefore,
    ],
    [
      'R4 listed, every answer lost → unconfirmed',
      { ambiguous: true, last: lost },
      'unconfirmed',
      LISTED,
      'unconfirmed',
      CREATION_REASONS.listedAfterLost,
    ],
    [
      'R4 listed, only an earlier call unsettled → unconfirmed',
      { wasBot: true, previouslySent: true, last: invalid },
      'unconfirmed',
      LISTED,
      'unconfirmed',
      CREATION_REASONS.listedAfterLost,
    ],
    [
      'R5 not listed after an unclear answer → unconfirmed',
      { ambiguous: true, last: lost },
      'unconfirmed',
      NOT_LISTED,
      'unconfirmed',
      CREATION_REASONS.notListedAfterUnclear,
    ],
    [
      'R5 not listed, only definite refusals in this batch → failed',
      { previouslySent: true, last: invalid },
      'unconfirmed',
      NOT_LISTED,
      'failed',
      invalid.errorInfo,
    ],
    ['   unconfirmed, no listing → no change', { ambiguous: true, last: lost }, 'unconfirmed', null, null, null],
    ['R6 failed, listed → unconfirmed', { last: invalid }, 'failed', LISTED, 'unconfirmed', CREATION_REASONS.refusedButListed],
    ['   failed, not listed → stays failed', { last: invalid }, 'failed', NOT_LISTED, null, null],
    ['R7 already-a-bot → no change by a trusted listing', { wasBot: true, attempts: 0 }, 'already-a-bot', NOT_LISTED, null, null],
    ['R7 skipped → no change', { attempts: 0 }, 'skipped', LISTED, null, null],
  ];
  it.each(rows)('%s', (_, change, status, listed, next, info) => {
    const settled = settledCreation(evidence(change), current(status), listed);
    expect(settled?.status ?? null).toBe(next);
    if (settled) expect(settled.errorInfo).toBe(info);
  });
});

describe('the listing afterwards is not believed', () => {
  it('puts an account left alone as already a bot in doubt when it lacks it (the listing before may have been stale)', () => {
    const before = evidence({ wasBot: true, attempts: 0 });
    expect(staleCreation(before, current('already-a-bot'), NOT_LISTED)).toMatchObject({
      status: 'unconfirmed',
      errorInfo: CREATION_REASONS.staleBefore,
    });
    expect(staleCreation(before, current('already-a-bot'), LISTED)).toBeNull();
    expect(staleCreation(evidence({ answeredOk: true }), current('unconfirmed'), NOT_LISTED)).toBeNull();
  });

  it('when a bot listed before the batch is missing from it (a re-creation removes none)', () => {
    expect(creationDistrust(new Set(['@RBT#a']), new Set(['@RBT#a', '@RBT#b', '@RBT#c']))).toBe(
      '2 chatbots listed before the batch vanished from the listing afterwards',
    );
    expect(creationDistrust(new Set(['@RBT#a', '@RBT#b', '@RBT#new']), new Set(['@RBT#a', '@RBT#b']))).toBeNull();
    expect(creationDistrust(new Set(), null)).toBeNull();
  });
});
