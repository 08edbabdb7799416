// What a CLI command may touch: its streams, environment and clock, plus optional stand-ins (fetch, keychain, clock, data
// folder) for tests, which drive the CLI in-process with runCli; each stand-in defaults to the real one.
import type { Readable, Writable } from 'node:stream';
import { escapeUnsafeKeepLines } from '../../shared/unsafe-text.js';
import type { Clock } from '../core/clock.js';
import type { FetchLike } from '../core/tim/gateway.js';
import type { KeychainBackend } from '../core/vault.js';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  /** Fires on Ctrl-C (SIGINT), SIGTERM or SIGHUP; its reason names the signal. */
  readonly interrupted: AbortSignal;
  /** Gateway HTTP calls; default the global fetch. */
  readonly fetch?: FetchLike;
  /** The OS keychain for profiles' secret keys; default @napi-rs/keyring (osKeychain). */
  readonly keychain?: () => Promise<KeychainBackend>;
  /** Waits between gateway calls (rate limit, retry backoff); default the system clock. */
  readonly clock?: Clock;
  /** The folder with profiles and history; default BOTSWEEP_HOME or the per-user app data folder. */
  readonly dataDir?: string;
}

/** A problem with the command line or its input: exit code 2, nothing sent. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export { EXIT, SIGNAL_EXIT_CODES, signalExitCode, type CancelSignal } from '../core/usecases/exit-codes.js';

/**
 * Writes one line (or several). Control, invisible and bidi characters are escaped as \uXXXX, so no text from
 * outside (the gateway, a file, the journal) can move the cursor, colour a forged line or write the clipboard;
 * in JSON output that escape is valid JSON for the same character.
 */
export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${escapeUnsafeKeepLines(text)}\n`);
}

/** Parses a whole positive number from a flag, or throws a UsageError naming the flag. */
export function positiveInt(flag: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${flag} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${flag} takes a whole number greater than 0 (got "${value}")`);
  }
  return Number(value);
}

export function nonNegativeInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${flag} takes a whole number of 0 or more (got "${value}")`);
  }
  return Number(value);
}

export function requiredText(flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${flag} is required`);
  return value.trim();
}

/** Reading the input was cut short by a signal (Ctrl-C, SIGTERM, SIGHUP): nothing was sent. */
export class InputCancelled extends Error {
  override readonly name = 'InputCancelled';
  constructor(readonly signal: string | null) {
    super('cancelled while reading the input; nothing was sent');
  }
}

/** The most input a command reads (about 500,000 accounts); more is refused rather than read without end. */
export const MAX_INPUT_BYTES = 16 << 20;

/**
 * Reads all of a stream as UTF-8: refused (a UsageError naming `what`) past `maxBytes`, and given up at once when
 * `signal` fires, so a pipe or FIFO whose writer never comes never holds the command.
 */
export function readAll(stream: Readable, options: { signal?: AbortSignal; maxBytes?: number; what?: string } = {}): Promise<string> {
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | null, text?: string) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
      if (!error) return resolve(text!);
      stream.pause();
      stream.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > max) return finish(new UsageError(`${options.what ?? 'the input'} holds more than ${max >> 20} MB; nothing was sent`));
      chunks.push(buffer);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error) => finish(new UsageError(`cannot read ${options.what ?? 'the input'}: ${error.message}`));
    const onAbort = () => {
      const reason: unknown = options.signal?.reason;
      finish(new InputCancelled(typeof reason === 'string' ? reason : null));
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
