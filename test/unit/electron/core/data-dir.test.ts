// Where the data lives, and whether it is the user's own: a folder others can write to, or another user's, is refused.
import { chmodSync, mkdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, dataDirProblem } from '../../../../electron/core/data-dir.js';
import { tempHome } from '../../../helpers/cli.js';

describe('the data folder', () => {
  it('is BOTSWEEP_HOME, else the per-user folder Electron uses', () => {
    expect(dataDir({ BOTSWEEP_HOME: '/srv/bs' }, 'linux', '/home/a')).toBe('/srv/bs');
    expect(dataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/Botsweep');
    expect(dataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/Botsweep');
    expect(dataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Botsweep');
  });

  it.runIf(process.platform !== 'win32')('is refused when its group or others can write to it, or its history or locks', () => {
    const dir = tempHome('botsweep-datadir-');
    expect(dataDirProblem(dir)).toBeNull();
    mkdirSync(join(dir, 'history'), { mode: 0o700 });
    chmodSync(join(dir, 'history'), 0o777);
    expect(dataDirProblem(dir)).toMatchObject({
      path: join(dir, 'history'),
      reason: expect.stringMatching(/mode 777/),
      fix: expect.stringMatching(/chmod go-w/),
    });
    chmodSync(join(dir, 'history'), 0o755); // readable by others is fine: nobody else can plant a file
    expect(dataDirProblem(dir)).toBeNull();
    chmodSync(dir, 0o770);
    expect(dataDirProblem(dir)).toMatchObject({ path: dir });
  });

  it('is refused when it belongs to another user; Windows is left to the OS', () => {
    const stat = () => ({ uid: 0, mode: 0o40700 }) as Stats;
    expect(dataDirProblem('/d', { uid: 1000, stat, platform: 'linux' })).toMatchObject({
      reason: expect.stringMatching(/belongs to user 0/),
    });
    expect(dataDirProblem('/d', { uid: 0, stat, platform: 'linux' })).toBeNull();
    expect(dataDirProblem('/d', { uid: 1000, stat, platform: 'win32' })).toBeNull();
  });
});
