// Where a command's accounts come from: its arguments and --file (a path, or - for stdin), read as text for the use
// cases to check. Input is whole or refused: a pipe's last line without its newline may be cut short, and a FIFO,
// socket or device is never opened for reading (its writer may never come); every read gives up when a signal arrives.
import { constants, fstatSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import type { AccountSource } from '../core/usecases/index.js';
import { InputCancelled, MAX_INPUT_BYTES, readAll, UsageError, type CliIo } from './io.js';

export async function accountSources(args: readonly string[], file: string | undefined, io: CliIo): Promise<AccountSource[]> {
  const sources: AccountSource[] = [];
  if (args.length) sources.push({ kind: 'arguments', name: 'arguments', text: args.join('\n') });
  if (file === '-') {
    const text = await readAll(io.stdin, { signal: io.interrupted, what: 'stdin' });
    if (!isRegularFile(io.stdin)) refuseCutShort(text);
    sources.push({ kind: 'file', name: 'stdin', text });
  } else if (file !== undefined) sources.push({ kind: 'file', name: file, text: await readRegularFile(file, io.interrupted) });
  return sources;
}

/**
 * A producer killed mid-line leaves a prefix of an account (`@RBT#b0001` of `@RBT#b00012`) as the last line, which is
 * valid and would be deleted. From a pipe, a last line without its newline is refused.
 */
function refuseCutShort(text: string): void {
  if (text === '' || /[\n\r]$/.test(text)) return;
  const lines = text.split(/\r\n|\n|\r/);
  const last = lines[lines.length - 1]!;
  if (last.trim() === '') return;
  throw new UsageError(
    `stdin line ${lines.length} (${JSON.stringify(escapeUnsafe(last.trim().slice(0, 64)))}) does not end with a newline: ` +
      'the input may have been cut short (its producer stopped mid-line), so nothing was sent. End every line with a newline.',
  );
}

/** Whether a stream reads a regular file (stdin redirected from one), which cannot be cut short by its producer. */
function isRegularFile(stream: object): boolean {
  const fd = (stream as { fd?: unknown }).fd;
  try {
    return typeof fd === 'number' && fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/** A regular file's text. A FIFO, socket or device is refused without blocking: it is opened non-blocking and checked first. */
async function readRegularFile(path: string, signal: AbortSignal): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    const first = await stat(path);
    if (!first.isFile() && !first.isDirectory()) refuseKind(path, first);
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read --file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
  try {
    // Checked again on the open file: it may have been swapped since.
    const opened = await handle.stat();
    if (opened.isDirectory()) throw new UsageError(`cannot read --file ${path}: it is a folder`);
    if (!opened.isFile()) refuseKind(path, opened);
    if (opened.size > MAX_INPUT_BYTES) throw new UsageError(`--file ${path} holds more than ${MAX_INPUT_BYTES >> 20} MB; nothing was sent`);
    return await handle.readFile({ encoding: 'utf8', signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      const reason: unknown = signal.reason;
      throw new InputCancelled(typeof reason === 'string' ? reason : null);
    }
    throw error;
  } finally {
    await handle.close().catch(() => {});
  }
}

function refuseKind(path: string, stat: Stats): never {
  throw new UsageError(
    `cannot read --file ${path}: it is ${kindOf(stat)}, not a regular file (its writer may never come, or never stop); ` +
      'to read from a pipe, use --file - and pipe it in',
  );
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
