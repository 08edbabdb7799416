// Finds the built renderer's files for a request path, refusing anything outside its folder.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface RendererFile {
  readonly body: Buffer;
  readonly mimeType: string;
}

/** The file for `/path` under `root`, `/` meaning index.html; null when absent or outside the folder. */
export async function readRendererFile(root: string, urlPath: string): Promise<RendererFile | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  const full = normalize(join(root, path));
  // The folder with exactly one separator after it, however `root` was written (with a trailing slash or not).
  if (!full.startsWith(normalize(root + sep))) return null;
  const mimeType = MIME[extname(full)];
  if (!mimeType) return null;
  try {
    return { body: await readFile(full), mimeType };
  } catch {
    return null;
  }
}
