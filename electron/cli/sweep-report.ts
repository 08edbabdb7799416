// How `delete`, `retry` and `recreate` present a batch's outcome: the --json object (stable codes, and the outcome's
// code), and the plain-words report on stderr in the app's words (shared/vocabulary.ts; the batch id alone on stdout,
// for scripts).
import { allDone, type BatchKind, type BatchStatus, type BatchStop, type BatchSummary } from '../../shared/sweep.js';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import {
  batchOutcome,
  capitalized,
  leadStatus,
  otherCounts,
  OUTCOME_WORDS,
  retryHelps,
  STATUS_WORDS,
  STOP_WORDS,
} from '../../shared/vocabulary.js';
import { describeError } from '../core/tim/errors.js';
import { QUOTA_ADVICE, QUOTA_CODE, type BatchOutcome, type SweepPlan } from '../core/usecases/index.js';
import { writeLine, type CliIo } from './io.js';
import { formatDuration } from './terminal.js';

export function jsonReport(outcome: BatchOutcome, plan: Pick<SweepPlan, 'kind' | 'undoes' | 'retryOf'>) {
  return {
    batchId: outcome.batchId,
    kind: plan.kind ?? 'delete',
    ...(plan.kind === 'recreate' ? { undoes: plan.undoes ?? null } : {}),
    retryOf: plan.retryOf,
    status: outcome.status,
    outcome: batchOutcome(outcome.status, outcome.summary, plan.kind ?? 'delete'),
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

/**
 * "Finished with failures: 0 of 3 deleted · 3 unconfirmed" ("… 2 of 3 re-created · 1 already a bot" for a re-creation),
 * the words the app's summary uses; a stop's word when given.
 */
export function summaryLine(status: BatchStatus, summary: BatchSummary, stop?: BatchStop | null, kind: BatchKind = 'delete'): string {
  const why = stop?.kind ? ` (${STOP_WORDS[stop.kind].word})` : '';
  const outcome = capitalized(OUTCOME_WORDS[batchOutcome(status, summary, kind)].word) + why;
  const lead = leadStatus(kind);
  const counts = otherCounts(summary, kind).map(({ status: state, count }) => `${count} ${STATUS_WORDS[state].word}`);
  return `${outcome}: ${[`${summary[lead]} of ${summary.total} ${STATUS_WORDS[lead].word}`, ...counts].join(' · ')}`;
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "@RBT#a, @RBT#b, … and 3 more" */
export function someAccounts(accounts: readonly string[], max = 20): string {
  const shown = accounts.slice(0, max).map(escapeUnsafe).join(', ');
  return accounts.length > max ? `${shown}, … and ${accounts.length - max} more` : shown;
}

/** What the verification came to, in a line, or null when it needs no words. */
function verificationLine(outcome: BatchOutcome, settles: string): string | null {
  const { verification } = outcome;
  if (verification.status === 'verified') return 'Verified with get_all_robots.';
  if (verification.status === 'failed')
    return `Could not verify with get_all_robots (${verification.reason}); the results are the gateway’s answers.`;
  if (verification.status === 'untrusted') return `The final get_all_robots listing was not believed (${verification.reason}); ${settles}`;
  return null;
}

/** Why the batch stopped early (with the stop's word), or that it was cancelled. */
function stopLines(out: (text: string) => void, outcome: BatchOutcome): void {
  if (outcome.stop) out(`Stopped after ${plural(outcome.calls, 'call', 'calls')}${describeStop(outcome.stop)}`);
  if (outcome.status === 'cancelled')
    out(`Cancelled${outcome.signal ? ` by ${outcome.signal}` : ''}: calls already sent were finished; the rest were skipped.`);
}

/** The summary line in the app's words, with the batch's duration. */
function summaryWithDuration(outcome: BatchOutcome, kind: BatchKind): string {
  return `${summaryLine(outcome.status, outcome.summary, null, kind)}${outcome.batchId ? ` (${formatDuration(outcome.durationMs)})` : ''}.`;
}

function notDoneLines(out: (text: string) => void, outcome: BatchOutcome, shown: BatchOutcome['results']): void {
  for (const result of shown.slice(0, 20))
    out(`  ${escapeUnsafe(result.account)}: ${STATUS_WORDS[result.status].word} — ${describeError(result.errorCode, result.errorInfo)}`);
  if (shown.length > 20) out(`  … and ${shown.length - 20} more (botsweep history --batch ${outcome.batchId})`);
}

/** "Retry what is left with: …", only where a retry can help (not after a wrong key or an address that is not the gateway). */
function retryLine(out: (text: string) => void, outcome: BatchOutcome): void {
  if (!allDone(outcome.summary) && retryHelps(outcome.stop)) out(`Retry what is left with: botsweep retry ${outcome.batchId}`);
}

/** A re-creation's report: what came back, what did not, the quota in words, and the link to the deletion it undoes. */
export function reportRecreation(io: CliIo, outcome: BatchOutcome, plan: Pick<SweepPlan, 'undoes'>): void {
  const { summary } = outcome;
  const out = (text: string) => writeLine(io.stderr, text);
  stopLines(out, outcome);
  out(summaryWithDuration(outcome, 'recreate'));
  const line = verificationLine(outcome, 'accounts the gateway answered OK for stay unconfirmed.');
  if (line) out(line);
  const quota = outcome.results.filter((result) => result.status === 'failed' && result.errorCode === QUOTA_CODE);
  if (quota.length)
    out(
      `${plural(quota.length, 'account', 'accounts')} failed on the per-account bot quota (10008): the admin account has as many ` +
        `chatbots as it may create. ${QUOTA_ADVICE}`,
    );
  notDoneLines(
    out,
    outcome,
    outcome.results.filter((result) => (result.status === 'failed' && result.errorCode !== QUOTA_CODE) || result.status === 'unconfirmed'),
  );
  if (outcome.journalProblem) out(`Warning: ${outcome.journalProblem}; the history will show this batch as interrupted.`);
  if (!outcome.batchId) return;
  if (summary.recreated)
    out('Back: the chatbot accounts with their nickname, avatar and signature; not restored: group memberships, conversations, callbacks.');
  out(`History links this re-creation to batch ${plan.undoes}.`);
  retryLine(out, outcome);
  writeLine(io.stdout, outcome.batchId);
}

export function report(io: CliIo, outcome: BatchOutcome): void {
  const out = (text: string) => writeLine(io.stderr, text);
  stopLines(out, outcome);
  out(summaryWithDuration(outcome, 'delete'));
  const absent = outcome.results.filter((result) => result.status === 'absent').map((result) => result.account);
  if (absent.length) out(`Absent (${STATUS_WORDS.absent.meaning}): ${someAccounts(absent)}.`);
  if (outcome.listingContradicted)
    out(
      `The listing of the app’s chatbots made before the batch was not believed for any account: ${outcome.listingContradicted}. ` +
        'Each account was settled by the gateway’s answers and the final listing alone.',
    );
  else if (outcome.batchId && outcome.listedAtStart === null && outcome.calls > 0)
    out('Could not list the app’s chatbots before the batch, so accounts that were not chatbots could not be told apart.');
  const line = verificationLine(outcome, 'accounts it would settle stay unconfirmed.');
  if (line) out(line);
  notDoneLines(
    out,
    outcome,
    outcome.results.filter((result) => result.status === 'failed' || result.status === 'unconfirmed'),
  );
  if (outcome.journalProblem) out(`Warning: ${outcome.journalProblem}; the history will show this batch as interrupted.`);
  if (!outcome.batchId) return;
  retryLine(out, outcome);
  writeLine(io.stdout, outcome.batchId);
}
