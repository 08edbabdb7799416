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

const lost: Failure = {
  ok: false,
  errorClass: 'network',
  errorCode: null,
  errorInfo: 'no answer within 10000 ms',
  advice: '',
  ambiguous: true,
};
const internal: Failure = {
  ok: false,
  errorClass: 'transient',
  errorCode: 10002,
  errorInfo: 'internal error',
  advice: '',
  ambiguous: true,
};
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

describe('provisionalResult: the outcome right after the calls', () => {
  const rows: [rule: string, given: Partial<Evidence>, status: AccountStatus, reason?: string | RegExp][] = [
    ['P1 OK for a listed bot', { ...ok }, 'deleted'],
    ['P1 OK with no believed listing', { ...ok, wasBot: null }, 'deleted'],
    ['P2 OK for an account the listing lacked', { ...ok, wasBot: false }, 'unconfirmed', REASONS.okButNotListed],
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
    ['P5 "not found" for a listed bot', { ...gotNotFound }, 'unconfirmed', REASONS.notFoundButListed],
    ['P6 "not found" with no believed listing', { wasBot: null, ...gotNotFound }, 'unconfirmed', REASONS.notFoundUnknown],
    ['P7 10002 on every attempt', { ...gotInternal }, 'unconfirmed', 'internal error'],
    ['P7 every answer lost', { ...gotLost }, 'unconfirmed', 'no answer within 10000 ms'],
    ['P7 refused now, but an earlier batch sent it', { previouslySent: true, ...gotRefused }, 'unconfirmed', 'not an admin'],
    ['P8 not listed, refused: only the listing says no bot', { wasBot: false, ...gotRefused }, 'unconfirmed', REASONS.notListedNoAnswer],
    ['P8 not listed, only "too frequent"', { wasBot: false, last: limited }, 'unconfirmed', REASONS.notListedNoAnswer],
    ['P9 only definite refusals, no listing', { wasBot: null, ...gotRefused }, 'unconfirmed', REASONS.refusedUnknown],
    ['P10 only definite refusals for a listed bot', { ...gotRefused }, 'failed', 'not an admin'],
  ];
  it.each(rows)('%s → %s', (_rule, given, status, reason) => {
    const result = provisionalResult(evidence(given));
    expect(result.status).toBe(status);
    if (reason !== undefined) expect(result.errorInfo).toMatch(reason);
    if (status === 'deleted' || status === 'absent') expect(result).toMatchObject({ errorCode: null, errorInfo: null });
  });
});

describe('verifiedResult: what a trusted final listing settles', () => {
  const listed = new Set(['@RBT#a']);
  const gone = new Set<string>();
  const at = (given: Partial<Evidence>): [Evidence, AccountResult] => {
    const e = evidence(given);
    return [e, provisionalResult(e)];
  };
  const rows: [rule: string, given: Partial<Evidence>, listing: Set<string>, status: AccountStatus | null, reason?: string][] = [
    ['V1 deleted, still listed', { ...ok }, listed, 'unconfirmed', REASONS.stillListed],
    ['V1 deleted, gone', { ...ok }, gone, null],
    ['V2 absent, listed now', { wasBot: false, ...gotNotFound }, listed, 'unconfirmed', REASONS.listedAgainstAnswers],
    ['V2 absent, gone', { wasBot: false, ...gotNotFound }, gone, null],
    ['V3 unclear, still listed: never failed', { ...gotInternal }, listed, 'unconfirmed', REASONS.stillListedAfterUnclear],
    ['V3 clear "not found" yet still listed: the answer and the listing disagree', { ...gotNotFound }, listed, 'unconfirmed'],
    ['V3 refused and still listed: both say it is a bot', { ...gotRefused, wasBot: false }, listed, 'failed', 'not an admin'],
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
    ['V9 unconfirmed not-a-bot, gone: no change', { wasBot: false, ...gotRefused }, gone, null],
    ['V9 failed, gone', { ...gotRefused }, gone, null],
    ['V9 failed, still listed', { ...gotRefused }, listed, null],
  ];
  it.each(rows)('%s → %s', (_rule, given, listing, status, reason) => {
    const [e, current] = at(given);
    const next = verifiedResult(e, current, listing);
    expect(next?.status ?? null).toBe(status);
    if (reason !== undefined) expect(next?.errorInfo).toBe(reason);
  });

  it('V9 a skipped account is never settled by a listing', () => {
    const skipped: AccountResult = { account: '@RBT#a', status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 };
    expect(verifiedResult(evidence({ attempts: 0 }), skipped, gone)).toBeNull();
  });
});

