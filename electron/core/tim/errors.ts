// Classifies the gateway's answers: which error codes are retried, which stop a batch, and what to tell the user.
import { escapeUnsafe } from '../../../shared/unsafe-text.js';

/**
 * - `transient`: retry with backoff.
 * - `rate-limited`: slow down, then retry.
 * - `item`: permanent for this account only; never retried, the batch goes on.
 * - `credentials`: key, SDKAppID, identifier or region are wrong; every call would fail: stop the batch.
 * - `fatal`: the app or request is refused as a whole (no admin rights, app disabled, locked); stop the batch.
 * - `network`: no answer (offline, refused, timeout, dropped connection); retry.
 * - `malformed`: an answer that is not the gateway's JSON; retry.
 * - `redirect`: an HTTP redirect, never followed (it would send the UserSig elsewhere); stop the batch.
 * - `not-gateway`: an HTTP answer the Chat REST gateway never gives (403, 404, another 4xx): the address is not the
 *   gateway; stop the batch.
 * - `local`: this computer would not send the call (a port no web client may use): nothing left; stop the batch.
 */
export type ErrorClass =
  'transient' | 'rate-limited' | 'item' | 'credentials' | 'fatal' | 'network' | 'malformed' | 'redirect' | 'not-gateway' | 'local';

export interface ErrorCodeInfo {
  readonly errorClass: ErrorClass;
  readonly meaning: string;
  /** What the user should do, in a sentence. */
  readonly advice: string;
}

const CHECK_CREDENTIALS = 'Check the secret key and the SDKAppID.';
const CHECK_REGION = 'The SDKAppID lives in another region: pick the region shown for it in the Chat console.';
const RETRY_LATER = 'Try again in a moment.';

export const ERROR_CODES: ReadonlyMap<number, ErrorCodeInfo> = new Map<number, ErrorCodeInfo>([
  [10002, { errorClass: 'transient', meaning: 'internal server error', advice: RETRY_LATER }],
  [10004, { errorClass: 'item', meaning: 'invalid parameter', advice: 'Check the account ID; it may not exist.' }],
  [
    10008,
    {
      errorClass: 'fatal',
      meaning: 'invalid request: the identifier is not an app admin, or the bot quota is reached',
      advice: 'Use the app administrator account as the identifier.',
    },
  ],
  [
    60002,
    { errorClass: 'fatal', meaning: 'HTTP parse error', advice: 'Check the endpoint URL; if it is right, report this as a Botsweep bug.' },
  ],
  [60003, { errorClass: 'fatal', meaning: 'JSON parse error', advice: 'Report this as a Botsweep bug.' }],
  [60004, { errorClass: 'credentials', meaning: 'account or signature error', advice: CHECK_CREDENTIALS }],
  [60005, { errorClass: 'credentials', meaning: 'account or signature error', advice: CHECK_CREDENTIALS }],
  [60006, { errorClass: 'credentials', meaning: 'SDKAppID invalid', advice: 'Check the SDKAppID.' }],
  [60007, { errorClass: 'rate-limited', meaning: 'REST call frequency over the limit', advice: 'Lower the call rate.' }],
  [60008, { errorClass: 'transient', meaning: 'service timeout or bad HTTP format', advice: RETRY_LATER }],
  [
    60010,
    {
      errorClass: 'credentials',
      meaning: 'the identifier is not an app admin',
      advice: 'Use the app administrator account as the identifier.',
    },
  ],
  [60011, { errorClass: 'rate-limited', meaning: 'SDKAppID request frequency over the limit', advice: 'Lower the call rate.' }],
  [60016, { errorClass: 'fatal', meaning: 'the app is disabled', advice: 'Re-enable the app in the Chat console.' }],
  [60017, { errorClass: 'fatal', meaning: 'the request is disabled', advice: 'Check the app’s feature settings in the Chat console.' }],
  [60018, { errorClass: 'rate-limited', meaning: 'requests too frequent', advice: 'Lower the call rate.' }],
  [60019, { errorClass: 'rate-limited', meaning: 'requests too frequent', advice: 'Lower the call rate.' }],
  [60020, { errorClass: 'fatal', meaning: 'the plan has expired', advice: 'Renew the app’s plan in the Chat console.' }],
  [60021, { errorClass: 'fatal', meaning: 'the source IP is not allowed', advice: 'Add this machine’s IP to the app’s allow-list.' }],
  [
    70001,
    {
      errorClass: 'credentials',
      meaning: 'UserSig expired',
      advice: 'Botsweep signs a fresh one-hour UserSig, so check the computer’s clock: its date, time and time zone must be right.',
    },
  ],
  [70003, { errorClass: 'credentials', meaning: 'UserSig could not be parsed', advice: CHECK_CREDENTIALS }],
  [
    70009,
    {
      errorClass: 'credentials',
      meaning: 'the signature was rejected (wrong key for this SDKAppID)',
      advice: 'Check the secret key, the SDKAppID and the region.',
    },
  ],
  [70013, { errorClass: 'credentials', meaning: 'identifier does not match the UserSig', advice: 'Check the admin identifier.' }],
  [70014, { errorClass: 'credentials', meaning: 'SDKAppID does not match the UserSig', advice: 'Check the SDKAppID.' }],
  [70016, { errorClass: 'credentials', meaning: 'key not found: wrong region', advice: CHECK_REGION }],
  [70020, { errorClass: 'credentials', meaning: 'SDKAppID not found: wrong region', advice: CHECK_REGION }],
  [
    70050,
    {
      errorClass: 'fatal',
      meaning: 'too many bad signatures: locked for a minute',
      advice: 'Wait a minute, fix the secret key, then try again.',
    },
  ],
]);

