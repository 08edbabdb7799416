// The history journal: one append-only JSON-lines file per batch, written ahead of every call (plan, first
// listing, a marker before each account's first call, outcomes, end), read back file by file so damage in one
// never hides the others, with query, clear and a retention that never drops unfinished work.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import {
  ACCOUNT_STATUSES,
  summarize,
  type AccountResult,
  type AccountStatus,
  type BatchRecord,
  type BatchStatus,
  type BatchStop,
  type DamagedBatch,
  type Verification,
} from '../../shared/sweep.js';
import type { Target } from '../../shared/target.js';
import { ensureDir } from './atomic-file.js';
import type { StartListing, SweepJournal } from './sweep/engine.js';

export const DEFAULT_RETENTION = 200;
const FILE_SUFFIX = '.jsonl';
const ID_PATTERN = /^\d{8}T\d{6}\d{3}Z-[0-9a-f]{6}$/;
const JOURNAL_VERSION = 2;
/** Far above any batch (100,000 accounts journal about 25 MB). */
const MAX_JOURNAL_BYTES = 256 << 20;

/** The file operations a journal needs; tests pass failing ones to play a full disk. */
export type JournalFs = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fdatasyncSync' | 'closeSync' | 'mkdirSync' | 'readdirSync' | 'readFileSync' | 'rmSync'
>;

export interface BatchHeader {
  readonly target: Target;
  readonly sdkAppId: number;
  readonly identifier: string;
  /** The profile's name when the batch ran (for people) and id (for retry after a rename). */
  readonly profile?: string | null;
  readonly profileId?: string | null;
  readonly retryOf?: string | null;
  /** Nicknames the user saw for the batch's accounts. */
  readonly nicknames?: Readonly<Record<string, string>>;
}

type BeginRecord = { type: 'begin'; v: number; id: string; startedAt: string; accounts: string[] } & Required<
  Omit<BatchHeader, 'nicknames'>
> & { nicknames?: Record<string, string> };
type ListingRecord = { type: 'listing'; at: string } & StartListing;
type SentRecord = { type: 'sent'; account: string };
type OutcomeRecord = { type: 'outcome'; at: string } & AccountResult;
export interface BatchEnd {
  readonly status: Exclude<BatchStatus, 'interrupted' | 'running'>;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
  /** The signal that ended it (SIGINT, SIGTERM, SIGHUP), if one did. */
  readonly signal: string | null;
  readonly results: readonly AccountResult[];
}
type EndRecord = { type: 'end'; finishedAt: string } & Omit<BatchEnd, 'results'> & { summary: ReturnType<typeof summarize> };
type JournalRecord = BeginRecord | ListingRecord | SentRecord | OutcomeRecord | EndRecord;

/** An open batch: records the listing, send markers and outcomes as they happen and closes with an end record. */
export class BatchWriter implements SweepJournal {
  private fd: number | null;

  constructor(
    readonly id: string,
    private readonly path: string,
    private readonly now: () => number,
    private readonly fs: JournalFs,
  ) {
    this.fd = fs.openSync(path, 'a', 0o600);
  }

  /** Written straight to the OS, so a killed process loses nothing it recorded. */
  write(record: JournalRecord, durable = false): void {
    if (this.fd === null) throw new Error(`batch ${this.id} is already closed`);
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    let written = 0;
    while (written < line.length) written += this.fs.writeSync(this.fd, line, written, line.length - written);
    if (durable) this.fs.fdatasyncSync(this.fd);
  }

