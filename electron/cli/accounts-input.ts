// Collects the accounts for a batch from arguments and --file (a path or - for stdin), all validated before anything is
// sent. Input is whole or refused: a pipe's last line without its newline may be cut short, and a FIFO, socket or
// device is never opened for reading (its writer may never come); every read gives up when a signal arrives.
import { constants, fstatSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { describeInvalidAccounts, parseAccountList } from '../../shared/accounts.js';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import { InputCancelled, MAX_INPUT_BYTES, readAll, UsageError, type CliIo } from './io.js';

export interface AccountsInput {
  readonly accounts: string[];
  readonly duplicates: number;
}

interface Source {
  readonly label: (line: number) => string;
  readonly text: string;
  /** A stream that may have been cut short (stdin that is not a regular file): its last line must end with a newline. */
  readonly mayBeCut: boolean;
}

export async function readAccounts(args: readonly string[], file: string | undefined, io: CliIo): Promise<AccountsInput> {
  const sources: Source[] = [];
  if (args.length) sources.push({ label: (line) => `argument ${line}`, text: args.join('\n'), mayBeCut: false });
  if (file === '-') {
    const text = await readAll(io.stdin, { signal: io.interrupted, what: 'stdin' });
    sources.push({ label: (line) => `stdin line ${line}`, text, mayBeCut: !isRegularFile(io.stdin) });
  } else if (file !== undefined) {
    sources.push({ label: (line) => `${file} line ${line}`, text: await readRegularFile(file, io.interrupted), mayBeCut: false });
  }
  if (!sources.length) throw new UsageError('no accounts given: name them as arguments, or use --file PATH (or --file - for stdin)');

  const seen = new Set<string>();
  const accounts: string[] = [];
  const problems: string[] = [];
  let duplicates = 0;
  for (const source of sources) {
    if (source.mayBeCut) refuseCutShort(source);
    const parsed = parseAccountList(source.text);
    duplicates += parsed.duplicates;
    problems.push(...describeInvalidAccounts(parsed.invalid, source.label));
    for (const account of parsed.accounts) {
      if (seen.has(account)) {
        duplicates++;
      } else {
        seen.add(account);
        accounts.push(account);
      }
    }
  }
  if (problems.length) {
    const lines = problems.map((line) => `  ${line}`).join('\n');
    throw new UsageError(`${problems.length} invalid account${problems.length === 1 ? '' : 's'}; nothing was sent:\n${lines}`);
  }
  if (!accounts.length) throw new UsageError('the input holds no accounts');
  return { accounts, duplicates };
}

/**
 * A producer killed mid-line leaves a prefix of an account (`@RBT#b0001` of `@RBT#b00012`) as the last line, which is
 * valid and would be deleted. From a pipe, a last line without its newline is refused.
 */
function refuseCutShort(source: Source): void {
  if (source.text === '' || /[\n\r]$/.test(source.text)) return;
  const lines = source.text.split(/\r\n|\n|\r/);
  const last = lines[lines.length - 1]!;
  if (last.trim() === '') return;
  throw new UsageError(
    `${source.label(lines.length)} (${JSON.stringify(escapeUnsafe(last.trim().slice(0, 64)))}) does not end with a newline: ` +
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
