// Stable error codes that cross the contract with their parameters, so the renderer can say them in the user's
// language; the English message travels beside them for the CLI and the logs.

export const API_ERROR_CODES = [
  // One per ApiErrorKind: the fallback when nothing more precise is known.
  'invalid-request',
  'not-found',
  'keychain',
  'credentials',
  'network',
  'gateway',
  'busy',
  'forbidden',
  'internal',
  // Precise ones.
  'profile-missing',
  'profile-invalid',
  'secret-required',
  'test-secret-required',
  'batch-missing',
  'sweep-running',
  'history-busy',
  'nothing-to-retry',
  'retry-profile-missing',
  'retry-target-changed',
  'retry-accounts-changed',
  'retry-running',
  'retry-damaged',
  'nothing-to-recreate',
  'recreate-not-deletion',
  'recreate-accounts-not-deleted',
  'sweep-running-elsewhere',
  'journal-unwritable',
  'no-accounts',
  'invalid-accounts',
  'secret-missing',
  'key-bound-elsewhere',
  'protected-accounts',
  'protected-changed',
  'protected-pattern-unusable',
  'production-confirmation',
  'production-changed',
  'import-other-app',
  'lock-not-yours',
  'profiles-unreadable',
  'data-dir-unsafe',
  'gateway-refused',
  'gateway-unreachable',
  'gateway-timeout',
  'gateway-http',
  'gateway-malformed',
  'gateway-local',
  'keychain-unavailable',
  'keychain-locked',
  'keychain-missing',
  'web-token-lost',
  'web-refused',
  'web-host-down',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Values for the translated sentence: numbers and short strings (never a key, UserSig or URL with a query). */
export type ErrorParams = Readonly<Record<string, string | number>>;

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}
