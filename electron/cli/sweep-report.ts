// How `delete` and `retry` present a batch's outcome: the --json object (stable codes, and the outcome's code), and the
// plain-words report on stderr in the app's words (shared/vocabulary.ts; the batch id alone on stdout, for scripts).
import type { BatchStatus, BatchStop, BatchSummary } from '../../shared/sweep.js';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import { batchOutcome, capitalized, otherCounts, OUTCOME_WORDS, retryHelps, STATUS_WORDS, STOP_WORDS } from '../../shared/vocabulary.js';
import { describeError } from '../core/tim/errors.js';
import type { BatchOutcome } from '../core/usecases/index.js';
import { writeLine, type CliIo } from './io.js';
import { formatDuration } from './terminal.js';

export function jsonReport(outcome: BatchOutcome, retryOf: string | null) {
  return {
    batchId: outcome.batchId,
    retryOf,
    status: outcome.status,
    outcome: batchOutcome(outcome.status, outcome.summary),
    results: outcome.results.map(({ account, status, errorCode, errorInfo, attempts }) => ({
      account,
      status,
      errorCode,
      errorInfo,
      attempts,
    })),
    summary: { ...outcome.summary, calls: outcome.calls, durationMs: Math.round(outcome.durationMs) },
    verification: outcome.verification,
    listedAtStart: outcome.listedAtStart,
    listingContradicted: outcome.listingContradicted,
    stop: outcome.stop,
    signal: outcome.signal,
    journalProblem: outcome.journalProblem,
  };
}

/** "(credentials refused): the signature was rejected … [70009]. Check the secret key …", as `history` and the report say it. */
export function describeStop(stop: BatchStop): string {
  const word = stop.kind ? ` (${STOP_WORDS[stop.kind].word})` : '';
  return `${word}: ${describeError(stop.errorCode, stop.errorInfo)}. ${stop.advice}`.trimEnd();
}

/** "Finished with failures: 0 of 3 deleted · 3 unconfirmed", the words the app's summary uses; a stop's word when given. */
export function summaryLine(status: BatchStatus, summary: BatchSummary, stop?: BatchStop | null): string {
  const why = stop?.kind ? ` (${STOP_WORDS[stop.kind].word})` : '';
  const outcome = capitalized(OUTCOME_WORDS[batchOutcome(status, summary)].word) + why;
  const counts = otherCounts(summary).map(({ status: state, count }) => `${count} ${STATUS_WORDS[state].word}`);
  return `${outcome}: ${[`${summary.deleted} of ${summary.total} deleted`, ...counts].join(' · ')}`;
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "@RBT#a, @RBT#b, … and 3 more" */
export function someAccounts(accounts: readonly string[], max = 20): string {
  const shown = accounts.slice(0, max).map(escapeUnsafe).join(', ');
  return accounts.length > max ? `${shown}, … and ${accounts.length - max} more` : shown;
}

export function report(io: CliIo, outcome: BatchOutcome): void {
  const { summary } = outcome;
  const out = (text: string) => writeLine(io.stderr, text);
  if (outcome.stop) out(`Stopped after ${plural(outcome.calls, 'call', 'calls')}${describeStop(outcome.stop)}`);
  if (outcome.status === 'cancelled')
    out(`Cancelled${outcome.signal ? ` by ${outcome.signal}` : ''}: calls already sent were finished; the rest were skipped.`);
  out(`${summaryLine(outcome.status, summary)}${outcome.batchId ? ` (${formatDuration(outcome.durationMs)})` : ''}.`);
  const absent = outcome.results.filter((result) => result.status === 'absent').map((result) => result.account);
  if (absent.length) out(`Absent (${STATUS_WORDS.absent.meaning}): ${someAccounts(absent)}.`);
  if (outcome.listingContradicted)
    out(
      `The listing of the app’s chatbots made before the batch was not believed for any account: ${outcome.listingContradicted}. ` +
        'Each account was settled by the gateway’s answers and the final listing alone.',
    );
  else if (outcome.batchId && outcome.listedAtStart === null && outcome.calls > 0)
    out('Could not list the app’s chatbots before the batch, so accounts that were not chatbots could not be told apart.');
  const { verification } = outcome;
  if (verification.status === 'verified') out('Verified with get_all_robots.');
  else if (verification.status === 'failed')
    out(`Could not verify with get_all_robots (${verification.reason}); the results are the gateway’s answers.`);
  else if (verification.status === 'untrusted')
    out(`The final get_all_robots listing was not believed (${verification.reason}); accounts it would settle stay unconfirmed.`);
  const notDone = outcome.results.filter((result) => result.status === 'failed' || result.status === 'unconfirmed');
  for (const result of notDone.slice(0, 20))
    out(`  ${escapeUnsafe(result.account)}: ${result.status} — ${describeError(result.errorCode, result.errorInfo)}`);
  if (notDone.length > 20) out(`  … and ${notDone.length - 20} more (botsweep history --batch ${outcome.batchId})`);
  if (outcome.journalProblem) out(`Warning: ${outcome.journalProblem}; the history will show this batch as interrupted.`);
  if (!outcome.batchId) return;
  // No retry hint after a stop that a retry cannot get past (a wrong key, an address that is not the gateway).
  if (summary.deleted + summary.absent < summary.total && retryHelps(outcome.stop))
    out(`Retry what is left with: botsweep retry ${outcome.batchId}`);
  writeLine(io.stdout, outcome.batchId);
}
