import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { History, readBatch } from '../../../../electron/core/history.js';
import { batchesToCsv, batchesToJson } from '../../../../electron/core/history-export.js';
import { dataDir } from '../../../../electron/core/data-dir.js';

const header = { target: { kind: 'region', region: 'singapore' } as const, sdkAppId: 1400000000, identifier: 'admin', profile: 'Prod' };
const result = (account: string, status: 'deleted' | 'failed', errorCode: number | null = null, errorInfo: string | null = null) => ({
  account,
  status,
  errorCode,
  errorInfo,
  attempts: 1,
});

function freshHistory(retention?: number) {
  let clock = Date.UTC(2026, 10, 26, 0, 0, 0);
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-history-'));
  return { dir, history: new History(dir, () => (clock += 1000), retention) };
}

describe('History', () => {
  it('records the plan before any outcome, then outcomes and an end record', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b', '@RBT#c']);
    const planned = history.get(writer.id)!;
    expect(planned.status).toBe('interrupted');
    expect(planned.results.map((r) => r.status)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);

    writer.outcome(result('@RBT#a', 'deleted'));
    writer.outcome(result('@RBT#b', 'failed', 10004, 'invalid parameter'));
    const results = [
      result('@RBT#a', 'deleted'),
      result('@RBT#b', 'failed', 10004, 'invalid parameter'),
      { ...result('@RBT#c', 'deleted'), status: 'skipped' as const },
    ];
    writer.end('completed', results, null);
    const batch = history.get(writer.id)!;
    expect(batch).toMatchObject({
      id: writer.id,
      status: 'completed',
      target: header.target,
      sdkAppId: 1400000000,
      identifier: 'admin',
      profile: 'Prod',
      summary: { total: 3, deleted: 1, failed: 1, skipped: 1, unconfirmed: 0 },
    });
    expect(batch.finishedAt).not.toBeNull();
    expect(history.get(writer.id, 'failed')!.results.map((r) => r.account)).toEqual(['@RBT#b']);
  });

  it('reads back a journal whose last line was torn, as an interrupted batch', () => {
    const { history, dir } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b']);
    writer.outcome(result('@RBT#a', 'deleted'));
    const file = join(dir, 'history', `${writer.id}.jsonl`);
    appendFileSync(file, '{"type":"outcome","account":"@RBT#b","sta');
    const batch = history.get(writer.id)!;
    expect(batch.status).toBe('interrupted');
    expect(batch.results).toEqual([
      result('@RBT#a', 'deleted'),
      { account: '@RBT#b', status: 'unconfirmed', errorCode: null, errorInfo: null, attempts: 0 },
    ]);
  });

  it('lets a later outcome for an account supersede an earlier one', () => {
    const text = [
      JSON.stringify({ type: 'begin', v: 1, id: 'x', startedAt: 't', accounts: ['@RBT#a'], ...header, retryOf: null }),
      JSON.stringify({ type: 'outcome', ...result('@RBT#a', 'deleted'), status: 'unconfirmed' }),
      JSON.stringify({ type: 'outcome', ...result('@RBT#a', 'deleted') }),
    ].join('\n');
    expect(readBatch(text)!.results[0]!.status).toBe('deleted');
    expect(readBatch('garbage\n')).toBeNull();
  });

  it('lists newest first, filters by status, and keeps only the newest N batches', () => {
    const { history } = freshHistory(3);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const writer = history.begin(header, [`@RBT#${i}`]);
      ids.push(writer.id);
      if (i !== 3) writer.end(i === 1 ? 'aborted' : 'completed', [result(`@RBT#${i}`, 'deleted')], null);
    }
    expect(history.list().map((b) => b.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(history.list({ status: 'interrupted' }).map((b) => b.id)).toEqual([ids[3]]);
    expect(history.list({ status: ['completed', 'interrupted'], limit: 2 }).map((b) => b.id)).toEqual([ids[4], ids[3]]);
  });

  it('clears everything and returns nothing for unknown or malformed ids', () => {
    const { history } = freshHistory();
    history.begin(header, ['@RBT#a']).end('completed', [result('@RBT#a', 'deleted')], null);
    expect(history.clear()).toBe(1);
    expect(history.list()).toEqual([]);
    expect(history.get('../../etc/passwd')).toBeNull();
    expect(history.get('20260101T000000000Z-abcdef')).toBeNull();
  });

  it('writes its files readable by the owner only', () => {
    const { history, dir } = freshHistory();
    history.begin(header, ['@RBT#a']);
    const [name] = readdirSync(join(dir, 'history'));
    const file = join(dir, 'history', name!);
    expect(readFileSync(file, 'utf8')).toContain('"type":"begin"');
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'history')).mode & 0o777).toBe(0o700);
    }
  });
});

describe('export', () => {
  it('writes CSV with one row per account, quoting and defusing formula-like free text', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b']);
    const results = [result('@RBT#a', 'deleted'), result('@RBT#b', 'failed', 10004, '=HYPERLINK("x"), bad')];
    for (const r of results) writer.outcome(r);
    writer.end('completed', results, null);
    const csv = batchesToCsv(history.list());
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'batch_id,started_at,finished_at,batch_status,target,sdkappid,identifier,account,status,error_code,error_info,attempts',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',@RBT#a,deleted,,,1');
    expect(lines[2]).toContain(`,@RBT#b,failed,10004,"'=HYPERLINK(""x""), bad",1`);
    expect(lines[1]).toContain('Singapore (adminapisgp.im.qcloud.com)');
  });

  it('writes JSON that reads back as the same batches', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a']);
    writer.outcome(result('@RBT#a', 'deleted'));
    writer.end('completed', [result('@RBT#a', 'deleted')], null);
    expect(history.list()[0]!.results[0]!.status).toBe('deleted');
    expect(JSON.parse(batchesToJson(history.list()))).toEqual(history.list());
  });
});

describe('dataDir', () => {
  it('prefers BOTSWEEP_HOME, else the folder Electron uses for userData on each OS', () => {
    expect(dataDir({ BOTSWEEP_HOME: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(dataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Botsweep');
    expect(dataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/Botsweep');
    expect(dataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Botsweep');
    expect(dataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toMatch(/Roaming.Botsweep$/);
  });
});