describe('distrustedResult: what a listing that is not believed can still put in doubt', () => {
  const listed = new Set(['@RBT#a']);
  it.each([
    ['deleted, still listed', { ...ok }, listed, 'unconfirmed'],
    ['absent, still listed', { wasBot: false, ...gotNotFound }, listed, 'unconfirmed'],
    ['deleted, gone: not settled by it', { ...ok }, new Set<string>(), null],
    ['failed, still listed: no change', { ...gotRefused }, listed, null],
  ] as const)('%s → %s', (_case, given, listing, status) => {
    const e = evidence(given);
    expect(distrustedResult(e, provisionalResult(e), listing)?.status ?? null).toBe(status);
  });
});

describe('the signals about a whole listing', () => {
  it.each([
    ['listed now', new Set(['@RBT#a']), undefined, false, true],
    ['missing now, nobody sent it', new Set<string>(), true, false, false],
    ['missing now, an earlier batch sent it and listed it', new Set<string>(), true, true, true],
    ['missing now, an earlier batch sent it and knew nothing', new Set<string>(), undefined, true, null],
    ['no believed listing', null, undefined, false, null],
  ] as const)('classify: %s', (_case, listing, inherited, previouslySent, expected) => {
    expect(classify('@RBT#a', listing, inherited, previouslySent)).toBe(expected);
  });

  it.each([
    ['OK for an account the listing lacked', { ...ok, wasBot: false }, true],
    ['OK for a listed bot', { ...ok }, false],
    ['OK for an account an earlier batch knew was no bot', { ...ok, wasBot: false, previouslySent: true }, false],
    ['"not found" for an account the listing lacked', { wasBot: false, ...gotNotFound }, false],
  ] as const)('contradictsListing: %s → %s', (_case, given, expected) => {
    expect(contradictsListing(evidence(given))).toBe(expected);
  });

  it('distrusts a final listing that lost bots outside the batch, or bots the gateway refused or never got', () => {
    const refusedBot = evidence({ account: '@RBT#r', ...gotRefused });
    const skipped = evidence({ account: '@RBT#s', attempts: 0 });
    const pair = (e: Evidence, status?: AccountStatus) => ({
      evidence: e,
      current: status ? { account: e.account, status, errorCode: null, errorInfo: null, attempts: 0 } : provisionalResult(e),
    });
    const start = new Set(['@RBT#r', '@RBT#s', '@RBT#outside']);
    expect(distrustReason(new Set(['@RBT#r', '@RBT#s']), start, [pair(refusedBot), pair(skipped, 'skipped')])).toMatch(
      /1 chatbot outside the batch vanished/,
    );
    expect(distrustReason(new Set(['@RBT#outside', '@RBT#s']), start, [pair(refusedBot)])).toMatch(/1 chatbot the gateway did not delete/);
    expect(distrustReason(new Set(['@RBT#outside', '@RBT#r']), start, [pair(skipped, 'skipped')])).toMatch(/did not delete/);
    expect(distrustReason(new Set(['@RBT#outside', '@RBT#r', '@RBT#s']), start, [pair(refusedBot), pair(skipped, 'skipped')])).toBeNull();
    // Without a believed first listing, only what the gateway refused can be checked.
    expect(distrustReason(new Set(['@RBT#r']), null, [pair(refusedBot)])).toBeNull();
  });
});