/**
 * Codes that do not say the call had no effect: 10002 (an internal error, after which the deletion may have happened)
 * and 60008 (a service timeout). Every other code in the table is a definite refusal: nothing happened.
 */
const UNCLEAR_CODES: ReadonlySet<number> = new Set([10002, 60008]);

/**
 * Whether an error code says for certain that the call changed nothing (a documented refusal: "not found", not an
 * admin, credentials, the app refused, too frequent). 10002, 60008, 0 (a FAIL that says "no error") and codes
 * Botsweep does not know may have taken effect.
 */
export function isDefiniteRefusal(code: number | null): boolean {
  if (code === null || code === 0 || UNCLEAR_CODES.has(code)) return false;
  return ERROR_CODES.has(code) || (code >= 70000 && code < 80000);
}

/** Classification of any code, including ones the table does not list. */
export function classifyErrorCode(code: number): ErrorCodeInfo {
  const known = ERROR_CODES.get(code);
  if (known) return known;
  if (code >= 70000 && code < 80000) {
    return { errorClass: 'credentials', meaning: `signature error ${code}`, advice: CHECK_CREDENTIALS };
  }
  return { errorClass: 'item', meaning: `error ${code}`, advice: 'See the Chat error-code documentation for this code.' };
}

/** Errors that make every further call of a batch pointless. */
export function stopsBatch(errorClass: ErrorClass): boolean {
  return (
    errorClass === 'credentials' ||
    errorClass === 'fatal' ||
    errorClass === 'redirect' ||
    errorClass === 'not-gateway' ||
    errorClass === 'local'
  );
}

/** Errors worth another attempt. */
export function isRetryable(errorClass: ErrorClass): boolean {
  return errorClass === 'transient' || errorClass === 'rate-limited' || errorClass === 'network' || errorClass === 'malformed';
}

/** "the signature was rejected (wrong key for this SDKAppID) [70009: UserSig verification failed]" */
export function describeError(errorCode: number | null, rawInfo: string | null): string {
  // Stored text may come from an older journal or another source: never let it carry control characters.
  const errorInfo = rawInfo === null ? null : escapeUnsafe(rawInfo);
  if (errorCode === null) return errorInfo ?? 'unknown error';
  const meaning = classifyErrorCode(errorCode).meaning;
  return errorInfo && errorInfo !== meaning ? `${meaning} [${errorCode}: ${errorInfo}]` : `${meaning} [${errorCode}]`;
}
