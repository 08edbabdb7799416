// The history of batches: one journal file per batch (written by ./history-journal.ts, read by ./history-reader.ts),
// listed and queried file by file so damage in one never hides the others, cleared without ever touching a batch that
// is starting or running, and kept to a retention that never drops unfinished work.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { BATCH_ID_PATTERN } from '../../shared/ids.js';
import type { AccountStatus, BatchRecord, BatchStatus, DamagedBatch } from '../../shared/sweep.js';
import { ensureDir } from './atomic-file.js';
import { foreignOwner } from './data-dir.js';
import { BatchWriter, JOURNAL_VERSION, type BatchHeader, type JournalFs } from './history-journal.js';
import { endHoldsWork, parseJournal, readJournalFile, type BatchJournalView } from './history-reader.js';

export { BatchWriter, type BatchEnd, type BatchHeader, type JournalFs } from './history-journal.js';
export { parseJournal, type BatchJournalView } from './history-reader.js';

export const DEFAULT_RETENTION = 200;
const FILE_SUFFIX = '.jsonl';
/** A begin record names the deletion a re-creation undoes within this many bytes (before its target and accounts). */
const HEAD_BYTES = 512;

export interface HistoryQuery {
  /** Only batches in these states. */
  readonly status?: BatchStatus | readonly BatchStatus[];
  readonly limit?: number;
}

export interface HistoryScan {
  readonly batches: BatchRecord[];
  readonly damaged: DamagedBatch[];
}

export interface HistoryOptions {
  /** Wall-clock milliseconds, for batch ids and the stamps people read. */
  readonly now?: () => number;
  readonly retention?: number;
  readonly fs?: JournalFs;
  /**
   * Whether a process is running the batch (its app's lock names it). A batch is named before its journal exists,
   * so a batch this says is running is never removed, whatever its file holds yet.
   */
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

  /** A fresh batch id (time-sortable and unique: `20261126T003902123Z-a1b2c3`), to name in the app's lock first. */
  newBatchId(): string {
    const stamp = new Date(this.now()).toISOString().replace(/[-:]/g, '').replace('.', '');
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }

