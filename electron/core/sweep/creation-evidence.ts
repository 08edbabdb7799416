// What a re-creation learned about each account (the listing before it, the gateway's answers to create_robot, the
// listing afterwards) and the one outcome that evidence supports: `recreated` needs an OK answer and a trusted listing
// afterwards that has the bot; where in doubt, `unconfirmed` with why. 10008 is the per-account bot quota here.
import type { AccountResult, AccountStatus } from '../../../shared/sweep.js';
import type { CallOutcome, Failure } from '../tim/outcome.js';

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

function result(
  evidence: CreationEvidence,
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

/**
 * The outcome right after the calls, before the listing afterwards. Rules, first match wins:
 * C1 listed before the batch, nothing sent → already-a-bot.
 * C2 answered OK → recreated, until the listing afterwards says otherwise (R1, R2).
 * C3 an unclear answer (lost, 10002, FAIL with 0, garbled) or an earlier unsettled call → unconfirmed.
 * C4 only definite refusals (10004, 10008 the quota, …) → failed.
 */
export function provisionalCreation(evidence: CreationEvidence): AccountResult {
  if (evidence.attempts === 0 && !needsCall(evidence)) return result(evidence, 'already-a-bot');
  if (evidence.answeredOk) return result(evidence, 'recreated');
  if (evidence.ambiguous || evidence.previouslySent)
    return result(evidence, 'unconfirmed', evidence.last?.errorInfo ?? CREATION_REASONS.answerLost);
  return result(evidence, 'failed');
}

/**
 * The outcome once the listing afterwards is known (`listed`), or known not to be had or believed (null); null when it
 * changes nothing. Rules, first match wins:
 * R1 recreated, no trusted listing → unconfirmed (an OK alone is not enough).
 * R2 recreated, not listed → unconfirmed.
 * R3 unconfirmed, listed, the gateway answered unclearly (it got the call), not a bot before → recreated.
 * R4 unconfirmed, listed, no believed listing before → unconfirmed (whether it was a bot before is not known).
 * R5 unconfirmed, listed, every answer lost (or only an earlier call) → unconfirmed (a listing alone does not say the profile was set).
 * R6 unconfirmed, not listed, an unclear answer in this batch → unconfirmed; with only definite refusals → failed.
 * R7 failed, listed → unconfirmed (something made it a bot; not this batch's refused call).
 * R8 already-a-bot, skipped, anything else → no change (a listing afterwards that lacks a bot listed before is not believed at all).
 */
export function settledCreation(
  evidence: CreationEvidence,
  current: AccountResult,
  listed: ReadonlySet<string> | null,
): AccountResult | null {
  const there = listed?.has(evidence.account) ?? false;
  switch (current.status) {
    case 'recreated':
      if (listed === null) return result(evidence, 'unconfirmed', CREATION_REASONS.okUnchecked);
      return there ? null : result(evidence, 'unconfirmed', CREATION_REASONS.okNotListed);
    case 'unconfirmed':
      if (listed === null) return null;
      if (there) {
        if (evidence.answeredUnclear && evidence.wasBot === false) return result(evidence, 'recreated');
        if (evidence.wasBot === null) return result(evidence, 'unconfirmed', CREATION_REASONS.listedUnknownBefore);
        return result(evidence, 'unconfirmed', CREATION_REASONS.listedAfterLost);
      }
      return evidence.ambiguous
        ? result(evidence, 'unconfirmed', CREATION_REASONS.notListedAfterUnclear)
        : result(evidence, 'failed', evidence.last?.errorInfo ?? null);
    case 'failed':
      return there ? result(evidence, 'unconfirmed', CREATION_REASONS.refusedButListed) : null;
    default:
      return null;
  }
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
