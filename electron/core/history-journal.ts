// The journal writer: one append-only JSON-lines file per batch, written ahead of every call (plan, first listing,
// profile snapshot, a marker before each account's first call, outcomes, end), straight to the OS, outside text escaped.
import type * as nodeFs from 'node:fs';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import {
  summarize,
  type AccountResult,
  type BatchKind,
  type BatchStatus,
  type BatchStop,
  type BotProfile,
  type Verification,
} from '../../shared/sweep.js';
import type { Target } from '../../shared/target.js';
import type { ProfilesRead } from './tim/answers.js';
import type { StartListing, SweepJournal } from './sweep/types.js';

export const JOURNAL_VERSION = 2;

/** The file operations a journal needs; tests pass failing ones to play a full disk. */
export type JournalFs = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fdatasyncSync' | 'closeSync' | 'mkdirSync' | 'readdirSync' | 'readFileSync' | 'rmSync'
>;

export interface BatchHeader {
  /** Default `delete`. */
  readonly kind?: BatchKind;
  /** A re-creation's deletion batch. */
  readonly undoes?: string | null;
  readonly target: Target;
  readonly sdkAppId: number;
  readonly identifier: string;
  /** The profile's name when the batch ran (for people) and id (for retry after a rename). */
  readonly profile?: string | null;
  readonly profileId?: string | null;
  readonly retryOf?: string | null;
  /** Nicknames the user saw for the batch's accounts. */
  readonly nicknames?: Readonly<Record<string, string>>;
  /** A re-creation's profile for each account that has one (saved before its deletion); the others are created bare. */
  readonly profiles?: Readonly<Record<string, BotProfile>>;
}

export type BeginRecord = { type: 'begin'; v: number; id: string; startedAt: string; accounts: string[] } & Required<
  Omit<BatchHeader, 'nicknames' | 'profiles' | 'kind' | 'undoes'>
> & { kind?: 'recreate'; undoes?: string; nicknames?: Record<string, string>; profiles?: Record<string, BotProfile> };
/** Part of a deletion's snapshot: profiles fetched before the first deletion, and accounts whose profile is missing. */
export type SnapshotRecord = { type: 'snapshot'; at: string } & ProfilesRead;
export type ListingRecord = { type: 'listing'; at: string } & StartListing;
export type SentRecord = { type: 'sent'; account: string };
export type OutcomeRecord = { type: 'outcome'; at: string } & AccountResult;
export interface BatchEnd {
  readonly status: Exclude<BatchStatus, 'interrupted' | 'running'>;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
  /** The signal that ended it (SIGINT, SIGTERM, SIGHUP), if one did. */
  readonly signal: string | null;
  readonly results: readonly AccountResult[];
}
export type EndRecord = { type: 'end'; finishedAt: string } & Omit<BatchEnd, 'results'> & { summary: ReturnType<typeof summarize> };
export type JournalRecord = BeginRecord | ListingRecord | SnapshotRecord | SentRecord | OutcomeRecord | EndRecord;

/**
 * A record as one line: JSON, with C1 controls, bidi and invisible characters (which JSON leaves raw) escaped as
 * `\uXXXX` too, so `cat`, `less` or an editor shows a nickname or gateway text as it is, never reordered or recoloured.
 */
export function journalLine(record: JournalRecord): string {
  return `${escapeUnsafe(JSON.stringify(record))}\n`;
}

/** An open batch: records the listing, send markers and outcomes as they happen and closes with an end record. */
export class BatchWriter implements SweepJournal {
  private fd: number | null;

  /** Opens the batch's file, which must not exist yet. */
  constructor(
    readonly id: string,
    path: string,
    private readonly now: () => number,
    private readonly fs: JournalFs,
  ) {
    this.fd = fs.openSync(path, 'wx', 0o600);
  }

  /** Written straight to the OS, so a killed process loses nothing it recorded. */
  write(record: JournalRecord, durable = false): void {
    if (this.fd === null) throw new Error(`batch ${this.id} is already closed`);
    const line = Buffer.from(journalLine(record));
    let written = 0;
    while (written < line.length) written += this.fs.writeSync(this.fd, line, written, line.length - written);
    if (durable) this.fs.fdatasyncSync(this.fd);
  }

  classified(listing: StartListing): void {
    this.write({ type: 'listing', at: this.stamp(), ...listing }, true);
  }

  snapshot(taken: ProfilesRead): void {
    this.write({ type: 'snapshot', at: this.stamp(), ...taken });
  }

  sent(account: string): void {
    this.write({ type: 'sent', account });
  }

  outcome(result: AccountResult): void {
    this.write({ type: 'outcome', at: this.stamp(), ...result });
  }

  end({ results, ...end }: BatchEnd): void {
    try {
      this.write({ type: 'end', finishedAt: this.stamp(), ...end, summary: summarize(results) }, true);
    } finally {
      this.close();
    }
  }

  /** Closes without an end record (the batch then reads back as interrupted). */
  close(): void {
    if (this.fd === null) return;
    try {
      this.fs.closeSync(this.fd);
    } catch {
      // Nothing more to lose: every record was written (or reported) already.
    }
    this.fd = null;
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }
}
