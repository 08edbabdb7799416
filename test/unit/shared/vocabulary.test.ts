// One vocabulary: every status, outcome and stop has its words; an outcome is read from the stored status and counts
// (one row per case); a retry is advised only after stops it can get past; both faces' words come from this table.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES, BATCH_STATUSES, STOP_KINDS, type BatchStatus, type BatchSummary } from '../../../shared/sweep.js';
import {
  BATCH_OUTCOMES,
  batchOutcome,
  OUTCOME_WORDS,
  retryHelps,
  STATUS_WORDS,
  STOP_WORDS,
  withOutcomes,
  type BatchOutcome,
} from '../../../shared/vocabulary.js';

const summary = (counts: Partial<BatchSummary>): BatchSummary => {
  const filled = { deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0, ...counts };
  return { ...filled, total: Object.values(filled).reduce((sum, count) => sum + count, 0) };
};

describe('the words', () => {
  it('has a word and a meaning for every account status, and a row for every outcome and stop', () => {
    expect(Object.keys(STATUS_WORDS).sort()).toEqual([...ACCOUNT_STATUSES].sort());
    for (const status of ACCOUNT_STATUSES) expect(STATUS_WORDS[status].meaning.length).toBeGreaterThan(10);
    expect(BATCH_OUTCOMES).toHaveLength(7);
    expect(STOP_KINDS).toContain('local');
    for (const kind of STOP_KINDS) expect(STOP_WORDS[kind].word).toMatch(/^[a-z]/);
  });

  it('every stored status has an outcome read from it', () => {
    const covered = new Set(BATCH_OUTCOMES.map((outcome) => OUTCOME_WORDS[outcome].status));
    expect([...covered].sort()).toEqual([...BATCH_STATUSES].sort());
  });

  it('advises a retry only where it can help, and never in a stop the profile must fix first', () => {
    for (const kind of STOP_KINDS) expect(/retry/i.test(STOP_WORDS[kind].advice), kind).toBe(STOP_WORDS[kind].retryHelps);
  });
});

describe('batchOutcome', () => {
  it.each<[BatchStatus, Partial<BatchSummary>, BatchOutcome]>([
    ['completed', { deleted: 3 }, 'finished'],
    ['completed', { deleted: 2, absent: 1 }, 'finished'],
    ['completed', { deleted: 2, failed: 1 }, 'finished-with-failures'],
    ['completed', { unconfirmed: 3 }, 'finished-with-failures'],
    ['completed', { deleted: 1, skipped: 1 }, 'finished-with-failures'],
    ['completed', { absent: 2 }, 'nothing-deleted'],
    ['completed', {}, 'nothing-deleted'],
    ['aborted', { deleted: 5, skipped: 5 }, 'stopped'],
    ['cancelled', { deleted: 5, skipped: 5 }, 'cancelled'],
    ['interrupted', { deleted: 1, unconfirmed: 1 }, 'interrupted'],
    ['running', {}, 'running'],
  ])('%s with %j is %s', (status, counts, outcome) => {
    expect(batchOutcome(status, summary(counts))).toBe(outcome);
    expect(OUTCOME_WORDS[outcome].status).toBe(status);
  });

  it('a re-creation whose accounts were all bots already has done its job: finished, not "nothing deleted"', () => {
    expect(batchOutcome('completed', summary({ 'already-a-bot': 2 }), 'recreate')).toBe('finished');
    expect(batchOutcome('completed', summary({ recreated: 1, failed: 1 }), 'recreate')).toBe('finished-with-failures');
  });

  it('goes beside the stored status in JSON', () => {
    expect(withOutcomes([{ status: 'completed' as const, summary: summary({ failed: 1 }) }])).toEqual([
      { status: 'completed', summary: summary({ failed: 1 }), outcome: 'finished-with-failures' },
    ]);
  });
});

describe('retryHelps', () => {
  it.each([
    [null, true],
    [{ kind: 'credentials' as const, errorCode: 70009, errorInfo: '', advice: '' }, false],
    [{ kind: 'local' as const, errorCode: null, errorInfo: '', advice: '' }, false],
    [{ kind: 'unreachable' as const, errorCode: null, errorInfo: '', advice: '' }, true],
    // Older batches without a kind: a gateway code was a refusal of the credentials or the app.
    [{ errorCode: 70009, errorInfo: '', advice: '' }, false],
    [{ errorCode: null, errorInfo: '', advice: '' }, true],
  ])('after %j: %s', (stop, helps) => {
    expect(retryHelps(stop)).toBe(helps);
  });
});
