// The renderer's only way out: `window.botsweep` (preload in the app, the web bridge in a browser), unwrapped.
import type { ApiError, BotsweepApi, Result } from '../../shared/api';

declare global {
  interface Window {
    readonly botsweep: BotsweepApi;
  }
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function botsweep(): BotsweepApi {
  return window.botsweep;
}

/** The value of a call, or an ApiFailure carrying the main process's words. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new ApiFailure(result.error);
}
