// The rules that decide an account's status, one row per rule: after the calls (P1–P10), with a trusted final listing
// (V1–V9), what a listing that is not believed can still put in doubt, and what makes a first listing contradicted or
// a final listing untrusted.
import { describe, expect, it } from 'vitest';
import type { AccountResult, AccountStatus } from '../../../../../shared/sweep.js';
import {
  classify,
  contradictsListing,
  distrustedResult,
  distrustReason,
  provisionalResult,
  REASONS,
  verifiedResult,
  type Evidence,
} from '../../../../../electron/core/sweep/evidence.js';
import type { Failure } from '../../../../../electron/core/tim/outcome.js';
import { INTERNAL_ERROR, LOST_ANSWER } from '../../../../helpers/failures.js';

const lost = LOST_ANSWER;
const internal = INTERNAL_ERROR;
const notFound: Failure = { ok: false, errorClass: 'item', errorCode: 10004, errorInfo: 'does not exist', advice: '', ambiguous: false };
const refused: Failure = { ok: false, errorClass: 'fatal', errorCode: 10008, errorInfo: 'not an admin', advice: '', ambiguous: false };
const limited: Failure = {
  ok: false,
  errorClass: 'rate-limited',
  errorCode: 60007,
  errorInfo: 'too frequent',
  advice: '',
  ambiguous: false,
};

function evidence(change: Partial<Evidence> = {}): Evidence {
  return {
    account: '@RBT#a',
    wasBot: true,
    previouslySent: false,
    attempts: 1,
    answeredOk: false,
    notFound: false,
    ambiguous: false,
    answeredUnclear: false,
    last: null,
    ...change,
  };
}

const ok = { answeredOk: true };
const gotNotFound = { notFound: true, last: notFound };
const gotLost = { ambiguous: true, last: lost };
const gotInternal = { ambiguous: true, answeredUnclear: true, last: internal };
const gotRefused = { last: refused };

/** What `result()` shows beside a status: the last failure's code and words only for failed and unconfirmed. */
function expectShown(result: AccountResult, e: Evidence): void {
  expect(result.account).toBe(e.account);
  expect(result.attempts).toBe(e.attempts);
  if (result.status === 'failed' || result.status === 'unconfirmed') expect(result.errorCode).toBe(e.last?.errorCode ?? null);
  else expect(result).toMatchObject({ errorCode: null, errorInfo: null });
}

