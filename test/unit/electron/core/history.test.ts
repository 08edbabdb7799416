// The history (electron/core/history.ts): the plan journaled before any outcome, crashes and torn lines read back,
// damaged files reported, retention that never drops a batch still holding work, clear, and lock-named batches.
import * as nodeFs from 'node:fs';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  History,
  parseJournal,
  type BatchEnd,
  type BatchJournalView,
  type BatchWriter,
  type HistoryOptions,
} from '../../../../electron/core/history.js';
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

function freshHistory(retention?: number, options: Omit<HistoryOptions, 'now' | 'retention'> = {}) {
  let clock = Date.UTC(2026, 10, 26, 0, 0, 0);
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-history-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, history: new History(dir, { now: () => (clock += 1000), ...(retention ? { retention } : {}), ...options }) };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Ends a batch as the engine does: every outcome recorded, then the end record. */
function finish(writer: BatchWriter, status: BatchEnd['status'], results: BatchEnd['results'], signal: string | null = null) {
  for (const r of results) writer.outcome(r);
  writer.end({ status, results, stop: null, verification: { status: 'verified', reason: null }, signal });
}

describe('History', () => {
  it('records the plan before any outcome, then outcomes and an end record', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b', '@RBT#c']);
    const planned = history.get(writer.id)!;
    expect(planned.status).toBe('interrupted');
    // Nothing was marked as sent: a crash now leaves every account skipped, none unconfirmed.
    expect(planned.results.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);

    const results = [
      result('@RBT#a', 'deleted'),
      result('@RBT#b', 'failed', 10004, 'invalid parameter'),
      { ...result('@RBT#c', 'deleted'), status: 'skipped' as const },
    ];
    finish(writer, 'completed', results);
    const batch = history.get(writer.id)!;
    expect(batch).toMatchObject({
      id: writer.id,
      status: 'completed',
      target: header.target,
      sdkAppId: 1400000000,
      identifier: 'admin',
      profile: 'Prod',
      verification: { status: 'verified', reason: null },
      damage: null,
      summary: { total: 3, deleted: 1, absent: 0, failed: 1, skipped: 1, unconfirmed: 0 },
    });
    expect(batch.finishedAt).not.toBeNull();
    expect(history.get(writer.id, 'failed')!.results.map((r) => r.account)).toEqual(['@RBT#b']);
  });

  it('after a crash, reads sent accounts without an outcome as unconfirmed and unsent ones as skipped', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b', '@RBT#c', '@RBT#d']);
    writer.classified({ botCount: 9, problem: null, bots: ['@RBT#a', '@RBT#b'], notBots: ['@RBT#c', '@RBT#d'] });
    writer.sent('@RBT#a');
    writer.outcome(result('@RBT#a', 'deleted'));
    writer.sent('@RBT#b');
    writer.sent('@RBT#c');
    const view = history.inspect(writer.id) as BatchJournalView;
    expect(view.batch.status).toBe('interrupted');
    expect(view.batch.results.map((r) => r.status)).toEqual(['deleted', 'unconfirmed', 'unconfirmed', 'skipped']);
    expect(view.batch.listedAtStart).toBe(9);
    expect([...view.wasBot]).toEqual([
      ['@RBT#a', true],
      ['@RBT#b', true],
      ['@RBT#c', false],
      ['@RBT#d', false],
    ]);
  });

  it('reads a journal from before send markers (v1) the old way: every open account unconfirmed', () => {
    const text = [
      JSON.stringify({ type: 'begin', v: 1, id: 'x', startedAt: 't', accounts: ['@RBT#a', '@RBT#b'], ...header, retryOf: null }),
      JSON.stringify({ type: 'outcome', ...result('@RBT#a', 'deleted') }),
    ].join('\n');
    const view = parseJournal(text, '20261126T000000000Z-aaaaaa') as BatchJournalView;
    expect(view.batch.results.map((r) => r.status)).toEqual(['deleted', 'unconfirmed']);
  });

  it('skips a torn last line and says so', () => {
    const { history, dir } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b']);
    writer.sent('@RBT#a');
    writer.outcome(result('@RBT#a', 'deleted'));
    writer.sent('@RBT#b');
    appendFileSync(join(dir, 'history', `${writer.id}.jsonl`), '{"type":"outcome","account":"@RBT#b","sta');
    const batch = history.get(writer.id)!;
    expect(batch.status).toBe('interrupted');
    expect(batch.damage).toBe('1 line of its journal could not be read and were skipped');
    expect(batch.results[1]).toMatchObject({ account: '@RBT#b', status: 'unconfirmed' });
  });

  it('lets a later outcome for an account supersede an earlier one', () => {
    const text = [
      JSON.stringify({ type: 'begin', v: 2, id: 'x', startedAt: 't', accounts: ['@RBT#a'], ...header, retryOf: null }),
      JSON.stringify({ type: 'outcome', ...result('@RBT#a', 'deleted'), status: 'unconfirmed' }),
      JSON.stringify({ type: 'outcome', ...result('@RBT#a', 'deleted') }),
    ].join('\n');
    expect((parseJournal(text, 'x') as BatchJournalView).batch.results[0]!.status).toBe('deleted');
  });

  it('lists damaged files with what is wrong, and never lets them hide the good batches', () => {
    const { history, dir } = freshHistory();
    const good = history.begin(header, ['@RBT#a']);
    finish(good, 'completed', [result('@RBT#a', 'deleted')]);
    const historyDir = join(dir, 'history');
    const damaged = {
      '20260101T000000001Z-aaaaa1': 'null\n',
      '20260101T000000002Z-aaaaa2': `${JSON.stringify({ type: 'begin', v: 2, id: 'y', startedAt: 't', ...header })}\n`,
      '20260101T000000003Z-aaaaa3': '{"type":"begin","v":2,"accou',
      '20260101T000000005Z-aaaaa5': '',
    };
    for (const [id, text] of Object.entries(damaged)) writeFileSync(join(historyDir, `${id}.jsonl`), text);
    mkdirSync(join(historyDir, '20260101T000000004Z-aaaaa4.jsonl'));
    // A link to a device would flood a read: it is reported, never read (a FIFO: test/integration/special-files.test.ts).
    if (process.platform !== 'win32') symlinkSync('/dev/zero', join(historyDir, '20260101T000000007Z-aaaaa7.jsonl'));
    // Damage inside a good batch: a null line among the records.
    appendFileSync(join(historyDir, `${good.id}.jsonl`), 'null\n');

    const scan = history.scan();
    expect(scan.batches.map((b) => b.id)).toEqual([good.id]);
    expect(scan.batches[0]!.damage).toContain('1 line');
    expect(scan.damaged.filter((d) => d.id.endsWith('7'))).toEqual(
      process.platform === 'win32' ? [] : [{ id: '20260101T000000007Z-aaaaa7', problem: 'it is not a regular file' }],
    );
    expect(scan.damaged.filter((d) => !d.id.endsWith('7'))).toEqual([
      { id: '20260101T000000005Z-aaaaa5', problem: 'it is empty' },
      { id: '20260101T000000004Z-aaaaa4', problem: 'it is a folder, not a journal file' },
      { id: '20260101T000000003Z-aaaaa3', problem: 'its first line (the batch header) is torn or garbled' },
      { id: '20260101T000000002Z-aaaaa2', problem: 'its header has no list of accounts' },
      { id: '20260101T000000001Z-aaaaa1', problem: 'its first line (the batch header) is torn or garbled' },
    ]);
    expect(history.get(good.id)!.summary.deleted).toBe(1);
    expect(history.get('20260101T000000002Z-aaaaa2')).toBeNull();
    expect(history.inspect('20260101T000000002Z-aaaaa2')).toMatchObject({ problem: expect.any(String) });
  });

  it('lists newest first, filters by status, and keeps only the newest N finished batches', async () => {
    const { history } = freshHistory(3);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const writer = history.begin(header, [`@RBT#${i}`]);
      ids.push(writer.id);
      if (i !== 3) finish(writer, i === 1 ? 'aborted' : 'completed', [result(`@RBT#${i}`, 'deleted')]);
      await history.prune(writer.id);
    }
    expect(history.list().map((b) => b.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(history.list({ status: 'interrupted' }).map((b) => b.id)).toEqual([ids[3]]);
    expect(history.list({ status: ['completed', 'interrupted'], limit: 2 }).map((b) => b.id)).toEqual([ids[4], ids[3]]);
  });

  it('never lets retention remove a batch that still holds work: 205 newer batches keep an interrupted and a failed one', async () => {
    const { history } = freshHistory();
    const interrupted = history.begin(header, ['@RBT#open']);
    interrupted.sent('@RBT#open');
    const failed = history.begin(header, ['@RBT#refused']);
    finish(failed, 'completed', [result('@RBT#refused', 'failed', 60099, 'refused')]);
    const done = history.begin(header, ['@RBT#done']);
    finish(done, 'completed', [result('@RBT#done', 'deleted')]);
    for (let i = 0; i < 205; i++) {
      const writer = history.begin(header, ['@RBT#x']);
      finish(writer, 'completed', [result('@RBT#x', 'deleted')]);
      if (i % 50 === 0 || i === 204) await history.prune(writer.id);
    }
    const ids = history.ids();
    expect(ids).toContain(interrupted.id);
    expect(ids).toContain(failed.id);
    expect(ids).not.toContain(done.id);
    expect(ids).toHaveLength(202);
    expect(history.get(interrupted.id)!.results[0]!.status).toBe('unconfirmed');
  });

  it('clears everything but running batches, and returns nothing for unknown or malformed ids', () => {
    let runningId = '';
    const { history } = freshHistory(undefined, { isRunning: (id) => id === runningId });
    finish(history.begin(header, ['@RBT#a']), 'completed', [result('@RBT#a', 'deleted')]);
    runningId = history.begin(header, ['@RBT#b']).id;
    expect(history.get(runningId)!.status).toBe('running');
    expect(history.clear()).toEqual({ removed: 1, running: [runningId] });
    expect(history.list().map((b) => b.id)).toEqual([runningId]);
    expect(history.get('../../etc/passwd')).toBeNull();
    expect(history.get('20260101T000000000Z-abcdef')).toBeNull();
  });

  it('keeps a batch its lock names even while its journal is still being written, and one that is empty', () => {
    let named = '';
    const { history, dir } = freshHistory(undefined, { isRunning: (id) => id === named });
    finish(history.begin(header, ['@RBT#old']), 'completed', [result('@RBT#old', 'deleted')]);
    named = history.newBatchId(); // the lock names the batch first …
    writeFileSync(join(dir, 'history', `${named}.jsonl`), ''); // … then its file appears, empty for a moment
    expect(history.clear()).toEqual({ removed: 1, running: [named] });
    expect(readdirSync(join(dir, 'history'))).toEqual([`${named}.jsonl`]);
  });

  it('begins a batch under the id its lock already names, and never over an existing journal', () => {
    const { history } = freshHistory();
    const id = history.newBatchId();
    const writer = history.begin(header, ['@RBT#a'], id);
    expect(writer.id).toBe(id);
    expect(history.get(id)!.startedAt).toBe(new Date(Date.UTC(2026, 10, 26, 0, 0, 1)).toISOString());
    expect(() => history.begin(header, ['@RBT#b'], id)).toThrow(/EEXIST/);
    expect(() => history.begin(header, ['@RBT#b'], '../escape')).toThrow(/not a batch id/);
  });

  it('writes C1 controls, bidi and invisible characters of outside text escaped, and reads them back unchanged', () => {
    const { history, dir } = freshHistory();
    const hostile = 'Sales \u0085\u009b31m \u202egnp.exe\u2028next \u200b\u007f';
    const writer = history.begin({ ...header, nicknames: { '@RBT#a': hostile } }, ['@RBT#a']);
    finish(writer, 'completed', [result('@RBT#a', 'failed', 12345, `gateway said ${hostile}`)]);
    const [name] = readdirSync(join(dir, 'history'));
    const raw = readFileSync(join(dir, 'history', name!), 'utf8');
    expect(raw).not.toMatch(/[\u0080-\u009f\u200b-\u200f\u2028-\u202e\u007f]/);
    expect(raw).toContain('\\u202e');
    const batch = history.get(writer.id)!;
    expect(batch.results[0]).toMatchObject({ nickname: hostile, errorInfo: `gateway said ${hostile}` });
    const exported = batchesToJson([batch]);
    expect(exported).not.toMatch(/[\u0080-\u009f\u200b-\u200f\u2028-\u202e\u007f]/);
    expect(JSON.parse(exported)).toEqual([{ ...batch, outcome: 'finished-with-failures' }]);
  });

  it('retention reads only the end of older journals and keeps what it cannot read', async () => {
    const { history, dir } = freshHistory(1);
    const kept = history.begin(header, ['@RBT#k']);
    finish(kept, 'completed', [result('@RBT#k', 'failed', 10008, 'refused')]);
    const done = history.begin(header, ['@RBT#d']);
    finish(done, 'completed', [result('@RBT#d', 'deleted')]);
    const torn = history.begin(header, ['@RBT#t']);
    finish(torn, 'completed', [result('@RBT#t', 'deleted')]);
    appendFileSync(join(dir, 'history', `${torn.id}.jsonl`), '{"type":"outc'); // a torn line after its end: still finished
    const open = history.begin(header, ['@RBT#o']); // no end record: unfinished work
    open.close();
    const garbage = '20260101T000000000Z-badbad';
    writeFileSync(join(dir, 'history', `${garbage}.jsonl`), '\u0000garbage');
    const newest = history.begin(header, ['@RBT#n']);
    expect(await history.prune(newest.id)).toBe(2);
    expect(history.ids().sort()).toEqual([kept.id, open.id, garbage, newest.id].sort());
  });

  it('records the signal that ended a batch', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a']);
    finish(writer, 'cancelled', [result('@RBT#a', 'deleted')], 'SIGTERM');
    expect(history.get(writer.id)).toMatchObject({ status: 'cancelled', signal: 'SIGTERM' });
  });

  it('leaves no half-made batch when the plan cannot be written, and throws the cause', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const { history } = freshHistory(undefined, {
      fs: {
        ...nodeFs,
        writeSync: () => {
          throw full;
        },
      },
    });
    expect(() => history.begin(header, ['@RBT#a'])).toThrow(full);
    expect(history.ids()).toEqual([]);
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
    finish(writer, 'completed', results);
    const csv = batchesToCsv(history.list());
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'batch_id,started_at,finished_at,batch_status,target,sdkappid,identifier,account,status,error_code,error_info,attempts,gateway,batch_outcome',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',@RBT#a,deleted,,,1,https://adminapisgp.im.qcloud.com,finished with failures');
    expect(lines[2]).toContain(`,@RBT#b,failed,10004,"'=HYPERLINK(""x""), bad",1`);
    expect(lines[1]).toContain('Singapore (adminapisgp.im.qcloud.com)');
  });

  it('writes JSON that reads back as the same batches', () => {
    const { history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a']);
    finish(writer, 'completed', [result('@RBT#a', 'deleted')]);
    expect(history.list()[0]!.results[0]!.status).toBe('deleted');
    // The stored status stays; the outcome's code goes beside it.
    expect(JSON.parse(batchesToJson(history.list()))).toEqual(history.list().map((batch) => ({ ...batch, outcome: 'finished' })));
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

describe('another user’s journal', () => {
  it.runIf(process.platform !== 'win32' && process.getuid?.() === 0)(
    'is never read, retried or cleared: it is listed as damaged, saying whose it is',
    () => {
      const { history, dir } = freshHistory();
      const writer = history.begin(header, ['@RBT#a']);
      finish(writer, 'completed', [result('@RBT#a', 'failed')]);
      nodeFs.chownSync(join(dir, 'history', `${writer.id}.jsonl`), 65534, 65534);
      const scan = history.scan();
      expect(scan.batches).toEqual([]);
      expect(scan.damaged).toEqual([{ id: writer.id, problem: expect.stringMatching(/belongs to user 65534, not to you/) }]);
      expect(history.clear()).toEqual({ removed: 0, running: [] });
      expect(readdirSync(join(dir, 'history'))).toContain(`${writer.id}.jsonl`);
    },
  );
});

describe('profiles saved before deletion, and re-creations', () => {
  const saved = { nickname: 'Support bot 1', faceUrl: 'https://a.example/1.png', signature: 'hi\u202e' };

  it('reads each account’s snapshot (a profile, or missing with why) and takes its nickname from it', () => {
    const { history } = freshHistory();
    const writer = history.begin({ ...header, nicknames: { '@RBT#a': 'seen', '@RBT#c': 'seen c' } }, ['@RBT#a', '@RBT#b', '@RBT#c']);
    writer.snapshot({ profiles: { '@RBT#a': saved }, missing: { '@RBT#b': 'portrait_get failed: internal error' } });
    finish(writer, 'completed', [result('@RBT#a', 'deleted'), result('@RBT#b', 'deleted'), result('@RBT#c', 'deleted')]);
    const [a, b, c] = history.get(writer.id)!.results;
    expect(a).toMatchObject({ nickname: 'Support bot 1', snapshot: { profile: saved } });
    expect(b).toMatchObject({ snapshot: { missing: 'portrait_get failed: internal error' } });
    expect(b!.nickname).toBeUndefined();
    // No snapshot of c (turned off, or an older batch): the nickname the user saw, and no snapshot at all.
    expect(c).toMatchObject({ nickname: 'seen c' });
    expect(c!.snapshot).toBeUndefined();
    expect(history.get(writer.id)!.kind).toBe('delete');
  });

  it('ignores a garbled snapshot entry rather than inventing a profile', () => {
    const { dir, history } = freshHistory();
    const writer = history.begin(header, ['@RBT#a', '@RBT#b']);
    finish(writer, 'completed', [result('@RBT#a', 'deleted'), result('@RBT#b', 'deleted')]);
    const file = join(dir, 'history', `${writer.id}.jsonl`);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(
      1,
      0,
      JSON.stringify({ type: 'snapshot', at: 'x', profiles: { '@RBT#a': { nickname: 5 }, '@RBT#b': saved }, missing: {} }),
    );
    writeFileSync(file, lines.join('\n'));
    const [a, b] = history.get(writer.id)!.results;
    expect(a!.snapshot).toBeUndefined();
    expect(b!.snapshot).toEqual({ profile: saved });
  });

  it('links a re-creation and its retry to the deletion they undo, both ways', () => {
    const { history } = freshHistory();
    const deletion = history.begin(header, ['@RBT#a']);
    finish(deletion, 'completed', [result('@RBT#a', 'deleted')]);
    const other = history.begin(header, ['@RBT#z']);
    finish(other, 'completed', [result('@RBT#z', 'deleted')]);
    const recreation = history.begin({ ...header, kind: 'recreate', undoes: deletion.id, profiles: { '@RBT#a': saved } }, [
      '@RBT#a',
      '@RBT#b',
    ]);
    finish(recreation, 'completed', [{ ...result('@RBT#a', 'deleted'), status: 'recreated' }, result('@RBT#b', 'failed', 10008, 'quota')]);
    const retry = history.begin({ ...header, kind: 'recreate', undoes: deletion.id, retryOf: recreation.id }, ['@RBT#b']);
    finish(retry, 'completed', [{ ...result('@RBT#b', 'deleted'), status: 'recreated' }]);

    const read = history.get(recreation.id)!;
    expect(read).toMatchObject({ kind: 'recreate', undoes: deletion.id, summary: { recreated: 1, failed: 1 } });
    expect(read.results[0]!.snapshot).toEqual({ profile: saved });
    expect(read.results[1]!.snapshot).toEqual({ missing: 'no profile was saved before its deletion' });
    expect(history.get(deletion.id)!.undoneBy).toEqual([recreation.id, retry.id]);
    expect(history.get(other.id)!.undoneBy).toBeUndefined();
    const listed = new Map(history.list().map((batch) => [batch.id, batch]));
    expect(listed.get(deletion.id)!.undoneBy).toEqual([recreation.id, retry.id]);
    expect(listed.get(retry.id)).toMatchObject({ kind: 'recreate', undoes: deletion.id, retryOf: recreation.id });
  });
});
