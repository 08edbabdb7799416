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

/** Reads all of a stream as UTF-8. */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
