// Where a command's accounts come from: its arguments and --file (a path, or - for stdin), read as text for the use
// cases to check; a file that cannot be read is named with the reason.
import { readFile } from 'node:fs/promises';
import type { AccountSource } from '../core/usecases/index.js';
import { readAll, UsageError, type CliIo } from './io.js';

export async function accountSources(args: readonly string[], file: string | undefined, io: CliIo): Promise<AccountSource[]> {
  const sources: AccountSource[] = [];
  if (args.length) sources.push({ kind: 'arguments', name: 'arguments', text: args.join('\n') });
  if (file === undefined) return sources;
  if (file === '-') return [...sources, { kind: 'file', name: 'stdin', text: await readAll(io.stdin) }];
  try {
    return [...sources, { kind: 'file', name: file, text: await readFile(file, 'utf8') }];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read --file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
}
