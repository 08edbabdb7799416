// Runs one contract call for any transport (Electron IPC, the web host): checks the payload against its schema
// before the handler runs, and turns every failure into an ApiError the user can act on.
import type { ApiError, Channel, Handlers, Result } from '../../shared/api.js';
import { CHANNELS } from '../../shared/api-channels.js';
import { parseRequest } from './contract/request-schemas.js';
import { ProfileError } from './profiles.js';
import { EndpointError } from './tim/gateway.js';
import { CallFailed, Refusal } from './usecases/index.js';
import { VaultError } from './vault.js';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof Refusal || error instanceof CallFailed)
    return { kind: error.kind, message: error.message, code: error.code, params: error.params };
  if (error instanceof VaultError) return { kind: 'keychain', message: error.message, code: `keychain-${error.problem}`, params: {} };
  if (error instanceof ProfileError || error instanceof EndpointError)
    return { kind: 'invalid-request', message: error.message, code: 'profile-invalid', params: { detail: error.message } };
  const text = error instanceof Error ? error.message : String(error);
  return {
    kind: 'internal',
    message: `Botsweep hit an unexpected problem (${text}). Try again; if it persists, report it.`,
    code: 'internal',
    params: { detail: text },
  };
}

function invalidRequest(message: string): ApiError {
  return { kind: 'invalid-request', message, code: 'invalid-request', params: { detail: message } };
}

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, onInternalError: (channel: string, error: unknown) => void = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) return { ok: false, error: invalidRequest(`unknown call "${String(channel).slice(0, 64)}"`) };
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return { ok: false, error: invalidRequest(parsed.message) };
    try {
      const handler = handlers[channel] as (payload: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.value) };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'internal') onInternalError(channel, error);
      return { ok: false, error: apiError };
    }
  };
}
