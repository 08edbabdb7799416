// What a batch learned about each account (the first listing, the gateway's answers, the final listing) and the one
// outcome that evidence supports: never more than it shows, `unconfirmed` with a reason where it is in doubt.
import type { AccountResult, AccountStatus } from '../../../shared/sweep.js';
import type { CallOutcome } from '../tim/gateway.js';

/** The gateway's answer for a bot that does not exist (or is already deleted): "invalid parameter". */
export const NOT_FOUND_CODE = 10004;

export type Failure = Extract<CallOutcome, { ok: false }>;

export interface Evidence {
  readonly account: string;
  /** A chatbot of the app when the batch (or the batch it retries) started; null when no trusted listing says. */
  readonly wasBot: boolean | null;
  /** An earlier batch sent it and nothing settled what that call did. */
  readonly previouslySent: boolean;
  attempts: number;
  answeredOk: boolean;
  /** The gateway answered "invalid parameter", its answer for a bot that does not exist. */
  notFound: boolean;
  /** Some attempt may have taken effect without us seeing it (a lost, late or garbled answer). */
  ambiguous: boolean;
  last: Failure | null;
}

export const REASONS = {
  stillListed: 'the gateway answered OK, but the bot is still listed',
  okButNotABot: 'the gateway answered OK, but it was not a chatbot when the batch started and is listed now',
  notFoundAfterSend: 'not found after an earlier call that may have deleted it',
  notFoundButListed: 'the gateway said it does not exist, but it was listed as a chatbot when the batch started',
  answerLost: 'the answer was lost, and no trusted listing settles whether the bot is gone',
  goneButUnknown: 'it is no longer listed, but whether it was a chatbot before the batch is not known (the first listing failed)',
  stillABot: 'it is still listed as a chatbot',
  onlyTheListing: 'every answer was lost; it is no longer listed, but a listing alone does not settle a deletion (retry to confirm)',
} as const;

/**
 * Whether an account was a chatbot when its sweep started: listed now, or (for an account an earlier batch sent)
 * listed when that batch started. An account nobody sent that is missing now is not a bot, whatever was known before.
 */
export function classify(
  account: string,
  listedNow: ReadonlySet<string> | null,
  inherited: boolean | null | undefined,
  previouslySent: boolean,
): boolean | null {
  if (listedNow?.has(account)) return true;
  if (previouslySent) return inherited ?? null;
  return listedNow ? false : null;
}

function result(evidence: Evidence, status: AccountStatus, errorInfo: string | null = evidence.last?.errorInfo ?? null): AccountResult {
  const showsError = status === 'failed' || status === 'unconfirmed';
  return {
    account: evidence.account,
    status,
    errorCode: showsError ? (evidence.last?.errorCode ?? null) : null,
    errorInfo: showsError ? errorInfo : null,
    attempts: evidence.attempts,
  };
}

/** The outcome right after the calls, before any final listing. */
export function provisionalResult(evidence: Evidence): AccountResult {
  const sentBefore = evidence.ambiguous || evidence.previouslySent;
  if (evidence.answeredOk) return result(evidence, evidence.wasBot === false ? 'absent' : 'deleted');
  if (evidence.notFound) {
    if (evidence.wasBot === false) return result(evidence, 'absent');
    if (evidence.wasBot === true)
      return result(evidence, 'unconfirmed', sentBefore ? REASONS.notFoundAfterSend : REASONS.notFoundButListed);
    return sentBefore ? result(evidence, 'unconfirmed', REASONS.notFoundAfterSend) : result(evidence, 'failed');
  }
  if (sentBefore) return result(evidence, 'unconfirmed', evidence.last?.errorInfo ?? REASONS.answerLost);
  return result(evidence, 'failed');
}

/** Whether a failure had no effect for certain: a definite refusal, with no earlier call that may have worked. */
function definitelyUntouched(evidence: Evidence, current: AccountResult): boolean {
  return current.status === 'failed' && !evidence.ambiguous && !evidence.previouslySent && !evidence.answeredOk;
}

/**
 * Why a final listing cannot be believed, or null when it is consistent with what is known: bots listed at the
 * start and outside the batch are still listed, and bots the gateway definitely refused to delete are still listed.
 */
export function distrustReason(
  listed: ReadonlySet<string>,
  startListing: ReadonlySet<string> | null,
  batch: readonly { evidence: Evidence; current: AccountResult }[],
): string | null {
  if (startListing) {
    const inBatch = new Set(batch.map(({ evidence }) => evidence.account));
    let missing = 0;
    for (const account of startListing) if (!inBatch.has(account) && !listed.has(account)) missing++;
    if (missing) return `${missing} chatbot${missing === 1 ? '' : 's'} outside the batch vanished from the listing`;
  }
  const refusedButGone = batch.filter(
    ({ evidence, current }) =>
      evidence.wasBot === true && (definitelyUntouched(evidence, current) || current.status === 'skipped') && !listed.has(evidence.account),
  ).length;
  if (refusedButGone)
    return `${refusedButGone} chatbot${refusedButGone === 1 ? '' : 's'} the gateway did not delete vanished from the listing`;
  return null;
}

/** The outcome once a trusted final listing is known; null when it changes nothing. */
export function verifiedResult(evidence: Evidence, current: AccountResult, listed: ReadonlySet<string>): AccountResult | null {
  const stillThere = listed.has(evidence.account);
  switch (current.status) {
    case 'deleted':
      return stillThere ? result(evidence, 'unconfirmed', REASONS.stillListed) : null;
    case 'absent':
      if (!stillThere) return null;
      return evidence.answeredOk ? result(evidence, 'unconfirmed', REASONS.okButNotABot) : result(evidence, 'failed', REASONS.stillABot);
    case 'unconfirmed':
      if (stillThere) return result(evidence, 'failed', evidence.last?.errorInfo ?? REASONS.stillABot);
      // Gone from a listing is never enough on its own (a listing may be truncated or lie): the gateway must also
      // have said "not found" for it, after the call that may have deleted it.
      if (!evidence.notFound) return result(evidence, 'unconfirmed', REASONS.onlyTheListing);
      if (evidence.wasBot === true) return result(evidence, 'deleted');
      return evidence.wasBot === null ? result(evidence, 'unconfirmed', REASONS.goneButUnknown) : null;
    case 'failed':
      // Refused every time, not a bot at the start and not one now: it never was one.
      return !stillThere && evidence.wasBot === false && definitelyUntouched(evidence, current) ? result(evidence, 'absent') : null;
    case 'skipped':
      return null;
  }
}
