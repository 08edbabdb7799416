// Gives a failed gateway call its stable contract code and parameters (for the renderer to translate).
import type { ApiErrorKind } from '../../shared/api.js';
import type { ApiErrorCode, ErrorParams } from '../../shared/errors.js';
import { stopsBatch, type ErrorClass } from './tim/errors.js';

interface FailedCall {
  readonly errorClass: ErrorClass;
  readonly errorCode: number | null;
  readonly errorInfo: string;
}

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
  const http = /HTTP (\d{3})/.exec(outcome.errorInfo);
  if (http) return { kind, code: 'gateway-http', params: { status: Number(http[1]) } };
  if (/^no answer within/.test(outcome.errorInfo)) return { kind, code: 'gateway-timeout', params: {} };
  return { kind, code: 'gateway-unreachable', params: {} };
}
