// Why a batch stopped early, in words: each stop kind's message and advice, built from what the gateway did.
import type { BatchStop } from '../../../shared/sweep.js';
import { STOP_WORDS } from '../../../shared/vocabulary.js';
import { describeFileError } from '../file-errors.js';
import type { Failure } from '../tim/outcome.js';

/**
 * A refusal that makes every further call pointless: credentials, the app, a lockout, an address that is not the
 * gateway, or this computer refusing to send (a port no client may use). Its advice is the failure's own (the error
 * code's, which says more than the kind's).
 */
export function stopFromFailure(failure: Failure): BatchStop {
  const kind =
    failure.errorClass === 'credentials'
      ? 'credentials'
      : failure.errorClass === 'local'
        ? 'local'
        : failure.errorClass === 'redirect' || failure.errorClass === 'not-gateway'
          ? 'not-gateway'
          : failure.errorCode === 70050
            ? 'locked-out'
            : 'app';
  return { kind, errorCode: failure.errorCode, errorInfo: failure.errorInfo, advice: failure.advice };
}

export function journalStop(error: unknown): BatchStop {
  return {
    kind: 'journal',
    errorCode: null,
    errorInfo: `the history journal could not be written: ${describeFileError(error)}`,
    advice: STOP_WORDS.journal.advice,
  };
}

/** No answer at all: refused, unresolved, dropped, slow (accepted and never answered) or cut short, in those words. */
export function unreachableStop(last: Failure, calls: number, silentMs: number): BatchStop {
  const seconds = Math.max(1, Math.round(silentMs / 1000));
  const span = `${calls} call${calls === 1 ? '' : 's'} in a row, no answer for ${seconds} s`;
  let errorInfo: string;
  if (last.network === 'timeout') errorInfo = `the gateway is too slow or not answering: ${last.errorInfo} (${span})`;
  else if (last.network === 'cut-short') errorInfo = `the gateway’s answers were cut short: ${last.errorInfo} (${span})`;
  else errorInfo = `the gateway could not be reached: ${last.errorInfo} (${span})`;
  return { kind: 'unreachable', errorCode: null, errorInfo, advice: STOP_WORDS.unreachable.advice };
}

/** 5xx or garbled answers to every call. */
export function failingStop(last: Failure, calls: number, seconds: number): BatchStop {
  const http = /^the gateway answered (HTTP \d+)$/.exec(last.errorInfo)?.[1];
  return {
    kind: 'gateway-failing',
    errorCode: last.errorCode,
    errorInfo: http
      ? `the gateway answered ${http} to every call (${calls} in a row, ${seconds} s)`
      : `the gateway failed every call: ${last.errorInfo} (${calls} in a row, ${seconds} s)`,
    advice: STOP_WORDS['gateway-failing'].advice,
  };
}

export function unknownCodeStop(last: Failure, accounts: number): BatchStop {
  return {
    kind: 'unknown-error',
    errorCode: last.errorCode,
    errorInfo: `the gateway answered error ${last.errorCode}, which Botsweep does not know, to ${accounts} accounts in a row (${last.errorInfo})`,
    advice: STOP_WORDS['unknown-error'].advice,
  };
}

export function tooFrequentStop(last: Failure, answers: number, silentMs: number): BatchStop {
  return {
    kind: 'too-frequent',
    errorCode: last.errorCode,
    errorInfo:
      `the gateway answered only "too frequent" for ${Math.round(silentMs / 1000)} s (${answers} answers in a row, the last: ` +
      `${last.errorInfo}${last.retryAfterMs !== undefined ? `, asking to wait ${Math.round(last.retryAfterMs / 1000)} s` : ''})`,
    advice: STOP_WORDS['too-frequent'].advice,
  };
}
