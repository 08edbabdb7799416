// Writes a file so that readers see the old or the new content, never half of it: temp file, fsync, rename;
// and creates folders with errors that name the real cause.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder (and its parents). The plain mkdir goes first: its error names the real cause, where a recursive
 * one says ENOENT on a read-only disk.
 */
export function ensureDir(dir: string, mkdir: typeof mkdirSync = mkdirSync): void {
  try {
    mkdir(dir, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT') throw error;
    mkdir(dir, { recursive: true, mode: 0o700 });
  }
}

/**
 * `durable` (the default) also survives a power cut: the file and the rename are synced to disk. Without it, other
 * processes still see the old or the new content, never half (for a lock, which only lives as long as its process).
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600, durable = true): void {
  const dir = dirname(path);
  ensureDir(dir);
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, content);
    if (durable) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // Make the rename itself durable; directories cannot be opened for fsync on Windows.
  if (durable && process.platform !== 'win32') {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
