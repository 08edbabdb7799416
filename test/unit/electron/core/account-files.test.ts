// Reading accounts out of what Botsweep writes (lists, `list` output, history exports) and any plain list, with the
// apps an export names.
import { describe, expect, it } from 'vitest';
import { readAccountFile } from '../../../../electron/core/account-files.js';
import { batchesToCsv, batchesToJson } from '../../../../electron/core/history-export.js';
import type { BatchRecord } from '../../../../shared/sweep.js';

const result = (account: string, status: BatchRecord['results'][number]['status']) => ({
  account,
  status,
  errorCode: status === 'failed' ? 10002 : null,
  errorInfo: status === 'failed' ? 'internal, "busy"\nserver' : null,
  attempts: 1,
});
const batch = (id: string, results: BatchRecord['results'], sdkAppId = 1): BatchRecord => ({
  id,
  kind: 'delete',
  undoes: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  status: 'completed',
  target: { kind: 'region', region: 'singapore' },
  sdkAppId,
  identifier: 'admin',
  profile: 'P',
  profileId: null,
  retryOf: null,
  stop: null,
  verification: null,
  signal: null,
  listedAtStart: null,
  damage: null,
  summary: { total: 0, deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0 },
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

describe('reading a file of accounts', () => {
  it.each([
    ['CSV', batchesToCsv(batches), 'export-csv'],
    ['JSON', batchesToJson(batches), 'export-json'],
  ])('takes the account column of its own %s export, which are not yet deleted, and the app it names', (_format, text, format) => {
    const file = readAccountFile(text);
    expect(file).toMatchObject({
      format,
      accounts: ['@RBT#a', '@RBT#b', '@RBT#c', '@RBT#d', '@RBT#e'],
      undone: ['@RBT#d', '@RBT#e'],
      invalid: [],
      apps: [{ target: expect.anything(), sdkAppId: 1 }],
    });
  });

  it('names every app of an export that holds several, and reads a CSV from before the gateway column', () => {
    const mixed = [...batches, batch('20260101T000200000Z-cccccc', [result('@RBT#z', 'failed')], 1400012345)];
    expect(readAccountFile(batchesToCsv(mixed)).apps.map((app) => app.sdkAppId)).toEqual([1, 1400012345]);
    const old = batchesToCsv(batches)
      .split('\r\n')
      .map((line) => line.replace(/,[^,]*$/, ''))
      .join('\r\n');
    expect(readAccountFile(old).apps).toEqual([{ target: { kind: 'region', region: 'singapore' }, sdkAppId: 1 }]);
  });

  it('takes nothing of an export row or batch that does not say its app (an edited export)', () => {
    const json = JSON.parse(batchesToJson(batches));
    delete json[0].target;
    json[1].sdkAppId = '1';
    const file = readAccountFile(JSON.stringify(json));
    expect(file.accounts).toEqual([]);
    expect(file.invalid).toHaveLength(6);
    expect(file.invalid[0]!.reason).toMatch(/does not say which app it came from/);
  });

  it('reads `botsweep list` output: --details text (nicknames with spaces and commas), --json with and without details', () => {
    expect(readAccountFile('@RBT#a\tSupport bot, EU\n@RBT#b\t\n')).toMatchObject({
      format: 'list-details',
      accounts: ['@RBT#a', '@RBT#b'],
      invalid: [],
    });
    expect(readAccountFile('{"count":2,"accounts":["@RBT#a","@RBT#b"]}')).toMatchObject({
      format: 'list-json',
      accounts: ['@RBT#a', '@RBT#b'],
    });
    expect(
      readAccountFile('{"count":2,"accounts":[{"account":"@RBT#a","nickname":"A b"},{"account":"bad","nickname":null}]}'),
    ).toMatchObject({ format: 'list-json', accounts: ['@RBT#a'], invalid: [{ line: 2, value: 'bad' }] });
  });

  it('reads anything else as a plain list, tab or comma separated, reporting invalid entries by line', () => {
    expect(readAccountFile('@RBT#x\t@RBT#y\n@RBT#z')).toMatchObject({ format: 'list', accounts: ['@RBT#x', '@RBT#y', '@RBT#z'] });
    expect(readAccountFile('account,status\n@RBT#x,failed')).toMatchObject({ format: 'list', accounts: ['@RBT#x'] });
    expect(readAccountFile('[1, 2]').invalid).toHaveLength(2);
    expect(readAccountFile('@RBT#x\nbot 2').invalid).toEqual([expect.objectContaining({ line: 2, value: 'bot 2' })]);
  });
});
