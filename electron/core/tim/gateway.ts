// The Chat REST gateway client: signed URL, JSON POST with a timeout, and a classified outcome for every call.
import { checkEndpoint, connectBaseUrl } from '../../../shared/endpoint.js';
import { escapeUnsafe } from '../../../shared/unsafe-text.js';
import { classifyErrorCode, type ErrorClass } from './errors.js';
import { generateUserSig, USERSIG_LIFETIME_SECONDS } from './usersig.js';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<{
  status: number;
  /** `opaqueredirect` where a browser-style fetch hides a redirect's status. */
  type?: string;
  headers?: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** The longest a gateway UserSig lives: a leaked one is worth an hour at most. */
export const GATEWAY_USERSIG_LIFETIME_SECONDS = USERSIG_LIFETIME_SECONDS;

export interface GatewayConfig {
  /** `https://host[/path]`, or `http://` to a loopback host. */
  readonly baseUrl: string;
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  readonly fetch: FetchLike;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** A uniformly random unsigned 32-bit integer. */
  readonly randomUint32: () => number;
  /** Per-request timeout; default 10 s. */
  readonly timeoutMs?: number;
  /** Lifetime of the UserSig the client signs; default and most one hour. */
  readonly userSigLifetimeSeconds?: number;
}

export interface GatewayAnswer {
  readonly ActionStatus: string;
  readonly ErrorCode: number;
  readonly ErrorInfo: string;
  readonly [field: string]: unknown;
}

export type CallOutcome<T extends GatewayAnswer = GatewayAnswer> =
  | { readonly ok: true; readonly answer: T }
  | {
      readonly ok: false;
      readonly errorClass: ErrorClass;
      /** The gateway's ErrorCode, or null when it gave none (network, HTTP or parse failure). */
      readonly errorCode: number | null;
      /** A sentence safe to show and store: never the URL, the UserSig or the key. */
      readonly errorInfo: string;
      readonly advice: string;
      /** The request may have reached the gateway and taken effect (timeout, dropped connection, garbled answer). */
      readonly ambiguous: boolean;
    };

/** A get_all_robots answer: the list, or nothing when the gateway left the field out. */
export type RobotListing = GatewayAnswer & { readonly Robot_Account?: string[] };

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

export const ROBOT_SERVICE = 'openim_robot_http_svc';
export const PROFILE_SERVICE = 'profile';
const NICK_TAG = 'Tag_Profile_IM_Nick';

/** Renew the UserSig once less than this share of its lifetime is left. */
const RENEW_FRACTION = 0.1;

export class TimGateway {
  readonly baseUrl: string;
  /** Where requests really go: `http://localhost` is 127.0.0.1 by rule, never looked up in DNS. */
  private readonly connectUrl: string;
  private readonly timeoutMs: number;
  private readonly lifetime: number;
  private userSig: { value: string; madeAt: number } | null = null;

  constructor(private readonly config: GatewayConfig) {
    const check = checkEndpoint(config.baseUrl);
    if (!check.ok) throw new EndpointError(check.message);
    this.baseUrl = check.baseUrl;
    this.connectUrl = connectBaseUrl(check.baseUrl);
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.lifetime = Math.min(config.userSigLifetimeSeconds ?? GATEWAY_USERSIG_LIFETIME_SECONDS, GATEWAY_USERSIG_LIFETIME_SECONDS);
  }

  /** The UserSig for this client, signed once and renewed when 90% of its lifetime has passed (or the clock went back). */
  private currentUserSig(forceNew = false): string {
    const now = this.config.now();
    const renewAfterMs = this.lifetime * (1 - RENEW_FRACTION) * 1000;
    if (forceNew || !this.userSig || now - this.userSig.madeAt >= renewAfterMs || now < this.userSig.madeAt) {
      this.userSig = {
        value: generateUserSig({
          secretKey: this.config.secretKey,
          sdkAppId: this.config.sdkAppId,
          identifier: this.config.identifier,
          expireSeconds: this.lifetime,
          now: this.config.now,
        }),
        madeAt: now,
      };
    }
    return this.userSig.value;
  }

  private url(service: string, command: string, userSig: string): string {
    const query = new URLSearchParams({
      sdkappid: String(this.config.sdkAppId),
      identifier: this.config.identifier,
      usersig: userSig,
      random: String(this.config.randomUint32() >>> 0),
      contenttype: 'json',
    });
    return `${this.connectUrl}/v4/${service}/${command}?${query.toString()}`;
  }

  /**
   * Makes a text that came from the network safe to show and store: the key, the UserSig and our query string
   * removed, control and invisible characters escaped (no terminal escape sequences, no forged lines).
   */
  private redact(text: string): string {
    let out = text;
    for (const secret of [this.config.secretKey, this.userSig?.value]) {
      if (secret) out = out.split(secret).join('[redacted]');
    }
    return escapeUnsafe(out.replace(/\?(?:[^\s'"]*&)?(?:sdkappid|usersig)=[^\s'"]*/gi, '?[query redacted]'));
  }

  async call<T extends GatewayAnswer = GatewayAnswer>(
    service: string,
    command: string,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<CallOutcome<T>> {
    const outcome = await this.send<T>(service, command, body, signal, false);
    // An expired UserSig is re-signed once; a second 70001 is a real credentials problem (clock).
    if (!outcome.ok && outcome.errorCode === 70001) return this.send<T>(service, command, body, signal, true);
    return outcome;
  }

  private async send<T extends GatewayAnswer>(
    service: string,
    command: string,
    body: Record<string, unknown>,
    signal: AbortSignal | undefined,
    renewUserSig: boolean,
  ): Promise<CallOutcome<T>> {
    const url = this.url(service, command, this.currentUserSig(renewUserSig));
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let text: string;
    try {
      const response = await this.config.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: combined,
        // A redirect would carry the UserSig in the query to a host nobody checked, maybe over plain HTTP.
        redirect: 'manual',
      });
      status = response.status;
      if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
        return this.redirected(status, response.headers?.get('location') ?? null);
      }
      text = await response.text();
    } catch (error) {
      // Electron's net.fetch refuses a manual redirect by throwing instead of answering with it.
      if (/redirect/i.test(String((error as Error)?.message)) && !timeout.aborted && !signal?.aborted) return this.redirected(null, null);
      return this.networkFailure(error, timeout.aborted, signal?.aborted ?? false);
    }
    if (status !== 200) {
      const errorClass: ErrorClass = status === 429 ? 'rate-limited' : status >= 500 ? 'transient' : 'fatal';
      return {
        ok: false,
        errorClass,
        errorCode: null,
        errorInfo: `the gateway answered HTTP ${status}`,
        advice: status >= 500 || status === 429 ? 'Try again in a moment.' : 'Check the region or endpoint URL.',
        ambiguous: status >= 500,
      };
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return malformed('the answer is not JSON');
    }
    if (!isGatewayAnswer(answer)) return malformed('the answer lacks ActionStatus or ErrorCode');
    if (answer.ErrorCode === 0 && answer.ActionStatus === 'OK') return { ok: true, answer: answer as T };
    const info = classifyErrorCode(answer.ErrorCode);
    return {
      ok: false,
      errorClass: info.errorClass,
      errorCode: answer.ErrorCode,
      errorInfo: this.redact(answer.ErrorInfo || info.meaning),
      advice: info.advice,
      ambiguous: false,
    };
  }

  /** A 3xx: never followed. Names the status and the Location's host (never its path or query). */
  private redirected(status: number | null, location: string | null): CallOutcome<never> {
    let host = 'another address';
    if (location) {
      try {
        const url = new URL(location, this.baseUrl);
        host = `${url.protocol}//${escapeUnsafe(url.host)}`;
      } catch {
        host = 'an unreadable address';
      }
    }
    return {
      ok: false,
      errorClass: 'redirect',
      errorCode: null,
      errorInfo: `the gateway answered with a redirect${status ? ` (HTTP ${status})` : ''} to ${host}; Botsweep never follows one`,
      advice: 'Check the region or endpoint URL: give the address the gateway really answers on.',
      ambiguous: false,
    };
  }

  private networkFailure(error: unknown, timedOut: boolean, cancelled: boolean): CallOutcome<never> {
    if (timedOut) {
      return {
        ok: false,
        errorClass: 'network',
        errorCode: null,
        errorInfo: `no answer within ${this.timeoutMs} ms`,
        advice: 'Check the network, or raise the timeout.',
        ambiguous: true,
      };
    }
    if (cancelled) {
      return { ok: false, errorClass: 'network', errorCode: null, errorInfo: 'cancelled', advice: '', ambiguous: true };
    }
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const code = cause?.code ?? (error as { code?: string })?.code;
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    const detail = code ?? this.redact(String(cause?.message ?? (error as Error)?.message ?? error));
    return {
      ok: false,
      errorClass: 'network',
      errorCode: null,
      errorInfo: `network error: ${detail}`,
      advice:
        code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'The gateway’s name does not resolve: check that you are online, or try the backup domain.'
          : 'Check that you are online and that no proxy or firewall blocks the gateway.',
      ambiguous: !refused,
    };
  }

  deleteRobot(account: string, signal?: AbortSignal): Promise<CallOutcome> {
    return this.call(ROBOT_SERVICE, 'delete_robot', { Robot_Account: account }, signal);
  }

  /** The app's chatbots. `Robot_Account` is absent when the gateway left the field out: callers decide what that means. */
  async getAllRobots(signal?: AbortSignal): Promise<CallOutcome<RobotListing>> {
    const outcome = await this.call<RobotListing>(ROBOT_SERVICE, 'get_all_robots', {}, signal);
    if (!outcome.ok) return outcome;
    const list: unknown = outcome.answer.Robot_Account;
    if (list !== undefined && (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))) {
      return malformed('Robot_Account is not a list of strings');
    }
    return outcome;
  }

  /** Nicknames of up to 100 accounts (`v4/profile/portrait_get`); an account without one is left out. */
  async nicknames(
    accounts: readonly string[],
    signal?: AbortSignal,
  ): Promise<CallOutcome<GatewayAnswer & { nicknames: Record<string, string> }>> {
    const outcome = await this.call(PROFILE_SERVICE, 'portrait_get', { To_Account: accounts, TagList: [NICK_TAG] }, signal);
    if (!outcome.ok) return outcome;
    const items: unknown = outcome.answer.UserProfileItem;
    if (!Array.isArray(items)) return malformed('UserProfileItem is not a list');
    const nicknames: Record<string, string> = {};
    for (const item of items as { To_Account?: unknown; ResultCode?: unknown; ProfileItem?: unknown }[]) {
      if (typeof item?.To_Account !== 'string' || (item.ResultCode ?? 0) !== 0 || !Array.isArray(item.ProfileItem)) continue;
      const nick = (item.ProfileItem as { Tag?: unknown; Value?: unknown }[]).find((entry) => entry?.Tag === NICK_TAG)?.Value;
      if (typeof nick === 'string' && nick !== '') nicknames[item.To_Account] = nick;
    }
    return { ok: true, answer: { ...outcome.answer, nicknames } };
  }

  createRobot(account: string, signal?: AbortSignal): Promise<CallOutcome> {
    return this.call(ROBOT_SERVICE, 'create_robot', { UserID: account }, signal);
  }
}

function malformed(why: string): CallOutcome<never> {
  return {
    ok: false,
    errorClass: 'malformed',
    errorCode: null,
    errorInfo: `malformed answer: ${why}`,
    advice: 'Try again in a moment.',
    ambiguous: true,
  };
}

function isGatewayAnswer(value: unknown): value is GatewayAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.ActionStatus === 'string' && typeof record.ErrorCode === 'number';
}

/** A crypto-random uint32, the gateway's `random` parameter. */
export function cryptoRandomUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
