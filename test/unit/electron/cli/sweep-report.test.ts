// The CLI's report says a batch in the app's words (shared/vocabulary.ts): the outcome, "N of M deleted", then only the
// counts that are not 0, in one order; a stop with its word; the JSON keeps the codes and adds the outcome's.
import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../../../shared/sweep.js';
import { otherCounts } from '../../../../shared/vocabulary.js';
import { describeStop, summaryLine } from '../../../../electron/cli/sweep-report.js';

const summary = (counts: Partial<BatchSummary>): BatchSummary => {
  const filled = { deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0, ...counts };
  return { ...filled, total: Object.values(filled).reduce((sum, count) => sum + count, 0) };
};

describe('summaryLine', () => {
  it('says deleted of total, then only the counts that are not 0, in one order', () => {
    expect(otherCounts(summary({ deleted: 1, skipped: 2, absent: 1 }))).toEqual([
      { status: 'absent', count: 1 },
      { status: 'skipped', count: 2 },
    ]);
    expect(summaryLine('completed', summary({ unconfirmed: 3 }))).toBe('Finished with failures: 0 of 3 deleted · 3 unconfirmed');
    expect(summaryLine('completed', summary({ deleted: 15 }))).toBe('Finished: 15 of 15 deleted');
    expect(summaryLine('completed', summary({ absent: 2 }))).toBe('Nothing deleted: 0 of 2 deleted · 2 absent');
    // A re-creation leads with what it re-created, in the same words.
    expect(summaryLine('completed', summary({ recreated: 2, 'already-a-bot': 1 }), null, 'recreate')).toBe(
      'Finished: 2 of 3 re-created · 1 already a bot',
    );
  });

  it('names the stop by its word when one is given', () => {
    const stop = { kind: 'local' as const, errorCode: null, errorInfo: 'port 1 …', advice: 'Give the endpoint another port.' };
    expect(summaryLine('aborted', summary({ skipped: 2 }), stop)).toBe('Stopped (refused locally): 0 of 2 deleted · 2 skipped');
    expect(describeStop(stop)).toBe(' (refused locally): port 1 …. Give the endpoint another port.');
    const credentials = { kind: 'credentials' as const, errorCode: 70009, errorInfo: 'x', advice: 'Check the key.' };
    expect(describeStop(credentials)).toMatch(/^ \(credentials refused\): .*\[70009: x\]\. Check the key\.$/);
  });
});
