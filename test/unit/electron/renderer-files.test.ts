// readRendererFile over a temp renderer folder: a request path finds its file with the right type, `/` is
// index.html, and nothing outside the folder (however the path is spelled) or of an unknown type is ever served.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRendererFile } from '../../../electron/renderer-files.js';

let parent: string;
let root: string;
const files: Record<string, string> = {
  'index.html': '<!doctype html>',
  'assets/app.js': 'console.log(1)',
  'assets/app.css': 'body{}',
  'icon.svg': '<svg/>',
  'icon.png': 'png',
  'favicon.ico': 'ico',
  'fonts/inter.woff2': 'woff2',
  'locales/en.json': '{}',
  'notes.txt': 'not served',
  'UPPER.JS': 'upper case extension',
  'a space.js': 'spaced',
};

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'botsweep-renderer-'));
  root = join(parent, 'renderer');
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  // Beside the folder: one with the same name and more (renderer-old), and a secret one level up.
  mkdirSync(join(parent, 'renderer-old'));
  writeFileSync(join(parent, 'renderer-old', 'app.js'), 'old');
  writeFileSync(join(parent, 'secret.json'), '{"key":"never served"}');
  mkdirSync(join(root, 'folder.js'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('readRendererFile', () => {
  it('finds the same files when the folder is given with a trailing separator', async () => {
    expect((await readRendererFile(`${root}/`, '/assets/app.js'))?.body.toString()).toBe('console.log(1)');
    expect(await readRendererFile(`${root}/`, '/../secret.json')).toBeNull();
  });

  it.each([
    ['/ is index.html', '/', 'index.html', 'text/html; charset=utf-8'],
    ['an empty path is index.html', '', 'index.html', 'text/html; charset=utf-8'],
    ['index.html by name', '/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['a script', '/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['a style sheet', '/assets/app.css', 'assets/app.css', 'text/css; charset=utf-8'],
    ['an SVG', '/icon.svg', 'icon.svg', 'image/svg+xml'],
    ['a PNG', '/icon.png', 'icon.png', 'image/png'],
    ['an icon', '/favicon.ico', 'favicon.ico', 'image/x-icon'],
    ['a font', '/fonts/inter.woff2', 'fonts/inter.woff2', 'font/woff2'],
    ['a JSON file', '/locales/en.json', 'locales/en.json', 'application/json'],
    ['the query is not part of the path', '/assets/app.js?v=3', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['the fragment is not part of the path', '/assets/app.js#top', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['/?x is index.html', '/?x=1', 'index.html', 'text/html; charset=utf-8'],
    ['an escaped path is decoded', '/assets/%61pp.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['an escaped space', '/a%20space.js', 'a space.js', 'text/javascript; charset=utf-8'],
    ['a "..” that stays inside', '/assets/../index.html', 'index.html', 'text/html; charset=utf-8'],
  ])('%s', async (_case, urlPath, file, mimeType) => {
    const found = await readRendererFile(root, urlPath);
    expect(found?.mimeType).toBe(mimeType);
    expect(found?.body.toString('utf8')).toBe(files[file]);
  });

  it.each([
    ['a file that is not there', '/missing.js'],
    ['a type it does not serve', '/notes.txt'],
    ['no extension', '/assets'],
    ['an extension in capitals', '/UPPER.JS'],
    ['a folder with a served extension', '/folder.js'],
    ['the folder itself', '/.'],
    ['the parent folder', '/../secret.json'],
    ['the parent folder, escaped', '/%2e%2e/secret.json'],
    ['the parent folder, its slash escaped', '/..%2fsecret.json'],
    ['the parent folder, by a backslash', '/..\\secret.json'],
    ['deeper, then out', '/assets/../../secret.json'],
    ['a folder beside it whose name starts the same', '/../renderer-old/app.js'],
    ['an escape that is not UTF-8', '/%E0%A4%A.js'],
    ['a lone %', '/%.js'],
    ['a NUL byte', '/index.html%00.js'],
  ])('serves nothing for %s', async (_case, urlPath) => {
    expect(await readRendererFile(root, urlPath)).toBeNull();
  });

  // A Windows path has a drive letter, which no folder name may hold.
  it.runIf(process.platform !== 'win32')(
    'never serves a file outside by its absolute path: the path is taken inside the folder',
    async () => {
      expect(await readRendererFile(root, join(parent, 'secret.json'))).toBeNull();
      mkdirSync(join(root, parent), { recursive: true });
      writeFileSync(join(root, parent, 'secret.json'), '"the copy inside"');
      expect((await readRendererFile(root, join(parent, 'secret.json')))?.body.toString()).toBe('"the copy inside"');
    },
  );
});
