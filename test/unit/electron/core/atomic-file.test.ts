// writeFileAtomic and ensureDir in a temp folder: readers see the old or the new content, never half of it; nothing
// is left behind when a step fails; durable writes are synced; a folder's error names the real cause.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** Faults to inject into node:fs, and the syncs seen. */
const fsWatch = vi.hoisted(() => ({ failWrite: null as Error | null, failFsync: null as Error | null, fsyncs: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: ((...args: Parameters<typeof real.writeSync>) => {
      if (fsWatch.failWrite) throw fsWatch.failWrite;
      return real.writeSync(...args);
    }) as typeof real.writeSync,
    fsyncSync: (fd: number) => {
      fsWatch.fsyncs++;
      if (fsWatch.failFsync) throw fsWatch.failFsync;
      real.fsyncSync(fd);
    },
  };
});

// The unit tier shares modules across files: atomic-file.ts may already be loaded with the real node:fs. Load it afresh,
// so it imports the mock above.
let ensureDir: typeof import('../../../../electron/core/atomic-file.js').ensureDir;
let writeFileAtomic: typeof import('../../../../electron/core/atomic-file.js').writeFileAtomic;
beforeAll(async () => {
  vi.resetModules();
  ({ ensureDir, writeFileAtomic } = await import('../../../../electron/core/atomic-file.js'));
});
// And leave the files after this one a module that writes through the real node:fs.
afterAll(() => {
  vi.doUnmock('node:fs');
  vi.resetModules();
});

const errno = (code: string, message = code): NodeJS.ErrnoException => Object.assign(new Error(message), { code });
const posix = process.platform !== 'win32';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'botsweep-atomic-'));
  Object.assign(fsWatch, { failWrite: null, failFsync: null, fsyncs: 0 });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the content, readable only by the owner by default', () => {
    const path = join(dir, 'settings.json');
    writeFileAtomic(path, '{"a":1}');
    expect(fs.readFileSync(path, 'utf8')).toBe('{"a":1}');
    if (posix) expect(fs.statSync(path).mode & 0o777).toBe(0o600);
  });

  it.runIf(posix)('gives the file the mode asked for', () => {
    const path = join(dir, 'shared.txt');
    writeFileAtomic(path, 'x', 0o640);
    expect(fs.statSync(path).mode & 0o777).toBe(0o640);
  });

  it('replaces an existing file whole, leaving no temp file beside it', () => {
    const path = join(dir, 'profiles.json');
    fs.writeFileSync(path, 'old content, longer than the new');
    writeFileAtomic(path, 'new');
    expect(fs.readFileSync(path, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['profiles.json']);
  });

  it('writes UTF-8 text as given', () => {
    const path = join(dir, 'names.txt');
    writeFileAtomic(path, 'Zoë — 机器人\n');
    expect(fs.readFileSync(path, 'utf8')).toBe('Zoë — 机器人\n');
  });

  it.runIf(posix)('creates the missing folders on the way, owner-only', () => {
    const path = join(dir, 'a', 'b', 'file.txt');
    writeFileAtomic(path, 'deep');
    expect(fs.readFileSync(path, 'utf8')).toBe('deep');
    expect(fs.statSync(join(dir, 'a', 'b')).mode & 0o777).toBe(0o700);
  });

  it('syncs the file and, off Windows, its folder when durable; neither when not', () => {
    writeFileAtomic(join(dir, 'durable.txt'), 'x');
    expect(fsWatch.fsyncs).toBe(posix ? 2 : 1);
    fsWatch.fsyncs = 0;
    writeFileAtomic(join(dir, 'lock'), 'pid 1', 0o600, false);
    expect(fsWatch.fsyncs).toBe(0);
    expect(fs.readFileSync(join(dir, 'lock'), 'utf8')).toBe('pid 1');
  });

  it.each([
    ['the write fails (disk full)', () => (fsWatch.failWrite = errno('ENOSPC', 'ENOSPC: no space left on device'))],
    ['the sync fails (I/O error)', () => (fsWatch.failFsync = errno('EIO', 'EIO: i/o error'))],
  ])('when %s: throws that error, keeps the old content, leaves no temp file', (_case, fault) => {
    const path = join(dir, 'journal.jsonl');
    fs.writeFileSync(path, 'old');
    const error = fault();
    expect(() => writeFileAtomic(path, 'new')).toThrow(error);
    expect(fs.readFileSync(path, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['journal.jsonl']);
  });

  it('when the rename fails (a folder in the way): throws and leaves no temp file', () => {
    const path = join(dir, 'taken');
    fs.mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(path, 'new')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readdirSync(path)).toEqual(['inside']);
  });

  it('when the folder cannot be made (a file in the way): throws, and nothing is written', () => {
    fs.writeFileSync(join(dir, 'blocker'), 'a file');
    expect(() => writeFileAtomic(join(dir, 'blocker', 'file.txt'), 'x')).toThrow(/ENOTDIR|ENOENT/);
    expect(fs.readFileSync(join(dir, 'blocker'), 'utf8')).toBe('a file');
  });
});

describe('ensureDir', () => {
  it('creates a folder and its parents', () => {
    const target = join(dir, 'x', 'y', 'z');
    ensureDir(target);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('accepts a folder that is already there, leaving what it holds', () => {
    fs.writeFileSync(join(dir, 'kept.txt'), 'kept');
    ensureDir(dir);
    expect(fs.readdirSync(dir)).toEqual(['kept.txt']);
  });

  // A scripted mkdir: each call's answer in turn (an error to throw, or undefined for success).
  function scriptedMkdir(...answers: (NodeJS.ErrnoException | undefined)[]) {
    const calls: [string, fs.MakeDirectoryOptions][] = [];
    const mkdir = ((path: string, options: fs.MakeDirectoryOptions) => {
      calls.push([path, options]);
      const answer = answers.shift();
      if (answer) throw answer;
      return undefined;
    }) as typeof fs.mkdirSync;
    return { mkdir, calls };
  }

  it.each([
    ['the folder was made', [undefined], null, [{ mode: 0o700 }]],
    ['it was already there (EEXIST)', [errno('EEXIST')], null, [{ mode: 0o700 }]],
    [
      'a parent is missing (ENOENT): then made with its parents',
      [errno('ENOENT'), undefined],
      null,
      [{ mode: 0o700 }, { recursive: true, mode: 0o700 }],
    ],
    ['read-only disk (EROFS): that error, not the recursive one’s ENOENT', [errno('EROFS'), errno('ENOENT')], 'EROFS', [{ mode: 0o700 }]],
    ['no permission (EACCES): that error', [errno('EACCES')], 'EACCES', [{ mode: 0o700 }]],
    [
      'a parent is missing and cannot be made: the recursive one’s error',
      [errno('ENOENT'), errno('EACCES')],
      'EACCES',
      [{ mode: 0o700 }, { recursive: true, mode: 0o700 }],
    ],
  ] as const)('when %s', (_case, answers, thrown, options) => {
    const { mkdir, calls } = scriptedMkdir(...answers);
    if (thrown) expect(() => ensureDir('/data/botsweep', mkdir)).toThrow(thrown);
    else ensureDir('/data/botsweep', mkdir);
    expect(calls).toEqual(options.map((option) => ['/data/botsweep', option]));
  });
});