describe('provisionalResult: the outcome right after the calls', () => {
  const rows: [rule: string, given: Partial<Evidence>, status: AccountStatus, reason?: string | RegExp][] = [
    ['P1 OK for a listed bot', { ...ok }, 'deleted'],
    ['P1 OK with no believed listing', { ...ok, wasBot: null }, 'deleted'],
    ['P1 OK after a 10002: deleted, the earlier error not shown', { ...gotInternal, ...ok, attempts: 2 }, 'deleted'],
    ['P1 OK for a bot an earlier batch sent', { ...ok, previouslySent: true }, 'deleted'],
    ['P2 OK for an account the listing lacked', { ...ok, wasBot: false }, 'unconfirmed', REASONS.okButNotListed],
    [
      'P2 OK for an account an earlier batch knew was no bot: no contradiction, still unconfirmed',
      { ...ok, wasBot: false, previouslySent: true },
      'unconfirmed',
      REASONS.okButNotListed,
    ],
    ['P3 not listed, "not found"', { wasBot: false, ...gotNotFound }, 'absent'],
    [
      'P4 not listed, "not found", but an earlier batch sent it (its call may have deleted it)',
      { wasBot: false, previouslySent: true, ...gotNotFound },
      'unconfirmed',
      REASONS.notFoundAfterSend,
    ],
    ['P4 "not found" after a lost answer', { ...gotLost, ...gotNotFound, ambiguous: true }, 'unconfirmed', REASONS.notFoundAfterSend],
    [
      'P4 "not found" after a lost answer, not listed',
      { wasBot: false, ...gotNotFound, ambiguous: true },
      'unconfirmed',
      REASONS.notFoundAfterSend,
    ],
    ['P4 "not found" after an earlier batch sent it', { previouslySent: true, ...gotNotFound }, 'unconfirmed', REASONS.notFoundAfterSend],
    [
      'P4 "not found" after a lost answer, no believed listing',
      { wasBot: null, ...gotNotFound, ambiguous: true },
      'unconfirmed',
      REASONS.notFoundAfterSend,
    ],
    ['P5 "not found" for a listed bot', { ...gotNotFound }, 'unconfirmed', REASONS.notFoundButListed],
    ['P6 "not found" with no believed listing', { wasBot: null, ...gotNotFound }, 'unconfirmed', REASONS.notFoundUnknown],
    ['P7 10002 on every attempt', { ...gotInternal }, 'unconfirmed', 'internal error'],
    ['P7 every answer lost', { ...gotLost }, 'unconfirmed', 'no answer within 10000 ms'],
    ['P7 refused now, but an earlier batch sent it', { previouslySent: true, ...gotRefused }, 'unconfirmed', 'not an admin'],
    ['P7 an earlier batch sent it, and nothing came back now', { previouslySent: true, attempts: 0 }, 'unconfirmed', REASONS.answerLost],
    [
      'P7 a lost answer for an account the listing lacked: the unclear call goes first',
      { wasBot: false, ...gotLost },
      'unconfirmed',
      'no answer within 10000 ms',
    ],
    ['P7 10002 with no believed listing', { wasBot: null, ...gotInternal }, 'unconfirmed', 'internal error'],
    ['P8 not listed, refused: only the listing says no bot', { wasBot: false, ...gotRefused }, 'unconfirmed', REASONS.notListedNoAnswer],
    ['P8 not listed, only "too frequent"', { wasBot: false, last: limited }, 'unconfirmed', REASONS.notListedNoAnswer],
    ['P9 only definite refusals, no listing', { wasBot: null, ...gotRefused }, 'unconfirmed', REASONS.refusedUnknown],
    ['P9 only "too frequent", no listing', { wasBot: null, last: limited }, 'unconfirmed', REASONS.refusedUnknown],
    ['P10 only definite refusals for a listed bot', { ...gotRefused }, 'failed', 'not an admin'],
    ['P10 only "too frequent" for a listed bot', { last: limited, attempts: 5 }, 'failed', 'too frequent'],
  ];
  it.each(rows)('%s → $2', (_rule, given, status, reason) => {
    const e = evidence(given);
    const result = provisionalResult(e);
    expect(result.status).toBe(status);
    if (reason !== undefined) expect(result.errorInfo).toMatch(reason);
    expectShown(result, e);
  });
});

