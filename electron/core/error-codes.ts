// Gives a failed gateway call its stable contract code and parameters (for the renderer to translate), from the
// failure's fields only: its words may change without changing its code.
import type { ApiErrorKind } from '../../shared/api.js';
import type { ApiErrorCode, ErrorParams } from '../../shared/errors.js';
import { stopsBatch } from './tim/errors.js';
import type { Failure } from './tim/outcome.js';

type FailedCall = Pick<Failure, 'errorClass' | 'errorCode' | 'httpStatus' | 'network'>;

export interface CodedError {
  readonly kind: ApiErrorKind;
  readonly code: ApiErrorCode;
  readonly params: ErrorParams;
}

export function gatewayErrorCode(outcome: FailedCall): CodedError {
  if (outcome.errorClass === 'local') return { kind: 'invalid-request', code: 'gateway-local', params: {} };
  const kind: ApiErrorKind =
    outcome.errorClass === 'redirect'
      ? 'gateway'
      : stopsBatch(outcome.errorClass)
        ? 'credentials'
        : outcome.errorClass === 'network'
          ? 'network'
          : 'gateway';
  if (outcome.errorCode !== null) return { kind, code: 'gateway-refused', params: { code: outcome.errorCode } };
  if (outcome.errorClass === 'malformed') return { kind, code: 'gateway-malformed', params: {} };
  if (outcome.httpStatus !== undefined) return { kind, code: 'gateway-http', params: { status: outcome.httpStatus } };
  if (outcome.network === 'timeout') return { kind, code: 'gateway-timeout', params: {} };
  return { kind, code: 'gateway-unreachable', params: {} };
}
