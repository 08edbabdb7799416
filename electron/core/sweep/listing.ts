// One get_all_robots listing for a sweep, retried like any call, and believed only when well-formed.
import type { Clock } from '../clock.js';
import { isRetryable } from '../tim/errors.js';
import type { CallOutcome, RobotListing } from '../tim/gateway.js';
import type { Failure } from './evidence.js';

export type ListingResult =
  | { readonly ok: true; readonly accounts: ReadonlySet<string> }
  /** `failure` is the gateway's last refusal when there was one (a credentials error stops the batch). */
  | { readonly ok: false; readonly reason: string; readonly failure: Failure | null };

export interface ListingDeps {
  readonly getAllRobots: () => Promise<CallOutcome<RobotListing>>;
  readonly clock: Clock;
  readonly maxAttempts: number;
  readonly backoff: (attempt: number, rateLimited: boolean) => number;
  readonly signal: AbortSignal;
}

export async function fetchListing(deps: ListingDeps): Promise<ListingResult> {
  let last: Failure | null = null;
  for (let attempt = 1; attempt <= deps.maxAttempts; attempt++) {
    if (deps.signal.aborted) break;
    const outcome = await deps.getAllRobots();
    if (outcome.ok) {
      const list = outcome.answer.Robot_Account;
      if (list === undefined) return { ok: false, reason: 'the listing came back without its Robot_Account field', failure: null };
      return { ok: true, accounts: new Set(list) };
    }
    last = outcome;
    if (!isRetryable(outcome.errorClass) || attempt === deps.maxAttempts) break;
    try {
      await deps.clock.sleep(deps.backoff(attempt, outcome.errorClass === 'rate-limited'), deps.signal);
    } catch {
      break;
    }
  }
  return { ok: false, reason: last ? `get_all_robots failed: ${last.errorInfo}` : 'the batch was cancelled first', failure: last };
}
