// One get_all_robots listing for a sweep, retried like any call, cut short when the batch stops, and believed only
// when well-formed.
import type { Clock } from '../clock.js';
import { isRetryable } from '../tim/errors.js';
import type { CallOutcome, Failure, RobotListing } from '../tim/outcome.js';

export type ListingResult =
  | { readonly ok: true; readonly accounts: ReadonlySet<string> }
  /** `failure` is the gateway's last refusal when there was one (a credentials error stops the batch). */
  | { readonly ok: false; readonly reason: string; readonly failure: Failure | null };

export interface ListingDeps {
  /** One attempt; it hears every outcome first (the gateway's health), and the signal stops it with the batch. */
  readonly getAllRobots: (signal: AbortSignal) => Promise<CallOutcome<RobotListing>>;
  readonly clock: Clock;
  readonly maxAttempts: number;
  readonly backoff: (attempt: number, rateLimited: boolean, retryAfterMs?: number) => number;
  readonly signal: AbortSignal;
}

export async function fetchListing(deps: ListingDeps): Promise<ListingResult> {
  let last: Failure | null = null;
  for (let attempt = 1; attempt <= deps.maxAttempts; attempt++) {
    if (deps.signal.aborted) break;
    const outcome = await deps.getAllRobots(deps.signal);
    if (outcome.ok) {
      const list = outcome.answer.Robot_Account;
      if (list === undefined) return { ok: false, reason: 'the listing came back without its Robot_Account field', failure: null };
      return { ok: true, accounts: new Set(list) };
    }
    last = outcome;
    if (deps.signal.aborted || !isRetryable(outcome.errorClass) || attempt === deps.maxAttempts) break;
    try {
      await deps.clock.sleep(deps.backoff(attempt, outcome.errorClass === 'rate-limited', outcome.retryAfterMs), deps.signal);
    } catch {
      break;
    }
  }
  if (!last) return { ok: false, reason: 'the batch was cancelled first', failure: null };
  const why = deps.signal.aborted && last.errorInfo === 'cancelled' ? 'it was cut short when the batch stopped' : last.errorInfo;
  return { ok: false, reason: `get_all_robots failed: ${why}`, failure: last };
}
