// What an action leaves out of the selection: protected (by the app's guards) and settled accounts are told apart,
// in order; the rest may be selected.
import { describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../../shared/sweep.js';
import { leftOutCount, sortOut } from '../../../../renderer/src/store/left-out.js';

describe('sortOut', () => {
  it('keeps the order, and takes out protected accounts first, then those settled in this list', () => {
    const status = new Map<string, AccountStatus>([
      ['@RBT#gone', 'deleted'],
      ['@RBT#typo', 'absent'],
      ['@RBT#again', 'failed'],
      ['@RBT#keep-settled', 'deleted'],
    ]);
    const isProtected = (account: string) => account.startsWith('@RBT#keep');
    const { selectable, leftOut } = sortOut(
      ['@RBT#b', '@RBT#gone', '@RBT#keep-1', '@RBT#a', '@RBT#typo', '@RBT#again', '@RBT#keep-settled'],
      isProtected,
      status,
    );
    // A failed account is not settled: a retry may still send it.
    expect(selectable).toEqual(['@RBT#b', '@RBT#a', '@RBT#again']);
    expect(leftOut).toEqual({
      protected: ['@RBT#keep-1', '@RBT#keep-settled'],
      settled: ['@RBT#gone', '@RBT#typo'],
      duplicated: [],
      gone: [],
    });
    expect(leftOutCount(leftOut)).toBe(4);
  });
});