  /**
   * Records the header and every planned account before the first call. `id` is the one the app's lock already names
   * (so `clear` keeps the batch from its first byte on); a new one when none is given. The record is handed to the OS
   * at once (a killed process loses nothing) but not synced to disk: the first listing's verdict, which the engine
   * writes before any deletion, syncs the file and this record with it. The listing itself changes nothing.
   */
  begin(header: BatchHeader, accounts: readonly string[], id = this.newBatchId()): BatchWriter {
    if (!BATCH_ID_PATTERN.test(id)) throw new Error(`"${id}" is not a batch id`);
    ensureDir(this.dir, this.fs.mkdirSync);
    const writer = new BatchWriter(id, this.pathOf(id), this.now, this.fs);
    try {
      writer.write(
        {
          type: 'begin',
          v: JOURNAL_VERSION,
          id,
          // Early in the line: undoneBy() finds a re-creation by the first bytes of its journal.
          ...(header.kind === 'recreate' ? { kind: 'recreate' as const, ...(header.undoes ? { undoes: header.undoes } : {}) } : {}),
          startedAt: new Date(idTime(id)).toISOString(),
          target: header.target,
          sdkAppId: header.sdkAppId,
          identifier: header.identifier,
          profile: header.profile ?? null,
          profileId: header.profileId ?? null,
          retryOf: header.retryOf ?? null,
          ...(header.nicknames && Object.keys(header.nicknames).length ? { nicknames: { ...header.nicknames } } : {}),
          ...(header.profiles && Object.keys(header.profiles).length ? { profiles: { ...header.profiles } } : {}),
          accounts: [...accounts],
        },
        false,
      );
    } catch (error) {
      // A half-written plan is no batch: remove it so it never reads back as damaged work.
      writer.close();
      this.fs.rmSync(this.pathOf(id), { force: true });
      throw error;
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
      .filter((id) => BATCH_ID_PATTERN.test(id))
      .sort()
      .reverse();
  }

  /** Healthy batches, newest first, and every damaged file found on the way. */
  scan(query: HistoryQuery = {}): HistoryScan {
    const wanted = query.status === undefined ? null : new Set(typeof query.status === 'string' ? [query.status] : query.status);
    const batches: BatchRecord[] = [];
    const damaged: DamagedBatch[] = [];
    // Newest first: a deletion's re-creations, which come after it, are read before it.
    const undoneBy = new Map<string, string[]>();
    for (const id of this.ids()) {
      if (query.limit !== undefined && batches.length >= query.limit) break;
      const read = this.read(id);
      if (!read) continue;
      if ('problem' in read) {
        damaged.push(read);
        continue;
      }
      const { batch } = read;
      if (batch.undoes) undoneBy.set(batch.undoes, [batch.id, ...(undoneBy.get(batch.undoes) ?? [])]);
      const linked = undoneBy.get(batch.id);
      if (!wanted || wanted.has(batch.status)) batches.push(linked ? { ...batch, undoneBy: linked } : batch);
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
    const linked = read.batch.kind === 'delete' ? this.undoneBy(id) : [];
    const batch = linked.length ? { ...read.batch, undoneBy: linked } : read.batch;
    if (accountStatus === undefined) return batch;
    const statuses = new Set(typeof accountStatus === 'string' ? [accountStatus] : accountStatus);
    return { ...batch, results: batch.results.filter((result) => statuses.has(result.status)) };
  }

  /** The re-creations (and their retries) that undo deletion `id`, oldest first, by the first bytes of newer journals. */
  undoneBy(id: string): string[] {
    const marker = `"undoes":"${id}"`;
    return this.ids()
      .filter((other) => other > id && this.head(other).includes(marker))
      .reverse();
  }

  /** The first bytes of a journal (its begin record names a re-creation's deletion early), or "" when unreadable. */
  private head(id: string): string {
    let fd: number | null = null;
    try {
      fd = nodeFs.openSync(this.pathOf(id), nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK);
      if (!nodeFs.fstatSync(fd).isFile()) return '';
      const buffer = Buffer.alloc(HEAD_BYTES);
      return buffer.toString('utf8', 0, nodeFs.readSync(fd, buffer, 0, HEAD_BYTES, 0));
    } catch {
      return '';
    } finally {
      if (fd !== null) nodeFs.closeSync(fd);
    }
  }

  /** A batch with its first listing's classification, or what is wrong with its file. */
  inspect(id: string): BatchJournalView | DamagedBatch | null {
    return this.read(id);
  }

  /**
   * Removes every batch but the running ones; returns how many were removed and which were kept. The ids are listed
   * first: a batch whose file is among them was named by its lock before the file existed, so a running one is
   * always seen as running here, even while its file is still being written.
   */
  clear(): { removed: number; running: string[] } {
    let removed = 0;
    const running: string[] = [];
    for (const id of this.ids()) {
      if (this.isRunning(id)) {
        running.push(id);
        continue;
      }
      // Another user's file is never acted on (history lists it as damaged, saying so).
      if (isForeign(this.pathOf(id))) continue;
      // Counted only when this process removed it: another `clear` at the same time may have been first.
      try {
        this.fs.rmSync(this.pathOf(id), { recursive: true });
        removed++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return { removed, running };
  }

  /**
   * Keeps the newest batches up to the retention, and every older one that still holds work, is unfinished or
   * damaged. Reads only the end of each older journal, off the main thread: it runs while a batch does.
   */
  async prune(keep: string): Promise<number> {
    const older = this.ids()
      .filter((id) => id !== keep)
      .slice(Math.max(0, this.retention - 1));
    let removed = 0;
    for (const id of older) {
      if (this.isRunning(id) || (await endHoldsWork(this.pathOf(id))) !== false) continue;
      await nodeFs.promises.rm(this.pathOf(id), { force: true });
      removed++;
    }
    return removed;
  }

  private read(id: string): BatchJournalView | DamagedBatch | null {
    if (!BATCH_ID_PATTERN.test(id)) return null;
    const file = readJournalFile(this.pathOf(id), id, this.fs);
    if (!file || 'problem' in file) return file;
    const parsed = parseJournal(file.text, id);
    if ('problem' in parsed) return parsed;
    if (parsed.batch.status === 'interrupted' && this.isRunning(id)) return { ...parsed, batch: { ...parsed.batch, status: 'running' } };
    return parsed;
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}${FILE_SUFFIX}`);
  }
}

/** The time a batch id was made at (its stamp), so the journal's start and its id agree. */
function idTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}

function isForeign(path: string): boolean {
  const stat = nodeFs.statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && foreignOwner(stat) !== null;
}
