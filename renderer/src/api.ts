// The renderer's only way out: `window.botsweep` (preload in the app, the web bridge in a browser), unwrapped.
import type { ApiError, BotsweepApi, Response, Result } from '../../shared/api';

/** The answers renderer/early.js asked for before the app's code ran; absent where the page has no such script. */
export interface EarlyAnswers {
  readonly settings: Promise<Result<Response<'settings.get'>>>;
  readonly profiles: Promise<Result<Response<'profiles.list'>>>;
  readonly running: Promise<Result<Response<'sweep.status'>>>;
}

declare global {
  interface Window {
    readonly botsweep: BotsweepApi;
    readonly botsweepEarly?: EarlyAnswers;
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
