// One HTTP exchange with the gateway: a JSON POST with a timeout that a process pause does not trip, redirects never
// followed, answers that are not the gateway's named as such, and a body read with a size cap.
import { escapeUnsafe } from '../../../shared/unsafe-text.js';
import { systemClock, type Clock, type PauseSignal } from '../clock.js';
import type { ErrorClass } from './errors.js';
import type { AnswerBody, Failure, FetchLike, NetworkProblem } from './outcome.js';

/** Far above any real answer (20,000 bots list in about 400 KB); a larger body is not read. */
export const MAX_ANSWER_BYTES = 8 << 20;
/** The longest wait a Retry-After may ask for that is honoured; longer ones are cut to this. */
export const RETRY_AFTER_CAP_MS = 10_000;
/** How often a timeout is re-armed after pauses of the process before it counts. */
const PAUSE_REARMS = 3;

export interface TransportConfig {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  /** Waits out the timeout; the system clock unless a test passes a fake. */
  readonly timer?: Clock;
  /** Tells whether the process was paused while a call waited: such a timeout waits once more before it counts. */
  readonly pauses?: PauseSignal;
  /** The gateway's base URL, to name the host of a redirect or of an answer that is not the gateway's. */
  readonly baseUrl: string;
  readonly maxAnswerBytes?: number;
  /** Makes network text safe to show and store (no key, UserSig or query; no control characters). */
  readonly redact: (text: string) => string;
}

export type Exchange = { readonly ok: true; readonly text: string } | Failure;

class TimedOut extends Error {
  override readonly name = 'TimeoutError';
}

export async function exchange(config: TransportConfig, url: string, body: string, signal?: AbortSignal): Promise<Exchange> {
  const timeout = new AbortController();
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  const disarm = new AbortController();
  let acrossPause = false;
  void (async () => {
    let seen = config.pauses?.check() ?? 0;
    for (let rearms = 0; ; rearms++) {
      try {
        await (config.timer ?? systemClock).sleep(config.timeoutMs, disarm.signal);
      } catch {
        return;
      }
      const now = config.pauses?.check() ?? 0;
      if (now !== seen && rearms < PAUSE_REARMS) {
        // The process was stopped or asleep while it waited: its answer may be sitting unread. Wait once more.
        acrossPause = true;
        seen = now;
        continue;
      }
      timeout.abort(new TimedOut());
      return;
    }
  })();
  let phase: 'connect' | 'body' = 'connect';
  try {
    const response = await config.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: combined,
      // A redirect would carry the UserSig in the query to a host nobody checked, maybe over plain HTTP.
      redirect: 'manual',
    });
    const status = response.status;
    if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
      discard(response.body);
      return redirected(config.baseUrl, status, response.headers?.get('location') ?? null);
    }
    if (status !== 200) {
      discard(response.body);
      return httpFailure(config.baseUrl, status, response.headers?.get('retry-after') ?? null);
    }
    phase = 'body';
    const text = await readCapped(response, config.maxAnswerBytes ?? MAX_ANSWER_BYTES);
    if (text === null) {
      const mb = Math.round((config.maxAnswerBytes ?? MAX_ANSWER_BYTES) / (1 << 20));
      return { ...failure('malformed', `the answer is larger than ${mb} MB and was not read`, 'Try again in a moment.', true) };
    }
    return { ok: true, text };
  } catch (error) {
    const timedOut = timeout.signal.aborted;
    // Electron's net.fetch refuses a manual redirect by throwing instead of answering with it.
    if (!timedOut && !signal?.aborted && /redirect/i.test(String((error as Error)?.message))) return redirected(config.baseUrl, null, null);
    return networkFailure(config, error, { timedOut, cancelled: signal?.aborted ?? false, phase, acrossPause });
  } finally {
    disarm.abort();
  }
}

