#!/usr/bin/env node
// `npm start`: opens the desktop app, building only what changed; without an Electron binary it says at once what is
// missing, how to get it, and how to use the same UI in a browser meanwhile.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Electron binary's path, or null when the electron package was installed without it. */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function missingElectronMessage(env = process.env) {
  const skipped = env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return [
    'botsweep: cannot start the desktop app: the Electron binary is not installed (node_modules/electron has no dist/ folder).',
    skipped
      ? `  ELECTRON_SKIP_BINARY_DOWNLOAD=${skipped} is set in this shell, so installs skip it.`
      : '  The install skipped it (ELECTRON_SKIP_BINARY_DOWNLOAD) or could not download it.',
    'To install it (a download of about 100 MB from GitHub), without ELECTRON_SKIP_BINARY_DOWNLOAD set:',
    `  ${skipped ? 'unset ELECTRON_SKIP_BINARY_DOWNLOAD; ' : ''}npm rebuild electron   (or remove node_modules and run "npm i" again)`,
    'To use the same UI now, in a browser, with a sandbox gateway and demo bots:',
    '  npm run web -- --demo',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const electron = electronBinary();
  if (!electron) {
    process.stderr.write(missingElectronMessage());
    process.exit(1);
  }
  try {
    build(undefined, { ifStale: true });
  } catch (error) {
    process.stderr.write(`botsweep: ${error.message}\n`);
    process.exit(1);
  }
  const app = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
