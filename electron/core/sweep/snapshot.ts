// The snapshot before deletion: each account's nickname, avatar URL and signature (portrait_get, 100 accounts a call,
// through the batch's own limiter), journaled per account, or missing with why — never invented. It never holds a
// deletion back beyond its own call: an account waits only for its own hundred's answer, and at most SNAPSHOT_WAIT_MS.
import type { Clock } from '../clock.js';
import type { ProfilesRead } from '../tim/answers.js';
import type { RateLimiter } from './limiter.js';
import type { SweepGateway } from './types.js';

/** portrait_get takes at most 100 accounts a call. */
export const PROFILES_PER_CALL = 100;
/** The longest a deletion waits for its snapshot; the call is then given up and the profiles recorded missing. */
export const SNAPSHOT_WAIT_MS = 3000;

export interface SnapshotDeps {
  readonly profiles: NonNullable<SweepGateway['profiles']>;
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  /** Writes a part of the snapshot (the journal); false when it could not (the batch then stops). */
  readonly record: (taken: ProfilesRead) => boolean;
  /** The batch stopped: calls not yet sent are given up. */
  readonly halt: AbortSignal;
}

export interface Snapshot {
  /** Resolves once the account's profile is journaled (or recorded missing). */
  ready(account: string): Promise<void>;
  /** Every part journaled. */
  readonly done: Promise<void>;
  /** portrait_get calls sent. */
  readonly calls: () => number;
}

export function takeSnapshot(accounts: readonly string[], deps: SnapshotDeps): Snapshot {
  const parts = new Map<string, Promise<void>>();
  const all: Promise<void>[] = [];
  let calls = 0;
  for (let i = 0; i < accounts.length; i += PROFILES_PER_CALL) {
    const chunk = accounts.slice(i, i + PROFILES_PER_CALL);
    const part = fetchPart(chunk, deps, () => calls++);
    all.push(part);
    for (const account of chunk) parts.set(account, part);
  }
  return { ready: (account) => parts.get(account) ?? Promise.resolve(), done: Promise.all(all).then(() => {}), calls: () => calls };
}

async function fetchPart(chunk: readonly string[], deps: SnapshotDeps, sent: () => void): Promise<void> {
  const missing = (why: string): ProfilesRead => ({ profiles: {}, missing: Object.fromEntries(chunk.map((account) => [account, why])) });
  try {
    await deps.limiter.acquire(deps.halt);
  } catch {
    deps.record(missing('the batch stopped before its profile was fetched'));
    return;
  }
  sent();
  const cut = new AbortController();
  const stopped = () => cut.abort();
  deps.halt.addEventListener('abort', stopped, { once: true });
  const deadline = deps.clock.sleep(SNAPSHOT_WAIT_MS, cut.signal).then(
    () => 'late' as const,
    () => 'cut' as const,
  );
  try {
    const answer = await Promise.race([deps.profiles(chunk, cut.signal), deadline]);
    if (answer === 'late') deps.record(missing(`portrait_get did not answer within ${SNAPSHOT_WAIT_MS / 1000} s`));
    else if (answer === 'cut') deps.record(missing('the batch stopped before its profile was fetched'));
    else if (!answer.ok) deps.record(missing(`portrait_get failed: ${answer.errorInfo}`));
    else deps.record({ profiles: answer.answer.profiles, missing: answer.answer.missing });
  } finally {
    deps.halt.removeEventListener('abort', stopped);
    cut.abort();
    await deadline;
  }
}
