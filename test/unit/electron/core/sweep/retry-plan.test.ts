// planRetry's rules, one row each: which accounts of a batch a retry sends again, which of them its earlier call may
// have deleted (so "not found" may mean deleted), what the batch knew of them, and which journal entries are no account.
import { describe, expect, it } from 'vitest';
import type { BatchJournalView } from '../../../../../electron/core/history.js';
import { planRetry } from '../../../../../electron/core/sweep/retry-plan.js';
import type { AccountResult, AccountStatus, BatchRecord } from '../../../../../shared/sweep.js';

const result = (account: string, status: AccountStatus, errorCode: number | null = null, attempts = 1): AccountResult => ({
  account,
  status,
  errorCode,
  errorInfo: errorCode === null ? null : `error ${errorCode}`,
  attempts,
});

function journal(results: AccountResult[], wasBot: [string, boolean][] = []): BatchJournalView {
  const batch: BatchRecord = {
    id: '20260101T000000000Z-aaaaaa',
    kind: 'delete',
    undoes: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    status: 'completed',
    target: { kind: 'region', region: 'singapore' },
    sdkAppId: 1400000000,
    identifier: 'administrator',
    profile: null,
    profileId: null,
    retryOf: null,
    stop: null,
    verification: null,
    signal: null,
    listedAtStart: null,
    damage: null,
    summary: { total: 0, deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0 },
    results,
  };
  return { batch, wasBot: new Map(wasBot) };
}

describe('planRetry: one account of the earlier batch', () => {
  const rows: [rule: string, earlier: AccountResult, sent: boolean, mayHaveTakenEffect: boolean][] = [
    ['deleted: done, not sent again', result('@RBT#a', 'deleted'), false, false],
    ['absent: done, not sent again', result('@RBT#a', 'absent'), false, false],
    ['re-created: done, not sent again', result('@RBT#a', 'recreated'), false, false],
    ['already a bot: done, not sent again', result('@RBT#a', 'already-a-bot'), false, false],
    ['skipped: sent, never called before', result('@RBT#a', 'skipped', null, 0), true, false],
    ['unconfirmed: sent, and its earlier call may have deleted it', result('@RBT#a', 'unconfirmed', null, 1), true, true],
    ['unconfirmed with no attempt (an older journal): still may have', result('@RBT#a', 'unconfirmed', null, 0), true, true],
    ['failed on a definite refusal (10008): sent, nothing happened before', result('@RBT#a', 'failed', 10008), true, false],
    ['failed on "not found" (10004): sent, nothing happened before', result('@RBT#a', 'failed', 10004), true, false],
    ['failed on a signature error (70009): nothing happened before', result('@RBT#a', 'failed', 70009), true, false],
    ['failed on a 7xxxx code not in the table: a refusal, nothing happened', result('@RBT#a', 'failed', 71234), true, false],
    ['failed on 10002 (older journal): may have', result('@RBT#a', 'failed', 10002), true, true],
    ['failed on 60008 (older journal): may have', result('@RBT#a', 'failed', 60008), true, true],
    ['failed on FAIL with code 0: may have', result('@RBT#a', 'failed', 0), true, true],
    ['failed on an unknown code: may have', result('@RBT#a', 'failed', 91234), true, true],
    ['failed with no code (lost answers): may have', result('@RBT#a', 'failed', null), true, true],
    ['failed with no attempt: never called, nothing happened', result('@RBT#a', 'failed', 10002, 0), true, false],
  ];
  it.each(rows)('%s', (_rule, earlier, sent, mayHaveTakenEffect) => {
    const plan = planRetry(journal([earlier], [[earlier.account, true]]));
    expect(plan.accounts).toEqual(sent ? [earlier.account] : []);
    expect([...plan.previouslySent]).toEqual(mayHaveTakenEffect ? [earlier.account] : []);
    expect([...plan.inheritedBots]).toEqual(mayHaveTakenEffect ? [[earlier.account, true]] : []);
    expect(plan.invalid).toEqual([]);
  });
});

describe('planRetry: the batch as a whole', () => {
  it('keeps the journal’s order and sends an account listed twice once', () => {
    const plan = planRetry(
      journal([
        result('@RBT#c', 'failed', 10008),
        result('@RBT#a', 'deleted'),
        result('@RBT#b', 'skipped', null, 0),
        result('@RBT#c', 'failed', 10008),
      ]),
    );
    expect(plan.accounts).toEqual(['@RBT#c', '@RBT#b']);
  });

  it.each([
    ['an empty entry', '', 'the account is empty'],
    ['no @RBT# prefix', 'admin', 'a chatbot account starts with @RBT#'],
    ['a control character', '@RBT#a\u001b[2J', 'contains a control character'],
    ['a text-direction character', '@RBT#\u202Enimda', 'contains an invisible or text-direction character'],
  ])('sets aside a journal entry that is no account (%s), with why, and sends the rest', (_case, account, reason) => {
    const plan = planRetry(journal([result(account, 'failed', 10008), result('@RBT#ok', 'failed', 10008)]));
    expect(plan.invalid).toEqual([{ account, reason }]);
    expect(plan.accounts).toEqual(['@RBT#ok']);
  });

  it('carries over whether each account that may have been deleted was a chatbot, and only those', () => {
    const plan = planRetry(
      journal(
        [result('@RBT#u', 'unconfirmed'), result('@RBT#n', 'unconfirmed'), result('@RBT#r', 'failed', 10008), result('@RBT#d', 'deleted')],
        [
          ['@RBT#u', true],
          ['@RBT#n', false],
          ['@RBT#r', true],
          ['@RBT#d', true],
          ['@RBT#other', true],
        ],
      ),
    );
    expect(plan.inheritedBots).toEqual(
      new Map([
        ['@RBT#u', true],
        ['@RBT#n', false],
      ]),
    );
    expect(plan.previouslySent).toEqual(new Set(['@RBT#u', '@RBT#n']));
  });

  it('knows nothing of an account the earlier batch had no listing for', () => {
    const plan = planRetry(journal([result('@RBT#u', 'unconfirmed')]));
    expect(plan.previouslySent).toEqual(new Set(['@RBT#u']));
    expect(plan.inheritedBots.has('@RBT#u')).toBe(false);
  });

  it('plans nothing for a batch with every account done', () => {
    expect(planRetry(journal([result('@RBT#a', 'deleted'), result('@RBT#b', 'absent')]))).toEqual({
      accounts: [],
      previouslySent: new Set(),
      inheritedBots: new Map(),
      invalid: [],
    });
  });
});
