// What a batch learned about each account (the first listing, the gateway's answers, the final listing) and the one
// outcome that evidence supports: a status needs agreeing evidence, and where it is in doubt, `unconfirmed` with why.
import type { AccountResult, AccountStatus } from '../../../shared/sweep.js';
import type { Failure } from '../tim/outcome.js';

export type { Failure } from '../tim/outcome.js';

/** The gateway's answer for a bot that does not exist (or is already deleted): "invalid parameter". */
export const NOT_FOUND_CODE = 10004;

export interface Evidence {
  readonly account: string;
  /**
   * A chatbot of the app when the batch (or the batch it retries) started; null when no believed listing says. The
   * engine sets it to null for every account when the gateway contradicts the first listing.
   */
  wasBot: boolean | null;
  /** An earlier batch sent it and nothing settled what that call did. */
  readonly previouslySent: boolean;
  attempts: number;
  answeredOk: boolean;
  /** The gateway answered "invalid parameter", its answer for a bot that does not exist. */
  notFound: boolean;
  /** Some attempt may have taken effect without us seeing it: a lost, late, garbled or unclear answer. */
  ambiguous: boolean;
  /** Some attempt was answered by the gateway in words that do not say nothing happened (10002, FAIL with 0, …). */
  answeredUnclear: boolean;
  last: Failure | null;
}

export const REASONS = {
  stillListed: 'the gateway answered OK, but the bot is still listed',
  okButNotABot: 'the gateway answered OK, but it was not a chatbot when the batch started and is listed now',
  okButNotListed: 'the gateway answered OK, but the listing before the batch did not have it',
  notFoundAfterSend: 'not found after an earlier call that may have deleted it',
  notFoundButListed: 'the gateway said it does not exist, but it was listed as a chatbot when the batch started',
  notFoundUnknown: 'the gateway said it does not exist, and no believed listing from before the batch says whether it was a chatbot',
  answerLost: 'the answer was lost, and no trusted listing settles whether the bot is gone',
  goneButUnknown: 'it is no longer listed, but whether it was a chatbot before the batch is not known (no believed first listing)',
  stillABot: 'it is still listed as a chatbot',
  stillListedAfterUnclear: 'it is still listed, but an unclear answer leaves open whether the deletion is under way or the listing is late',
  onlyTheListing: 'every answer was lost; it is no longer listed, but a listing alone does not settle a deletion (retry to confirm)',
  notListedNoAnswer:
    'the listing before the batch did not have it, but no answer of the gateway said it does not exist: only the listing says it was not a chatbot',
  refusedUnknown: 'the gateway refused, and no believed listing from before the batch says whether it is a chatbot',
  notFoundGone:
    'it was listed before the batch, but the gateway said it does not exist and it is not listed now: it may have been deleted elsewhere, or the first listing was wrong',
  listedAgainstAnswers: 'it is listed now, though it was not listed before the batch and the gateway said it does not exist',
  listedByUntrusted: 'it is still listed, by a final listing that was not believed for the rest: the answers and that listing disagree',
} as const;

/**
 * Whether an account was a chatbot when its sweep started: listed now, or (for an account an earlier batch sent)
 * listed when that batch started. An account nobody sent that is missing now is not a bot, whatever was known before.
 * `listedNow` is null when there is no believed listing (it failed, or the gateway contradicted it).
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

/** An OK answer for an account the first listing lacked: the listing is wrong, and believed for no account. */
export function contradictsListing(evidence: Evidence): boolean {
  return evidence.answeredOk && evidence.wasBot === false && !evidence.previouslySent;
}

/** An account's result: the last error is shown only where the status is about it (failed, unconfirmed). */
export function accountResult(
  evidence: Pick<Evidence, 'account' | 'attempts' | 'last'>,
  status: AccountStatus,
  errorInfo: string | null = evidence.last?.errorInfo ?? null,
): AccountResult {
  const showsError = status === 'failed' || status === 'unconfirmed';
  return {
    account: evidence.account,
    status,
    errorCode: showsError ? (evidence.last?.errorCode ?? null) : null,
    errorInfo: showsError ? errorInfo : null,
    attempts: evidence.attempts,
  };
}

/** Some call for the account, in this batch or an earlier one, may have taken effect unseen. */
function unclear(evidence: Evidence): boolean {
  return evidence.ambiguous || evidence.previouslySent;
}

/**
 * The outcome right after the calls, before any final listing. Rules, first match wins:
 * P1 OK for an account the first listing had, or with no believed first listing → deleted.
 * P2 OK for an account the first listing lacked → unconfirmed (the engine then believes that listing for no account).
 * P3 a believed first listing lacked it, the gateway said "not found", and no call (this batch's or an earlier one's)
 *    may have taken effect → absent: the listing and the answer agree (the final listing is checked after).
 * P4 "not found" after an unclear call (this batch's or an earlier one's) → unconfirmed: it may be that call's doing.
 * P5 "not found" for a bot of the first listing → unconfirmed.
 * P6 "not found", with no believed first listing → unconfirmed.
 * P7 an unclear answer (lost, 10002, FAIL with 0, unknown code, garbled) or an earlier unsettled call → unconfirmed.
 * P8 the first listing lacked it, but no answer said "not found" (refusals, "too frequent" only) → unconfirmed: the
 *    listing alone is one signal.
 * P9 only definite refusals, with no believed first listing → unconfirmed: "still a bot" is not known.
 * P10 only definite refusals for a bot of the first listing → failed.
 */
