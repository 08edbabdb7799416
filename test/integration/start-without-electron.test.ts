// `npm start` (scripts/start.mjs) without an Electron binary: a prompt non-zero exit that says what is missing and the way on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnv, spawnNode } from '../helpers/spawn-cli.js';

let empty: string | undefined;
afterEach(() => {
  if (empty) rmSync(empty, { recursive: true, force: true });
  empty = undefined;
});

describe('npm start without the Electron binary', () => {
  it.each([
    ['the install skipped it', { ELECTRON_SKIP_BINARY_DOWNLOAD: undefined }, /The install skipped it/],
    ['ELECTRON_SKIP_BINARY_DOWNLOAD is still set', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, /unset ELECTRON_SKIP_BINARY_DOWNLOAD/],
  ])('exits 1 at once naming the missing binary, how to install it and npm run web -- --demo (%s)', async (_case, extra, hint) => {
    // ELECTRON_OVERRIDE_DIST_PATH pointing at an empty folder: no binary, whether or not this machine has one.
    empty = mkdtempSync(join(tmpdir(), 'botsweep-no-electron-'));
    const run = await spawnNode('scripts/start.mjs', [], {
      env: childEnv({ ELECTRON_OVERRIDE_DIST_PATH: empty, ...extra }),
      timeoutMs: 20_000,
    }).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the Electron binary is not installed/);
    expect(run.stderr).toMatch(/npm rebuild electron/);
    expect(run.stderr).toMatch(hint);
    expect(run.stderr).toContain('npm run web -- --demo');
    expect(run.stdout).toBe('');
  });
});