/** The body as text, or null when it is larger than `max` bytes (then it is not read further). */
async function readCapped(response: Awaited<ReturnType<FetchLike>>, max: number): Promise<string | null> {
  const declared = Number(response.headers?.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    discard(response.body);
    return null;
  }
  const body = response.body;
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
    const text = await response.text();
    return Buffer.byteLength(text) > max ? null : text;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels a web stream and destroys a Node one: the rest is never read.
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Lets go of a body nobody reads. */
function discard(body: AnswerBody | null | undefined): void {
  if (!body) return;
  if (typeof body.cancel === 'function') void body.cancel().catch(() => {});
  else body.destroy?.();
}

function failure(errorClass: ErrorClass, errorInfo: string, advice: string, ambiguous: boolean): Failure {
  return { ok: false, errorClass, errorCode: null, errorInfo, advice, ambiguous };
}

/** `https://host:port` of a URL relative to the base, for messages (never its path or query). */
function hostOf(baseUrl: string, location: string | null): string {
  if (!location) return 'another address';
  try {
    const url = new URL(location, baseUrl);
    return `${url.protocol}//${escapeUnsafe(url.host)}`;
  } catch {
    return 'an unreadable address';
  }
}

/** A 3xx: never followed. Names the status and the Location's host. */
function redirected(baseUrl: string, status: number | null, location: string | null): Failure {
  return withStatus(
    status,
    failure(
      'redirect',
      `${hostOf(baseUrl, baseUrl)} answered with a redirect${status ? ` (HTTP ${status})` : ''} to ${hostOf(baseUrl, location)}; ` +
        'Botsweep never follows one: it is not the Chat REST gateway',
      'Check the region or endpoint URL: give the address the gateway really answers on.',
      // Whatever answered may have passed the call on before it redirected: it does not say nothing happened.
      true,
    ),
  );
}

/** The HTTP status a failure came with, kept as a field (the contract's code reads it; its words never are). */
function withStatus(status: number | null, outcome: Failure): Failure {
  return status === null ? outcome : { ...outcome, httpStatus: status };
}

function httpFailure(baseUrl: string, status: number, retryAfter: string | null): Failure {
  return withStatus(status, httpFailureOf(baseUrl, status, retryAfter));
}

function httpFailureOf(baseUrl: string, status: number, retryAfter: string | null): Failure {
  if (status >= 500) {
    const wait = retryAfterMs(retryAfter);
    return {
      ...failure('transient', `the gateway answered HTTP ${status}`, 'Try again in a moment.', true),
      ...(wait === null ? {} : { retryAfterMs: wait }),
    };
  }
  if (status === 429) {
    const wait = retryAfterMs(retryAfter);
    return {
      ...failure('rate-limited', 'the gateway answered HTTP 429 (too many requests)', 'Lower the call rate.', false),
      ...(wait === null ? {} : { retryAfterMs: wait }),
    };
  }
  if (status === 408) return failure('transient', 'the gateway answered HTTP 408 (request timeout)', 'Try again in a moment.', false);
  // The Chat REST gateway answers every call it understands with HTTP 200: this is some other server (a proxy, a wrong
  // address), which may have passed the call on before it answered: only the gateway's own words say nothing happened.
  return failure(
    'not-gateway',
    `${hostOf(baseUrl, baseUrl)} answered HTTP ${status}: it is not the Chat REST gateway, which answers every call with HTTP 200`,
    'Check the region or endpoint URL: it must be the Chat REST API’s address for this app.',
    true,
  );
}

/** Retry-After in milliseconds (seconds or an HTTP date), capped; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}

function networkFailure(
  config: TransportConfig,
  error: unknown,
  how: { timedOut: boolean; cancelled: boolean; phase: 'connect' | 'body'; acrossPause: boolean },
): Failure {
  const pause = how.acrossPause ? { acrossPause: true } : {};
  if (how.timedOut) {
    const started = how.phase === 'body' ? ': the answer started but did not finish' : '';
    const paused = how.acrossPause ? ' (after a pause of this process)' : '';
    const info = `no answer within ${config.timeoutMs} ms${started}${paused}`;
    return { ...failure('network', info, 'Check the network, or raise the timeout.', true), network: 'timeout', ...pause };
  }
  if (how.cancelled) return { ...failure('network', 'cancelled', '', true), network: 'other' };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  // Node's fetch ("bad port") and Electron's net.fetch (ERR_UNSAFE_PORT) refuse a port before sending anything.
  if (cause?.message === 'bad port' || /ERR_UNSAFE_PORT/.test(String((error as Error)?.message)))
    return failure(
      'local',
      'this computer refused to connect to that port ("bad port"), so nothing was sent',
      'Give the endpoint another port.',
      false,
    );
  const detail = code ?? config.redact(String(cause?.message ?? (error as Error)?.message ?? error));
  let network: NetworkProblem;
  let info: string;
  if (code === 'ECONNREFUSED') [network, info] = ['refused', `connection refused (${code})`];
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') [network, info] = ['unresolved', `the gateway’s name does not resolve (${code})`];
  else if (how.phase === 'body') [network, info] = ['cut-short', `the answer was cut short (${detail})`];
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    [network, info] = ['dropped', `the connection was dropped before an answer (${detail})`];
  else [network, info] = ['other', `network error: ${detail}`];
  const advice =
    network === 'unresolved'
      ? 'The gateway’s name does not resolve: check that you are online, or try the backup domain.'
      : 'Check that you are online and that no proxy or firewall blocks the gateway.';
  // Refused or unresolved: the request never left. Anything else may have reached the gateway.
  return { ...failure('network', info, advice, network !== 'refused' && network !== 'unresolved'), network, ...pause };
}
