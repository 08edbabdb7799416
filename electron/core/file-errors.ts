// Words for a failed file operation: what went wrong with the disk, never a stack trace.

const MEANINGS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'an input/output error',
  EISDIR: 'a folder is in the way',
  ENOTDIR: 'a file is in the way',
  EMFILE: 'too many open files',
  ENOENT: 'the folder is missing',
};

/** "the disk is full (ENOSPC)" — with the path when the error names one. */
export function describeFileError(error: unknown): string {
  const { code, path } = (error ?? {}) as { code?: string; path?: string };
  const meaning = code ? (MEANINGS[code] ?? (error as Error).message) : error instanceof Error ? error.message : String(error);
  return `${meaning}${code ? ` (${code})` : ''}${path ? ` at ${path}` : ''}`;
}
