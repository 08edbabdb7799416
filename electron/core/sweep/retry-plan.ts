// What a retry of a batch sends, the same for the CLI and the app: its failed, unconfirmed and skipped accounts,
// re-checked like any input, with what the batch learned (which were sent, which were chatbots) carried over.
import { ACCOUNT_PROBLEM_TEXT, robotAccountProblem } from '../../../shared/accounts.js';
import { retryableAccounts, type AccountResult } from '../../../shared/sweep.js';
import type { BatchJournalView } from '../history.js';
import { isDefiniteRefusal } from '../tim/errors.js';

export interface RetryPlan {
  readonly accounts: string[];
  /** Accounts whose earlier call may have taken effect: "not found" for them may mean deleted. */
  readonly previouslySent: Set<string>;
  /** Whether each of those was a chatbot when the earlier batch started. */
  readonly inheritedBots: Map<string, boolean>;
  /** Entries of the journal that are not valid accounts (a damaged or edited file): nothing is sent while any remain. */
  readonly invalid: { account: string; reason: string }[];
}

export function planRetry({ batch, wasBot }: BatchJournalView): RetryPlan {
  const candidates = [...new Set(retryableAccounts(batch.results))];
  const invalid: RetryPlan['invalid'] = [];
  const accounts: string[] = [];
  for (const account of candidates) {
    const problem = robotAccountProblem(account);
    if (problem) invalid.push({ account, reason: ACCOUNT_PROBLEM_TEXT[problem] });
    else accounts.push(account);
  }
  const previouslySent = new Set(batch.results.filter(mayHaveTakenEffect).map((result) => result.account));
  const inheritedBots = new Map([...wasBot].filter(([account]) => previouslySent.has(account)));
  return { accounts, previouslySent, inheritedBots, invalid };
}

/**
 * A call for the account may have worked: it is unconfirmed, or (in a journal written before unclear answers were
 * kept apart) it failed on an answer that does not say nothing happened, such as 10002. A retry never believes its own
 * listing for those: "not found" then means deleted for a bot the earlier batch listed, never absent.
 */
function mayHaveTakenEffect(result: AccountResult): boolean {
  return result.status === 'unconfirmed' || (result.status === 'failed' && !isDefiniteRefusal(result.errorCode) && result.attempts > 0);
}