  classified(listing: StartListing): void {
    this.write({ type: 'listing', at: this.stamp(), ...listing }, true);
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

export interface HistoryQuery {
  /** Only batches in these states. */
  readonly status?: BatchStatus | readonly BatchStatus[];
  readonly limit?: number;
}

export interface HistoryScan {
  readonly batches: BatchRecord[];
  readonly damaged: DamagedBatch[];
}

/** A batch with what a retry needs beyond its record: whether each account was a chatbot when it started. */
export interface BatchJournalView {
  readonly batch: BatchRecord;
  readonly wasBot: ReadonlyMap<string, boolean>;
}

export interface HistoryOptions {
  readonly now?: () => number;
  readonly retention?: number;
  readonly fs?: JournalFs;
  /** Whether the process that owns a batch without an end record is still running it. */
  readonly isRunning?: (batchId: string) => boolean;
}

export class History {
  readonly dir: string;
  private readonly now: () => number;
  private readonly retention: number;
  private readonly fs: JournalFs;
  private readonly isRunning: (batchId: string) => boolean;

  constructor(dataDir: string, options: HistoryOptions = {}) {
    this.dir = join(dataDir, 'history');
    this.now = options.now ?? Date.now;
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.fs = options.fs ?? nodeFs;
    this.isRunning = options.isRunning ?? (() => false);
  }

  /** Records the header and every planned account durably before the first call, then prunes old batches. */
  begin(header: BatchHeader, accounts: readonly string[]): BatchWriter {
    ensureDir(this.dir, this.fs.mkdirSync);
    const startedAt = this.now();
    const id = newBatchId(startedAt);
    const writer = new BatchWriter(id, this.pathOf(id), this.now, this.fs);
    try {
      writer.write(
        {
          type: 'begin',
          v: JOURNAL_VERSION,
          id,
          startedAt: new Date(startedAt).toISOString(),
          target: header.target,
          sdkAppId: header.sdkAppId,
          identifier: header.identifier,
          profile: header.profile ?? null,
          profileId: header.profileId ?? null,
          retryOf: header.retryOf ?? null,
          ...(header.nicknames && Object.keys(header.nicknames).length ? { nicknames: { ...header.nicknames } } : {}),
          accounts: [...accounts],
        },
        true,
      );
    } catch (error) {
      // A half-written plan is no batch: remove it so it never reads back as damaged work.
      writer.close();
      this.fs.rmSync(this.pathOf(id), { force: true });
      throw error;
    }
    try {
      this.prune(id);
    } catch {
      // Retention is housekeeping: a failure to tidy up never stops a batch.
    }
    return writer;
  }

  /** Batch ids, newest first: every `*.jsonl` whose name is a batch id. */
  ids(): string[] {
    let names: string[];
    try {
      names = this.fs.readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith(FILE_SUFFIX))
      .map((name) => name.slice(0, -FILE_SUFFIX.length))
      .filter((id) => ID_PATTERN.test(id))
      .sort()
      .reverse();
  }

  /** Healthy batches, newest first, and every damaged file found on the way. */
  scan(query: HistoryQuery = {}): HistoryScan {
    const wanted = query.status === undefined ? null : new Set(typeof query.status === 'string' ? [query.status] : query.status);
    const batches: BatchRecord[] = [];
    const damaged: DamagedBatch[] = [];
    for (const id of this.ids()) {
      if (query.limit !== undefined && batches.length >= query.limit) break;
      const read = this.read(id);
      if (!read) continue;
      if ('problem' in read) damaged.push(read);
      else if (!wanted || wanted.has(read.batch.status)) batches.push(read.batch);
    }
    return { batches, damaged };
  }

  list(query: HistoryQuery = {}): BatchRecord[] {
    return this.scan(query).batches;
  }

  /** One batch, or null when there is none by that id (or it is damaged). Results may be filtered by account status. */
  get(id: string, accountStatus?: AccountStatus | readonly AccountStatus[]): BatchRecord | null {
    const read = this.read(id);
    if (!read || 'problem' in read) return null;
    if (accountStatus === undefined) return read.batch;
    const statuses = new Set(typeof accountStatus === 'string' ? [accountStatus] : accountStatus);
    return { ...read.batch, results: read.batch.results.filter((result) => statuses.has(result.status)) };
  }

  /** A batch with its first listing's classification, or what is wrong with its file. */
  inspect(id: string): BatchJournalView | DamagedBatch | null {
    return this.read(id);
  }

  /** Removes every batch but the running ones; returns how many were removed and which were kept. */
  clear(): { removed: number; running: string[] } {
    let removed = 0;
    const running: string[] = [];
    for (const id of this.ids()) {
      const read = this.read(id);
      if (read && !('problem' in read) && read.batch.status === 'running') {
        running.push(id);
        continue;
      }
      this.fs.rmSync(this.pathOf(id), { force: true, recursive: true });
      removed++;
    }
    return { removed, running };
  }

  /** Keeps the newest batches up to the retention, and every older one that still holds work (or is damaged). */
  private prune(keep: string): void {
    const older = this.ids()
      .filter((id) => id !== keep)
      .slice(Math.max(0, this.retention - 1));
    for (const id of older) {
      const read = this.read(id);
      if (!read || 'problem' in read || holdsWork(read.batch)) continue;
      this.fs.rmSync(this.pathOf(id), { force: true });
    }
  }

  private read(id: string): BatchJournalView | DamagedBatch | null {
    if (!ID_PATTERN.test(id)) return null;
    let text: string;
    try {
      // Only a regular file of sane size: a FIFO would hang the read, a link to a device would never end.
      const stat = nodeFs.statSync(this.pathOf(id));
      if (stat.isFile() && stat.size > MAX_JOURNAL_BYTES) return { id, problem: `it is larger than ${MAX_JOURNAL_BYTES >> 20} MB` };
      if (!stat.isFile() && !stat.isDirectory()) return { id, problem: 'it is not a regular file' };
      text = this.fs.readFileSync(this.pathOf(id), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      return { id, problem: code === 'EISDIR' ? 'it is a folder, not a journal file' : `it cannot be read (${code ?? String(error)})` };
    }
    const parsed = parseJournal(text, id);
    if ('problem' in parsed) return parsed;
    if (parsed.batch.status === 'interrupted' && this.isRunning(id)) return { ...parsed, batch: { ...parsed.batch, status: 'running' } };
    return parsed;
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}${FILE_SUFFIX}`);
  }
}

/** Unfinished work: a batch without an end, or accounts a retry would still send. */
function holdsWork(batch: BatchRecord): boolean {
  return (
    batch.status === 'interrupted' ||
    batch.status === 'running' ||
    batch.results.some((result) => result.status === 'failed' || result.status === 'unconfirmed')
  );
}

/** Time-sortable and unique: `20261126T003902123Z-a1b2c3`. */
function newBatchId(at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

const STATUSES = new Set<string>(ACCOUNT_STATUSES);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** What is wrong with a begin record, or null when it can head a batch. */
function headerProblem(record: Record<string, unknown>): string | null {
  if (!isStringArray(record.accounts)) return 'its header has no list of accounts';
  if (!isObject(record.target)) return 'its header names no target';
  if (typeof record.sdkAppId !== 'number' || typeof record.identifier !== 'string') return 'its header has no SDKAppID or identifier';
  if (typeof record.startedAt !== 'string') return 'its header has no start time';
  return null;
}

/** Rebuilds a batch from its journal lines; torn or garbled lines are skipped and counted in `damage`. */
export function parseJournal(text: string, fileId: string): BatchJournalView | DamagedBatch {
  let begin: BeginRecord | null = null;
  let listing: ListingRecord | null = null;
  let end: EndRecord | null = null;
  const sent = new Set<string>();
  const outcomes = new Map<string, AccountResult>();
  let unreadable = 0;
  let firstLine = true;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      record = undefined;
    }
    const isFirst = firstLine;
    firstLine = false;
    if (!isObject(record)) {
      if (isFirst) return { id: fileId, problem: 'its first line (the batch header) is torn or garbled' };
      unreadable++;
      continue;
    }
    if (isFirst && record.type !== 'begin') return { id: fileId, problem: 'it does not start with a batch header' };
    if (record.type === 'begin' && isFirst) {
      const problem = headerProblem(record);
      if (problem) return { id: fileId, problem };
      begin = record as unknown as BeginRecord;
    } else if (record.type === 'listing' && isStringArray(record.bots) && isStringArray(record.notBots)) {
      listing = record as unknown as ListingRecord;
    } else if (record.type === 'sent' && typeof record.account === 'string') {
      sent.add(record.account);
    } else if (record.type === 'outcome' && typeof record.account === 'string' && STATUSES.has(record.status as string)) {
      outcomes.set(record.account, {
        account: record.account,
        status: record.status as AccountStatus,
        errorCode: typeof record.errorCode === 'number' ? record.errorCode : null,
        errorInfo: typeof record.errorInfo === 'string' ? record.errorInfo : null,
        attempts: typeof record.attempts === 'number' ? record.attempts : 0,
      });
    } else if (record.type === 'end' && typeof record.status === 'string') {
      end = record as unknown as EndRecord;
    } else unreadable++;
  }
  if (!begin) return { id: fileId, problem: 'it is empty' };
  // Journals before send markers (v1) cannot tell a sent account from one that never was: both read as unconfirmed.
  const tracksSends = begin.v >= 2;
  const nicknames = isObject(begin.nicknames) ? (begin.nicknames as Record<string, unknown>) : {};
  const results = begin.accounts.map((account): AccountResult => {
    const known = outcomes.get(account);
    const inFlight = !end && (!tracksSends || sent.has(account));
    const result: AccountResult =
      known ??
      (inFlight
        ? { account, status: 'unconfirmed', errorCode: null, errorInfo: 'the batch ended while its call was in flight', attempts: 1 }
        : { account, status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 });
    const nickname = nicknames[account];
    return typeof nickname === 'string' ? { ...result, nickname } : result;
  });
  const wasBot = new Map<string, boolean>();
  for (const account of listing?.bots ?? []) wasBot.set(account, true);
  for (const account of listing?.notBots ?? []) wasBot.set(account, false);
  return {
    wasBot,
    batch: {
      id: fileId,
      startedAt: begin.startedAt,
      finishedAt: end?.finishedAt ?? null,
      status: end?.status ?? 'interrupted',
      target: begin.target,
      sdkAppId: begin.sdkAppId,
      identifier: begin.identifier,
      profile: begin.profile ?? null,
      profileId: begin.profileId ?? null,
      retryOf: begin.retryOf ?? null,
      stop: end?.stop ?? null,
      verification: end?.verification ?? null,
      signal: end?.signal ?? null,
      listedAtStart: listing?.botCount ?? null,
      damage: unreadable ? `${unreadable} line${unreadable === 1 ? '' : 's'} of its journal could not be read and were skipped` : null,
      summary: summarize(results),
      results,
    },
  };
}