export function provisionalResult(evidence: Evidence): AccountResult {
  if (evidence.answeredOk)
    return evidence.wasBot === false ? accountResult(evidence, 'unconfirmed', REASONS.okButNotListed) : accountResult(evidence, 'deleted');
  if (evidence.notFound) {
    if (unclear(evidence)) return accountResult(evidence, 'unconfirmed', REASONS.notFoundAfterSend);
    if (evidence.wasBot === false) return accountResult(evidence, 'absent');
    return accountResult(evidence, 'unconfirmed', evidence.wasBot === true ? REASONS.notFoundButListed : REASONS.notFoundUnknown);
  }
  if (unclear(evidence)) return accountResult(evidence, 'unconfirmed', evidence.last?.errorInfo ?? REASONS.answerLost);
  if (evidence.wasBot === false) return accountResult(evidence, 'unconfirmed', REASONS.notListedNoAnswer);
  if (evidence.wasBot === null) return accountResult(evidence, 'unconfirmed', REASONS.refusedUnknown);
  return accountResult(evidence, 'failed');
}

/** Whether a failure had no effect for certain: a definite refusal, with no earlier call that may have worked. */
function definitelyUntouched(evidence: Evidence, current: AccountResult): boolean {
  return current.status === 'failed' && !unclear(evidence) && !evidence.answeredOk;
}

/**
 * Why a final listing cannot be believed, or null when it is consistent with what is known: bots listed at the
 * start (by a believed listing) and outside the batch are still listed, and bots the gateway definitely refused to
 * delete (or that were never sent) are still listed.
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

/**
 * The outcome once a trusted final listing is known (consistent, and confirmed by a second one where it settles an
 * account as gone); null when it changes nothing. Rules, first match wins:
 * V1 deleted, still listed → unconfirmed.
 * V2 absent, still listed → unconfirmed: the first listing and the answer said no bot, this listing says one.
 * V3 unconfirmed, still listed → unconfirmed after an unclear call or a "not found" (never failed on a listing's word
 *    against an answer), else failed: the refusal and the listing agree it is a bot.
 * V4 unconfirmed, gone, "not found" after an unclear call for a bot of the first listing → deleted.
 * V5 unconfirmed, gone, the gateway answered unclearly (it got the call) for a bot of the first listing → deleted.
 * V6 unconfirmed, gone, "not found" for a bot of the first listing, nothing unclear → unconfirmed: not our doing.
 * V7 unconfirmed, gone, no believed first listing → unconfirmed (whether it was a chatbot is not known).
 * V8 unconfirmed, gone, every answer lost → unconfirmed (a listing alone does not settle a deletion).
 * V9 failed, skipped, or anything else → no change.
 */
export function verifiedResult(evidence: Evidence, current: AccountResult, listed: ReadonlySet<string>): AccountResult | null {
  const stillThere = listed.has(evidence.account);
  switch (current.status) {
    case 'deleted':
      return stillThere ? accountResult(evidence, 'unconfirmed', REASONS.stillListed) : null;
    case 'absent':
      return stillThere ? accountResult(evidence, 'unconfirmed', REASONS.listedAgainstAnswers) : null;
    case 'unconfirmed':
      if (stillThere)
        return unclear(evidence) || evidence.notFound
          ? accountResult(
              evidence,
              'unconfirmed',
              unclear(evidence) ? REASONS.stillListedAfterUnclear : (current.errorInfo ?? REASONS.stillABot),
            )
          : accountResult(evidence, 'failed', evidence.last?.errorInfo ?? REASONS.stillABot);
      if (evidence.wasBot === null) return accountResult(evidence, 'unconfirmed', REASONS.goneButUnknown);
      if (evidence.wasBot === false) return null;
      if (evidence.notFound)
        return unclear(evidence) ? accountResult(evidence, 'deleted') : accountResult(evidence, 'unconfirmed', REASONS.notFoundGone);
      if (evidence.answeredUnclear) return accountResult(evidence, 'deleted');
      return accountResult(evidence, 'unconfirmed', REASONS.onlyTheListing);
    case 'failed':
    case 'skipped':
    case 'recreated':
    case 'already-a-bot':
      return null;
  }
}

/**
 * What a final listing that was not believed can still say: an account recorded deleted or absent that it lists is
 * in doubt (a lying listing is likelier to leave bots out than to make them up). Null when it changes nothing.
 */
export function distrustedResult(evidence: Evidence, current: AccountResult, listed: ReadonlySet<string>): AccountResult | null {
  if ((current.status === 'deleted' || current.status === 'absent') && listed.has(evidence.account))
    return accountResult(evidence, 'unconfirmed', REASONS.listedByUntrusted);
  return null;
}
