// The history journal: one append-only JSON-lines file per batch, written ahead of every call,
// read back tolerantly (a torn last line, a batch that never ended), with query, export, clear and retention.
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  summarize,
  type AccountResult,
  type AccountStatus,
  type BatchRecord,
  type BatchStatus,
  type BatchStop,
  type BatchSummary,
  type Verification,
} from '../../shared/sweep.js';
import type { Target } from '../../shared/target.js';
import type { OutcomeSink } from './sweep/engine.js';

export const DEFAULT_RETENTION = 200;
const FILE_SUFFIX = '.jsonl';
const ID_PATTERN = /^\d{8}T\d{6}\d{3}Z-[0-9a-f]{6}$/;

export interface BatchHeader {
  readonly target: Target;
  readonly sdkAppId: number;
  readonly identifier: string;
  /** The profile's name when the batch ran (for people) and id (for retry after a rename). */
  readonly profile?: string | null;
  readonly profileId?: string | null;
  readonly retryOf?: string | null;
}

type BeginRecord = { type: 'begin'; v: 1; id: string; startedAt: string; accounts: string[] } & Required<BatchHeader>;
type OutcomeRecord = { type: 'outcome'; at: string } & AccountResult;
type EndRecord = {
  type: 'end';
  finishedAt: string;
  status: Exclude<BatchStatus, 'interrupted'>;
  stop: BatchStop | null;
  summary: BatchSummary;
  verification?: Verification | null;
  signal?: string | null;
};

/** An open batch: records outcomes as they arrive and closes with an end record. */
export class BatchWriter implements OutcomeSink {
  private fd: number | null;

  constructor(
    readonly id: string,
    private readonly path: string,
    private readonly now: () => number,
  ) {
    this.fd = openSync(path, 'a', 0o600);
  }

  /** Written straight to the OS, so a killed process loses nothing it recorded. */
  write(record: BeginRecord | OutcomeRecord | EndRecord, durable = false): void {
    if (this.fd === null) throw new Error(`batch ${this.id} is already closed`);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (durable) fdatasyncSync(this.fd);
  }

  outcome(result: AccountResult): void {
    this.write({ type: 'outcome', at: new Date(this.now()).toISOString(), ...result });
  }

  end(status: EndRecord['status'], results: readonly AccountResult[], stop: BatchStop | null): void {
    this.write({ type: 'end', finishedAt: new Date(this.now()).toISOString(), status, stop, summary: summarize(results) }, true);
    closeSync(this.fd!);
    this.fd = null;
  }
}

export interface HistoryQuery {
  /** Only batches in these states. */
  readonly status?: BatchStatus | readonly BatchStatus[];
  readonly limit?: number;
}

export class History {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
    private readonly retention = DEFAULT_RETENTION,
  ) {
    this.dir = join(dataDir, 'history');
  }

  /** Records the header and every planned account durably before the first call, then prunes old batches. */
  begin(header: BatchHeader, accounts: readonly string[]): BatchWriter {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const startedAt = this.now();
    const id = newBatchId(startedAt);
    const writer = new BatchWriter(id, this.pathOf(id), this.now);
    writer.write(
      {
        type: 'begin',
        v: 1,
        id,
        startedAt: new Date(startedAt).toISOString(),
        target: header.target,
        sdkAppId: header.sdkAppId,
        identifier: header.identifier,
        profile: header.profile ?? null,
        profileId: header.profileId ?? null,
        retryOf: header.retryOf ?? null,
        accounts: [...accounts],
      },
      true,
    );
    this.prune(id);
    return writer;
  }

  /** Batch ids, newest first. */
  ids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
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

  list(query: HistoryQuery = {}): BatchRecord[] {
    const wanted = query.status === undefined ? null : new Set(typeof query.status === 'string' ? [query.status] : query.status);
    const out: BatchRecord[] = [];
    for (const id of this.ids()) {
      const batch = this.get(id);
      if (!batch || (wanted && !wanted.has(batch.status))) continue;
      out.push(batch);
      if (query.limit !== undefined && out.length >= query.limit) break;
    }
    return out;
  }

  /** One batch, or null when there is none by that id. Results may be filtered by account status. */
  get(id: string, accountStatus?: AccountStatus | readonly AccountStatus[]): BatchRecord | null {
    if (!ID_PATTERN.test(id)) return null;
    let text: string;
    try {
      text = readFileSync(this.pathOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const batch = readBatch(text);
    if (!batch || accountStatus === undefined) return batch;
    const statuses = new Set(typeof accountStatus === 'string' ? [accountStatus] : accountStatus);
    return { ...batch, results: batch.results.filter((result) => statuses.has(result.status)) };
  }

  clear(): number {
    const ids = this.ids();
    for (const id of ids) rmSync(this.pathOf(id), { force: true });
    return ids.length;
  }

  private prune(keep: string): void {
    const ids = this.ids().filter((id) => id !== keep);
    for (const id of ids.slice(Math.max(0, this.retention - 1))) rmSync(this.pathOf(id), { force: true });
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}${FILE_SUFFIX}`);
  }
}

/** Time-sortable and unique: `20261126T003902123Z-a1b2c3`. */
function newBatchId(at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Rebuilds a batch from its journal lines; a torn or garbled line is skipped. */
export function readBatch(text: string): BatchRecord | null {
  let begin: BeginRecord | null = null;
  let end: EndRecord | null = null;
  const outcomes = new Map<string, AccountResult>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: BeginRecord | OutcomeRecord | EndRecord;
    try {
      record = JSON.parse(line);
    } catch {
      continue; // a torn write: the process died mid-line
    }
    if (record.type === 'begin') begin = record;
    else if (record.type === 'outcome' && typeof record.account === 'string') {
      outcomes.set(record.account, {
        account: record.account,
        status: record.status,
        errorCode: record.errorCode ?? null,
        errorInfo: record.errorInfo ?? null,
        attempts: record.attempts ?? 0,
      });
    } else if (record.type === 'end') end = record;
  }
  if (!begin) return null;
  const results = begin.accounts.map(
    (account): AccountResult =>
      outcomes.get(account) ?? { account, status: end ? 'skipped' : 'unconfirmed', errorCode: null, errorInfo: null, attempts: 0 },
  );
  return {
    id: begin.id,
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
    listedAtStart: null,
    summary: summarize(results),
    results,
  };
}
