// The journal reader: rebuilds a batch from its file, skipping torn or garbled lines (counted as damage) so one bad
// line or file never hides the rest; and a cheap look at a journal's end record for retention.
import * as nodeFs from 'node:fs';
import { foreignOwner } from './data-dir.js';
import {
  ACCOUNT_STATUSES,
  summarize,
  type AccountResult,
  type AccountStatus,
  type BatchRecord,
  type BotProfile,
  type DamagedBatch,
  type ProfileSnapshot,
} from '../../shared/sweep.js';
import type { BeginRecord, EndRecord, JournalFs, ListingRecord } from './history-journal.js';

/** Far above any batch (100,000 accounts journal about 25 MB). */
export const MAX_JOURNAL_BYTES = 256 << 20;
/** An end record is far smaller than this: retention reads only a journal's last bytes. */
const TAIL_BYTES = 64 << 10;

/** A batch with what a retry needs beyond its record: whether each account was a chatbot when it started. */
export interface BatchJournalView {
  readonly batch: BatchRecord;
  readonly wasBot: ReadonlyMap<string, boolean>;
}

const STATUSES = new Set<string>(ACCOUNT_STATUSES);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A journal file's text, or what is wrong with the file; null when there is none. */
export function readJournalFile(path: string, id: string, fs: Pick<JournalFs, 'readFileSync'>): { text: string } | DamagedBatch | null {
  try {
    // Only a regular file of sane size: a FIFO would hang the read, a link to a device would never end.
    const stat = nodeFs.statSync(path);
    // Another user's file in our folder is never acted on: not read, not retried, not cleared.
    const owner = foreignOwner(stat);
    if (owner !== null)
      return { id, problem: `it belongs to user ${owner}, not to you, so it is not read; remove it if it should not be there` };
    if (stat.isFile() && stat.size > MAX_JOURNAL_BYTES) return { id, problem: `it is larger than ${MAX_JOURNAL_BYTES >> 20} MB` };
    if (!stat.isFile() && !stat.isDirectory()) return { id, problem: 'it is not a regular file' };
    return { text: fs.readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return { id, problem: code === 'EISDIR' ? 'it is a folder, not a journal file' : `it cannot be read (${code ?? String(error)})` };
  }
}

/**
 * Whether a finished journal still holds work (failed or unconfirmed accounts), by its end record alone; `null` when
 * it has none in its last bytes (unfinished, running, damaged) or cannot be read: retention then keeps it.
 */
export async function endHoldsWork(path: string): Promise<boolean | null> {
  let handle: nodeFs.promises.FileHandle | null = null;
  try {
    handle = await nodeFs.promises.open(path, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile() || foreignOwner(stat) !== null) return null;
    const length = Math.min(stat.size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, stat.size - length);
    const lines = buffer.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i]!.trim();
      if (!line.startsWith('{"type":"end"')) continue;
      const end = JSON.parse(line) as Partial<EndRecord>;
      const summary = end.summary;
      if (!isObject(summary) || typeof summary.failed !== 'number' || typeof summary.unconfirmed !== 'number') return null;
      return summary.failed + summary.unconfirmed > 0;
    }
    return null;
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => {});
  }
}

function isProfile(value: unknown): value is BotProfile {
  return isObject(value) && typeof value.nickname === 'string' && typeof value.faceUrl === 'string' && typeof value.signature === 'string';
}

/** A journal's profiles by account: only well-formed ones, keyed by own property (no `__proto__`). */
function profilesOf(value: unknown): Map<string, BotProfile> {
  const profiles = new Map<string, BotProfile>();
  if (!isObject(value)) return profiles;
  for (const [account, profile] of Object.entries(value))
    if (isProfile(profile)) profiles.set(account, { nickname: profile.nickname, faceUrl: profile.faceUrl, signature: profile.signature });
  return profiles;
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
  const snapshots = new Map<string, ProfileSnapshot>();
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
      listing = record as unknown as ListingRecord; // a later verdict (the listing was contradicted) supersedes
    } else if (record.type === 'snapshot' && isObject(record.profiles) && isObject(record.missing)) {
      for (const [account, profile] of profilesOf(record.profiles)) snapshots.set(account, { profile });
      for (const [account, why] of Object.entries(record.missing)) if (typeof why === 'string') snapshots.set(account, { missing: why });
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
  const recreation = begin.kind === 'recreate';
  // A re-creation keeps the profile it creates each account with; an account without one is created bare.
  if (recreation) {
    const profiles = profilesOf(begin.profiles);
    for (const account of begin.accounts)
      snapshots.set(
        account,
        profiles.has(account) ? { profile: profiles.get(account)! } : { missing: 'no profile was saved before its deletion' },
      );
  }
  const results = begin.accounts.map((account): AccountResult => {
    const known = outcomes.get(account);
    const inFlight = !end && (!tracksSends || sent.has(account));
    const result: AccountResult =
      known ??
      (inFlight
        ? { account, status: 'unconfirmed', errorCode: null, errorInfo: 'the batch ended while its call was in flight', attempts: 1 }
        : { account, status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 });
    const snapshot = snapshots.get(account);
    const saved = snapshot && 'profile' in snapshot && snapshot.profile.nickname ? snapshot.profile.nickname : undefined;
    const nickname = saved ?? (Object.hasOwn(nicknames, account) ? nicknames[account] : undefined);
    return { ...result, ...(typeof nickname === 'string' ? { nickname } : {}), ...(snapshot ? { snapshot } : {}) };
  });
  const wasBot = new Map<string, boolean>();
  for (const account of listing?.bots ?? []) wasBot.set(account, true);
  for (const account of listing?.notBots ?? []) wasBot.set(account, false);
  return {
    wasBot,
    batch: {
      id: fileId,
      kind: recreation ? 'recreate' : 'delete',
      undoes: recreation && typeof begin.undoes === 'string' ? begin.undoes : null,
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
      listingContradicted: typeof listing?.contradicted === 'string' ? listing.contradicted : null,
      damage: unreadable ? `${unreadable} line${unreadable === 1 ? '' : 's'} of its journal could not be read and were skipped` : null,
      summary: summarize(results),
      results,
    },
  };
}
