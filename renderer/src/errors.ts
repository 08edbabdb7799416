// Turns an error from the contract (a stable code and parameters) into a sentence in the interface language, with any
// invisible or text-direction character from outside (an account, gateway text) escaped, as the CLI prints it.
import type { ApiError } from '../../shared/api';
import { isApiErrorCode } from '../../shared/errors';
import { escapeUnsafe } from '../../shared/unsafe-text';
import { ApiFailure } from './api';
import { exists, type Translate } from './i18n';

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).kind === 'string' && 'message' in value;
}

/** A gateway ErrorCode in words: its own sentence, the signature family's, or a generic one. */
export function gatewayCodeText(t: Translate, code: number): string {
  if (exists(`gatewayCodes.${code}`)) return t(`gatewayCodes.${code}`);
  if (code >= 70000 && code < 80000) return t('gatewayCodes.signature');
  return t('gatewayCodes.other', { code });
}

/** The user's words for any failure: a coded ApiError is translated; anything else keeps its own text. */
export function errorText(t: Translate, error: unknown): string {
  return escapeUnsafe(errorWords(t, error));
}

function errorWords(t: Translate, error: unknown): string {
  const api = error instanceof ApiFailure ? error.error : isApiError(error) ? error : null;
  if (!api) return error instanceof Error ? error.message : String(error);
  const code = isApiErrorCode(api.code) ? api.code : isApiErrorCode(api.kind) ? api.kind : null;
  if (!code) return api.message;
  const params = api.params ?? {};
  if (code === 'gateway-refused' && typeof params.code === 'number')
    return t('apiErrors.gateway-refused', { detail: gatewayCodeText(t, params.code), code: params.code });
  return t(`apiErrors.${code}`, { detail: api.message, ...params });
}
