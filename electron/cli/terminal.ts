// Terminal niceties for the CLI: a yes/no question and a one-line progress bar on stderr.
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { SweepProgress } from '../../shared/sweep.js';
import { escapeUnsafeKeepLines } from '../../shared/unsafe-text.js';
import type { CliIo } from './io.js';

/** Asks on the terminal; true only for an explicit yes. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  return /^(y|yes)$/i.test((await ask(io, `${question} [y/N] `)).trim());
}

/** Asks on the terminal for a line of text ('' when stdin ends). */
export async function ask(io: CliIo, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(escapeUnsafeKeepLines(question), resolve);
      rl.on('close', () => resolve(''));
    });
  } finally {
    rl.close();
  }
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export class ProgressBar {
  private drawn = false;

  constructor(
    private readonly stream: Writable,
    private readonly width = 30,
  ) {}

  update(progress: SweepProgress): void {
    const share = progress.total === 0 ? 1 : progress.done / progress.total;
    const filled = Math.round(share * this.width);
    const eta = progress.etaSeconds === null ? '' : `  ETA ${progress.etaSeconds}s`;
    const failed = progress.failed ? `  ${progress.failed} failed` : '';
    this.stream.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${progress.done}/${progress.total}  ${Math.round(progress.ratePerSecond)}/s${eta}${failed}\u001b[K`,
    );
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

/** Reads a line from the terminal without echoing it (for a secret key). Ctrl-C aborts. */
export function readHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  return new Promise((resolve, reject) => {
    io.stderr.write(prompt);
    let value = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding?.('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}