describe('verifiedResult: what a trusted final listing settles', () => {
  const listed = new Set(['@RBT#a']);
  const gone = new Set<string>();
  const rows: [
    rule: string,
    given: Partial<Evidence>,
    listing: Set<string>,
    status: AccountStatus | null,
    reason?: string,
    /** The account's record so far, when it is not what provisionalResult makes of `given`. */
    current?: Partial<AccountResult>,
  ][] = [
    ['V1 deleted, still listed', { ...ok }, listed, 'unconfirmed', REASONS.stillListed],
    ['V1 deleted, gone', { ...ok }, gone, null],
    ['V2 absent, listed now', { wasBot: false, ...gotNotFound }, listed, 'unconfirmed', REASONS.listedAgainstAnswers],
    ['V2 absent, gone', { wasBot: false, ...gotNotFound }, gone, null],
    ['V3 unclear, still listed: never failed', { ...gotInternal }, listed, 'unconfirmed', REASONS.stillListedAfterUnclear],
    [
      'V3 an earlier batch sent it, still listed: never failed',
      { previouslySent: true, ...gotRefused },
      listed,
      'unconfirmed',
      REASONS.stillListedAfterUnclear,
    ],
    [
      'V3 clear "not found" yet still listed: the answer and the listing disagree',
      { ...gotNotFound },
      listed,
      'unconfirmed',
      REASONS.notFoundButListed,
    ],
    [
      'V3 "not found", no believed first listing, still listed: its reason kept',
      { wasBot: null, ...gotNotFound },
      listed,
      'unconfirmed',
      REASONS.notFoundUnknown,
    ],
    [
      'V3 "not found", still listed, a record without words: still a bot',
      { ...gotNotFound },
      listed,
      'unconfirmed',
      REASONS.stillABot,
      { status: 'unconfirmed', errorInfo: null },
    ],
    ['V3 refused and still listed: both say it is a bot', { ...gotRefused, wasBot: false }, listed, 'failed', 'not an admin'],
    ['V3 refused, no believed first listing, still listed: failed', { ...gotRefused, wasBot: null }, listed, 'failed', 'not an admin'],
    [
      'V3 only the first listing said no bot, no answer, still listed: failed',
      { wasBot: false, attempts: 0 },
      listed,
      'failed',
      REASONS.stillABot,
    ],
    ['V4 "not found" after a lost answer, gone', { ...gotNotFound, ambiguous: true }, gone, 'deleted'],
    ['V4 "not found" after an earlier batch sent it, gone', { ...gotNotFound, previouslySent: true }, gone, 'deleted'],
    ['V5 10002 on every attempt, gone', { ...gotInternal }, gone, 'deleted'],
    [
      'V6 "not found" for a listed bot, gone, nothing unclear: not our doing',
      { ...gotNotFound },
      gone,
      'unconfirmed',
      REASONS.notFoundGone,
    ],
    ['V7 gone, no believed first listing', { wasBot: null, ...gotNotFound }, gone, 'unconfirmed', REASONS.goneButUnknown],
    ['V7 gone after 10002, no believed first listing', { wasBot: null, ...gotInternal }, gone, 'unconfirmed', REASONS.goneButUnknown],
    ['V7 gone after a refusal, no believed first listing', { wasBot: null, ...gotRefused }, gone, 'unconfirmed', REASONS.goneButUnknown],
    ['V8 every answer lost, gone', { ...gotLost }, gone, 'unconfirmed', REASONS.onlyTheListing],
    [
      'V8 an earlier batch sent it, refused now, gone',
      { previouslySent: true, ...gotRefused },
      gone,
      'unconfirmed',
      REASONS.onlyTheListing,
    ],
    ['V9 unconfirmed not-a-bot, gone: no change', { wasBot: false, ...gotRefused }, gone, null],
    ['V9 failed, gone', { ...gotRefused }, gone, null],
    ['V9 failed, still listed', { ...gotRefused }, listed, null],
    [
      'V9 a skipped account is never settled by a listing',
      { attempts: 0 },
      gone,
      null,
      undefined,
      { status: 'skipped', errorCode: null, errorInfo: null },
    ],
    ['V9 skipped, still listed', { attempts: 0 }, listed, null, undefined, { status: 'skipped', errorCode: null, errorInfo: null }],
    ['V9 re-created: not a deletion’s to settle', { ...ok }, listed, null, undefined, { status: 'recreated' }],
    ['V9 already a bot: not a deletion’s to settle', { ...ok }, gone, null, undefined, { status: 'already-a-bot' }],
  ];
  it.each(rows)('%s → $3', (_rule, given, listing, status, reason, current) => {
    const e = evidence(given);
    const next = verifiedResult(e, { ...provisionalResult(e), ...current }, listing);
    expect(next?.status ?? null).toBe(status);
    if (reason !== undefined) expect(next?.errorInfo).toBe(reason);
    if (next) expectShown(next, e);
  });
});

describe('distrustedResult: what a listing that is not believed can still put in doubt', () => {
  const listed = new Set(['@RBT#a']);
  const gone = new Set<string>();
  it.each([
    ['deleted, still listed', { ...ok }, listed, 'unconfirmed'],
    ['absent, still listed', { wasBot: false, ...gotNotFound }, listed, 'unconfirmed'],
    ['deleted, gone: not settled by it', { ...ok }, gone, null],
    ['absent, gone: not settled by it', { wasBot: false, ...gotNotFound }, gone, null],
    ['failed, still listed: no change', { ...gotRefused }, listed, null],
    ['unconfirmed, still listed: no change', { ...gotLost }, listed, null],
  ] as const)('%s → $3', (_case, given, listing, status) => {
    const e = evidence(given);
    const next = distrustedResult(e, provisionalResult(e), listing);
    expect(next?.status ?? null).toBe(status);
    if (next) expect(next.errorInfo).toBe(REASONS.listedByUntrusted);
  });
});

