// What a re-creation learned about each account (the listing before it, the gateway's answers to create_robot, the
// listing afterwards) and the one outcome that evidence supports: `recreated` needs an OK answer and a trusted listing
// afterwards that has the bot; where in doubt, `unconfirmed` with why. 10008 is the per-account bot quota here.
import type { AccountResult } from '../../../shared/sweep.js';
import type { CallOutcome, Failure } from '../tim/outcome.js';
import { accountResult } from './evidence.js';

/** create_robot's answer when the admin account has as many chatbots as it may create (or is not an app admin). */
export const QUOTA_CODE = 10008;

export const QUOTA_ADVICE =
  'Delete chatbots this admin account no longer needs, or have Tencent Cloud raise its quota, then retry this re-creation.';

export interface CreationEvidence {
  readonly account: string;
  /** Listed by the believed listing before the batch (true), not listed (false), or no believed listing (null). */
  readonly wasBot: boolean | null;
  /** An earlier re-creation sent it and nothing settled what that call did: it is sent again, listed or not. */
  readonly previouslySent: boolean;
  attempts: number;
  answeredOk: boolean;
  /** Some attempt may have taken effect unseen: a lost, late, garbled or unclear answer. */
  ambiguous: boolean;
  /** Some attempt was answered by the gateway in words that do not say nothing happened (10002, FAIL with 0, …). */
  answeredUnclear: boolean;
  last: Failure | null;
}

export const CREATION_REASONS = {
  quota: 'the per-account bot quota is reached: the admin account has as many chatbots as it may create (or it is not an app admin)',
  okUnchecked: 'the gateway answered OK, but no trusted listing afterwards shows the bot',
  okNotListed: 'the gateway answered OK, but the listing afterwards does not have the bot',
  answerLost: 'the answer was lost, and no trusted listing settles whether the bot is back',
  listedAfterLost: 'it is listed now, but every answer was lost: whether its profile was set is not known (retry to settle)',
  listedUnknownBefore: 'it is listed now, but whether it was a chatbot before the batch is not known (no believed listing before it)',
  notListedAfterUnclear: 'it is not listed afterwards, and an unclear answer leaves open whether the creation is still under way',
  refusedButListed: 'the gateway refused, but the bot is listed now',
  listedAfterUnclear: 'it is listed now, but the gateway answered unclearly: whether this call set its saved profile is not known',
  staleBefore:
    'it was listed before the batch, so nothing was sent, but the listing afterwards lacks it: the listing before may have been stale (retry to re-create it)',
} as const;

/** A create_robot failure in a re-creation's words: 10008 is the quota, a refusal for this account only (the batch goes on). */
export function creationOutcome(outcome: CallOutcome): CallOutcome {
  if (outcome.ok || outcome.errorCode !== QUOTA_CODE) return outcome;
  return {
    ...outcome,
    errorClass: 'item',
    ambiguous: false,
    errorInfo: `${CREATION_REASONS.quota} (the gateway: ${outcome.errorInfo})`,
    advice: QUOTA_ADVICE,
  };
}

/** Whether create_robot is sent: not for a bot the listing before had, unless an earlier call for it may have worked. */
export function needsCall(evidence: CreationEvidence): boolean {
  return evidence.wasBot !== true || evidence.previouslySent;
}

/**
 * The outcome right after the calls, before the listing afterwards (and what the journal holds if the process dies
 * before it). Rules, first match wins:
 * C1 listed before the batch, nothing sent → already-a-bot.
 * C2 answered OK → unconfirmed until the listing afterwards shows the bot (R1): an OK alone is not a re-creation.
 * C3 an unclear answer (lost, 10002, FAIL with 0, garbled) or an earlier unsettled call → unconfirmed.
 * C4 only definite refusals (10004, 10008 the quota, …) → failed.
 */
export function provisionalCreation(evidence: CreationEvidence): AccountResult {
  if (evidence.attempts === 0 && !needsCall(evidence)) return accountResult(evidence, 'already-a-bot');
  if (evidence.answeredOk) return accountResult(evidence, 'unconfirmed', CREATION_REASONS.okUnchecked);
  if (evidence.ambiguous || evidence.previouslySent)
    return accountResult(evidence, 'unconfirmed', evidence.last?.errorInfo ?? CREATION_REASONS.answerLost);
  return accountResult(evidence, 'failed');
}

/**
 * The outcome once the listing afterwards is known (`listed`), or known not to be had or believed (null); null when it
 * changes nothing. Rules, first match wins:
 * R1 answered OK, listed afterwards → recreated; not listed → unconfirmed; no trusted listing → stays unconfirmed.
 * R2 unconfirmed, listed, the gateway answered unclearly → unconfirmed: it is a bot, but whether this call set its
 *    saved profile is not known (someone else may have re-created it).
 * R3 unconfirmed, listed, no believed listing before → unconfirmed (whether it was a bot before is not known).
 * R4 unconfirmed, listed, every answer lost (or only an earlier call) → unconfirmed (a listing alone does not say the profile was set).
 * R5 unconfirmed, not listed, an unclear answer in this batch → unconfirmed; with only definite refusals → failed.
 * R6 failed, listed → unconfirmed (something made it a bot; not this batch's refused call).
 * R7 already-a-bot, skipped, anything else → no change (a listing afterwards that lacks a bot listed before is not
 *    believed, and puts the already-a-bot accounts it lacks in doubt: staleCreation).
 */
export function settledCreation(
  evidence: CreationEvidence,
  current: AccountResult,
  listed: ReadonlySet<string> | null,
): AccountResult | null {
  const there = listed?.has(evidence.account) ?? false;
  switch (current.status) {
    case 'unconfirmed':
      if (listed === null) return null;
      if (evidence.answeredOk)
        return there ? accountResult(evidence, 'recreated') : accountResult(evidence, 'unconfirmed', CREATION_REASONS.okNotListed);
      if (there) {
        if (evidence.answeredUnclear) return accountResult(evidence, 'unconfirmed', CREATION_REASONS.listedAfterUnclear);
        if (evidence.wasBot === null) return accountResult(evidence, 'unconfirmed', CREATION_REASONS.listedUnknownBefore);
        return accountResult(evidence, 'unconfirmed', CREATION_REASONS.listedAfterLost);
      }
      return evidence.ambiguous
        ? accountResult(evidence, 'unconfirmed', CREATION_REASONS.notListedAfterUnclear)
        : accountResult(evidence, 'failed', evidence.last?.errorInfo ?? null);
    case 'failed':
      return there ? accountResult(evidence, 'unconfirmed', CREATION_REASONS.refusedButListed) : null;
    default:
      return null;
  }
}

/** An account left alone as already a bot that a listing afterwards lacks: the listing before may have been stale. */
export function staleCreation(evidence: CreationEvidence, current: AccountResult, after: ReadonlySet<string>): AccountResult | null {
  return current.status === 'already-a-bot' && !after.has(evidence.account)
    ? accountResult(evidence, 'unconfirmed', CREATION_REASONS.staleBefore)
    : null;
}

/**
 * Why the listing afterwards cannot be believed, or null: a re-creation removes no bot, so every bot a believed listing
 * had before the batch must still be listed.
 */
export function creationDistrust(listed: ReadonlySet<string>, before: ReadonlySet<string> | null): string | null {
  if (!before) return null;
  let missing = 0;
  for (const account of before) if (!listed.has(account)) missing++;
  return missing ? `${missing} chatbot${missing === 1 ? '' : 's'} listed before the batch vanished from the listing afterwards` : null;
}
