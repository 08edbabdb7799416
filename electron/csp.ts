// The renderer's Content Security Policy: only the exact scripts the build sealed (by hash: the entry, the import map
// and each chunk loaded on demand), styles from the app, no eval, and no network at all — except, in the web host,
// calls back to the host that served the page.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function contentSecurityPolicy(scriptHashes: readonly string[], connect: "'none'" | "'self'"): string {
  const scripts = scriptHashes.length ? scriptHashes.map((hash) => `'${hash}'`).join(' ') : "'none'";
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The hashes the renderer build sealed its scripts with (dist/renderer/csp-hashes.json); none when unbuilt. */
export function rendererScriptHashes(rendererDir: string): string[] {
  try {
    const hashes = JSON.parse(readFileSync(join(rendererDir, 'csp-hashes.json'), 'utf8')) as unknown;
    return Array.isArray(hashes)
      ? hashes.filter((hash): hash is string => typeof hash === 'string' && /^sha(256|384|512)-[A-Za-z0-9+/=]+$/.test(hash))
      : [];
  } catch {
    return [];
  }
}

export function sriHash(content: Buffer | string): string {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}