describe('distrustReason: why a final listing cannot be believed', () => {
  const refusedBot = evidence({ account: '@RBT#r', ...gotRefused });
  const refusedBot2 = evidence({ account: '@RBT#r2', ...gotRefused });
  const skipped = evidence({ account: '@RBT#s', attempts: 0 });
  const deleted = evidence({ account: '@RBT#d', ...ok });
  const unclearBot = evidence({ account: '@RBT#u', ...gotInternal });
  const notABot = evidence({ account: '@RBT#n', wasBot: false, ...gotRefused });
  const sentBefore = evidence({ account: '@RBT#p', previouslySent: true, ...gotRefused });
  const pair = (e: Evidence, status?: AccountStatus) => ({
    evidence: e,
    current: status ? { account: e.account, status, errorCode: null, errorInfo: null, attempts: e.attempts } : provisionalResult(e),
  });
  const start = ['@RBT#r', '@RBT#s', '@RBT#outside'];
  const rows: [rule: string, listed: string[], start: string[] | null, batch: ReturnType<typeof pair>[], reason: string | null][] = [
    [
      'a chatbot outside the batch vanished',
      ['@RBT#r', '@RBT#s'],
      start,
      [pair(refusedBot), pair(skipped, 'skipped')],
      '1 chatbot outside the batch vanished from the listing',
    ],
    ['two chatbots outside the batch vanished', [], ['@RBT#o1', '@RBT#o2'], [], '2 chatbots outside the batch vanished from the listing'],
    ['a bot of the batch that is gone is not "outside"', ['@RBT#outside'], ['@RBT#d', '@RBT#outside'], [pair(deleted)], null],
    [
      'a bot the gateway definitely refused vanished',
      ['@RBT#outside', '@RBT#s'],
      start,
      [pair(refusedBot)],
      '1 chatbot the gateway did not delete vanished from the listing',
    ],
    [
      'a skipped bot (never sent) vanished',
      ['@RBT#outside', '@RBT#r'],
      start,
      [pair(skipped, 'skipped')],
      '1 chatbot the gateway did not delete vanished from the listing',
    ],
    [
      'two refused bots vanished',
      [],
      null,
      [pair(refusedBot), pair(refusedBot2)],
      '2 chatbots the gateway did not delete vanished from the listing',
    ],
    [
      'everything expected is still listed',
      ['@RBT#outside', '@RBT#r', '@RBT#s'],
      start,
      [pair(refusedBot), pair(skipped, 'skipped')],
      null,
    ],
    ['a deleted bot gone', ['@RBT#outside'], ['@RBT#outside'], [pair(deleted)], null],
    ['a bot gone after an unclear answer (10002)', [], null, [pair(unclearBot)], null],
    ['a refused account that was no bot at the start, gone', [], null, [pair(notABot)], null],
    ['a refused bot an earlier batch sent (its call may have deleted it), gone', [], null, [pair(sentBefore, 'failed')], null],
    ['an unconfirmed bot gone', [], null, [pair(evidence({ ...gotLost }))], null],
    // Without a believed first listing, only what the gateway refused can be checked.
    ['no believed first listing: the refused bot still listed', ['@RBT#r'], null, [pair(refusedBot)], null],
    ['no believed first listing: nothing outside the batch is checked', [], null, [], null],
  ];
  it.each(rows)('%s', (_rule, listed, startListing, batch, reason) => {
    expect(distrustReason(new Set(listed), startListing && new Set(startListing), batch)).toBe(reason);
  });
});

describe('the signals about a whole listing', () => {
  it.each([
    ['listed now', new Set(['@RBT#a']), undefined, false, true],
    ['listed now, though an earlier batch knew it was no bot', new Set(['@RBT#a']), false, true, true],
    ['missing now, nobody sent it', new Set<string>(), true, false, false],
    ['missing now, an earlier batch sent it and listed it', new Set<string>(), true, true, true],
    ['missing now, an earlier batch sent it and knew it was no bot', new Set<string>(), false, true, false],
    ['missing now, an earlier batch sent it and knew nothing', new Set<string>(), undefined, true, null],
    ['missing now, an earlier batch sent it, its listing not believed', new Set<string>(), null, true, null],
    ['no believed listing', null, undefined, false, null],
    ['no believed listing, an earlier batch sent it and listed it', null, true, true, true],
  ] as const)('classify: %s', (_case, listing, inherited, previouslySent, expected) => {
    expect(classify('@RBT#a', listing, inherited, previouslySent)).toBe(expected);
  });

  it.each([
    ['OK for an account the listing lacked', { ...ok, wasBot: false }, true],
    ['OK for a listed bot', { ...ok }, false],
    ['OK with no believed listing', { ...ok, wasBot: null }, false],
    ['OK for an account an earlier batch knew was no bot', { ...ok, wasBot: false, previouslySent: true }, false],
    ['"not found" for an account the listing lacked', { wasBot: false, ...gotNotFound }, false],
  ] as const)('contradictsListing: %s → $2', (_case, given, expected) => {
    expect(contradictsListing(evidence(given))).toBe(expected);
  });
});
