// Why a batch stopped early, in words: each stop kind's message and advice, built from what the gateway did.
import type { BatchStop } from '../../../shared/sweep.js';
import { describeFileError } from '../file-errors.js';
import type { Failure } from '../tim/outcome.js';

const RETRY_ADVICE = 'Check that you are online and that the region or endpoint is right, then retry the batch to send the rest.';

/** A refusal that makes every further call pointless: credentials, the app, a lockout, an address that is not the gateway. */
export function stopFromFailure(failure: Failure): BatchStop {
  const kind =
    failure.errorClass === 'credentials'
      ? 'credentials'
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
    advice: 'Free some disk space or make the data folder writable, then retry the batch; nothing more was sent.',
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
  return { kind: 'unreachable', errorCode: null, errorInfo, advice: RETRY_ADVICE };
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
    advice: RETRY_ADVICE,
  };
}

export function unknownCodeStop(last: Failure, accounts: number): BatchStop {
  return {
    kind: 'unknown-error',
    errorCode: last.errorCode,
    errorInfo: `the gateway answered error ${last.errorCode}, which Botsweep does not know, to ${accounts} accounts in a row (${last.errorInfo})`,
    advice: 'Look the code up in the Chat error-code documentation; retry the batch once it is resolved.',
  };
}

export function tooFrequentStop(last: Failure, answers: number, silentMs: number): BatchStop {
  return {
    kind: 'too-frequent',
    errorCode: last.errorCode,
    errorInfo:
      `the gateway answered only "too frequent" for ${Math.round(silentMs / 1000)} s (${answers} answers in a row, the last: ` +
      `${last.errorInfo}${last.retryAfterMs !== undefined ? `, asking to wait ${Math.round(last.retryAfterMs / 1000)} s` : ''})`,
    advice: 'Another client may be using up this app’s call quota: wait for it to finish (or lower --rate), then retry the batch.',
  };
}
