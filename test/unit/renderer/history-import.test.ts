import { describe, expect, it } from 'vitest';
import { batchesToCsv, batchesToJson } from '../../../electron/core/history-export.js';
import type { BatchRecord } from '../../../shared/sweep.js';
import { parseHistoryExport } from '../../../renderer/src/history-import.js';

const result = (account: string, status: BatchRecord['results'][number]['status']) => ({
  account,
  status,
  errorCode: status === 'failed' ? 10002 : null,
  errorInfo: status === 'failed' ? 'internal, "busy"\nserver' : null,
  attempts: 1,
});
const batch = (id: string, results: BatchRecord['results']): BatchRecord => ({
  id,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  status: 'completed',
  target: { kind: 'endpoint', url: 'http://127.0.0.1:1' },
  sdkAppId: 1,
  identifier: 'admin',
  profile: 'P',
  profileId: null,
  retryOf: null,
  stop: null,
  verification: null,
  signal: null,
  listedAtStart: null,
  damage: null,
  summary: { total: 0, deleted: 0, absent: 0, failed: 0, unconfirmed: 0, skipped: 0 },
  results,
});

const batches = [
  batch('20260101T000000000Z-aaaaaa', [
    result('@RBT#a', 'deleted'),
    result('@RBT#b', 'failed'),
    result('@RBT#c', 'absent'),
    result('@RBT#d', 'skipped'),
  ]),
  // A later retry settles b.
  batch('20260101T000100000Z-bbbbbb', [result('@RBT#b', 'deleted'), result('@RBT#e', 'unconfirmed')]),
];

describe('importing a Botsweep export', () => {
  it.each([
    ['CSV', batchesToCsv(batches)],
    ['JSON', batchesToJson(batches)],
  ])('takes the account column of its own %s export, and which are not yet deleted', (_format, text) => {
    expect(parseHistoryExport(text)).toEqual({
      all: ['@RBT#a', '@RBT#b', '@RBT#c', '@RBT#d', '@RBT#e'],
      undone: ['@RBT#d', '@RBT#e'],
    });
  });

  it('leaves any other text to the plain parser', () => {
    expect(parseHistoryExport('@RBT#x\n@RBT#y')).toBeNull();
    expect(parseHistoryExport('account,status\n@RBT#x,failed')).toBeNull();
    expect(parseHistoryExport('[1, 2]')).toBeNull();
    expect(parseHistoryExport('[not json')).toBeNull();
  });
});
