// The Chat REST gateway client: a UserSig signed by the wall clock, the signed URL, and a classified outcome for every
// call (the exchange itself is ./transport.ts; reading and checking answers is ./answers.ts).
import { checkEndpoint, connectBaseUrl, unusablePort } from '../../../shared/endpoint.js';
import { escapeUnsafe } from '../../../shared/unsafe-text.js';
import type { BotProfile } from '../../../shared/sweep.js';
import type { Clock, PauseSignal } from '../clock.js';
import { checkListing, PROFILE_TAGS, readAnswer, readNicknames, readProfiles, type ProfilesRead } from './answers.js';
import { malformed, type CallOutcome, type Failure, type FetchLike, type GatewayAnswer, type RobotListing } from './outcome.js';
import { exchange, type TransportConfig } from './transport.js';
import { generateUserSig, USERSIG_LIFETIME_SECONDS } from './usersig.js';

export type { CallOutcome, FetchLike, GatewayAnswer, NetworkProblem, RobotListing } from './outcome.js';

/** The longest a gateway UserSig lives: a leaked one is worth an hour at most. */
export const GATEWAY_USERSIG_LIFETIME_SECONDS = USERSIG_LIFETIME_SECONDS;

export interface GatewayConfig {
  /** `https://host[/path]`, or `http://` to a loopback host. */
  readonly baseUrl: string;
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  readonly fetch: FetchLike;
  /** Milliseconds since the epoch by the wall clock (the gateway checks a UserSig's time against its own). */
  readonly now: () => number;
  /** A uniformly random unsigned 32-bit integer. */
  readonly randomUint32: () => number;
  /** Per-request timeout; default 10 s. */
  readonly timeoutMs?: number;
  /** Lifetime of the UserSig the client signs; default and most one hour. */
  readonly userSigLifetimeSeconds?: number;
  /** Waits out timeouts; default the system clock. */
  readonly timer?: Clock;
  /** Pauses of this process: a call that timed out across one waits once more before it counts. */
  readonly pauses?: PauseSignal;
  /** Largest answer read; default 8 MB. */
  readonly maxAnswerBytes?: number;
}

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
  private readonly transport: TransportConfig;
  private readonly lifetime: number;
  /** A port no web client connects to: every call is refused here, before anything is sent. */
  private readonly unusablePort: number | null;
  private userSig: { value: string; madeAt: number } | null = null;

  constructor(private readonly config: GatewayConfig) {
    const check = checkEndpoint(config.baseUrl);
    if (!check.ok) throw new EndpointError(check.message);
    this.baseUrl = check.baseUrl;
    this.connectUrl = connectBaseUrl(check.baseUrl);
    this.unusablePort = unusablePort(check.baseUrl);
    this.lifetime = Math.min(config.userSigLifetimeSeconds ?? GATEWAY_USERSIG_LIFETIME_SECONDS, GATEWAY_USERSIG_LIFETIME_SECONDS);
    this.transport = {
      fetch: config.fetch,
      timeoutMs: config.timeoutMs ?? 10_000,
      baseUrl: check.baseUrl,
      redact: (text) => this.redact(text),
      ...(config.timer ? { timer: config.timer } : {}),
      ...(config.pauses ? { pauses: config.pauses } : {}),
      ...(config.maxAnswerBytes ? { maxAnswerBytes: config.maxAnswerBytes } : {}),
    };
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
    // The same refusal whatever the transport: the app's fetch would refuse the port, the CLI's node:http would try it.
    if (this.unusablePort !== null) return unusablePortFailure(this.unusablePort);
    const url = this.url(service, command, this.currentUserSig(renewUserSig));
    const answer = await exchange(this.transport, url, JSON.stringify(body), signal);
    return answer.ok ? readAnswer<T>(answer.text, (text) => this.redact(text)) : answer;
  }

  deleteRobot(account: string, signal?: AbortSignal): Promise<CallOutcome> {
    return this.call(ROBOT_SERVICE, 'delete_robot', { Robot_Account: account }, signal);
  }

  /**
   * The app's chatbots, checked: only valid accounts, each once (the rest counted in `invalid`). `Robot_Account` is
   * absent when the gateway left the field out: callers decide what that means.
   */
  async getAllRobots(signal?: AbortSignal): Promise<CallOutcome<RobotListing>> {
    const outcome = await this.call(ROBOT_SERVICE, 'get_all_robots', {}, signal);
    return outcome.ok ? checkListing(outcome.answer) : outcome;
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
    const { ActionStatus, ErrorCode, ErrorInfo } = outcome.answer;
    // Only the checked nicknames go on: the raw profile items may hold anything, of any size.
    return { ok: true, answer: { ActionStatus, ErrorCode, ErrorInfo, nicknames: readNicknames(items, NICK_TAG) } };
  }

  /**
   * Nickname, avatar URL and signature of up to 100 accounts (one portrait_get), the snapshot taken before deletion;
   * an account the answer lacks or refuses is missing, with why.
   */
  async profiles(accounts: readonly string[], signal?: AbortSignal): Promise<CallOutcome<GatewayAnswer & ProfilesRead>> {
    const outcome = await this.call(PROFILE_SERVICE, 'portrait_get', { To_Account: accounts, TagList: Object.keys(PROFILE_TAGS) }, signal);
    if (!outcome.ok) return outcome;
    const items: unknown = outcome.answer.UserProfileItem;
    if (!Array.isArray(items)) return malformed('UserProfileItem is not a list');
    const { ActionStatus, ErrorCode, ErrorInfo } = outcome.answer;
    return { ok: true, answer: { ActionStatus, ErrorCode, ErrorInfo, ...readProfiles(items, accounts) } };
  }

  /** Makes the UserID a chatbot (again), with the profile fields that are set; an existing one stays one bot. */
  createRobot(account: string, profile?: BotProfile | null, signal?: AbortSignal): Promise<CallOutcome> {
    const body: Record<string, string> = { UserID: account };
    if (profile?.nickname) body.Nick = profile.nickname;
    if (profile?.faceUrl) body.FaceUrl = profile.faceUrl;
    if (profile?.signature) body.SelfSignature = profile.signature;
    return this.call(ROBOT_SERVICE, 'create_robot', body, signal);
  }
}

/** A call refused on this computer: nothing was sent, so it is never retried and says nothing about the gateway. */
export function unusablePortFailure(port: number): Failure {
  return {
    ok: false,
    errorClass: 'local',
    errorCode: null,
    errorInfo: `port ${port} is one no web client may connect to (the fetch standard's "bad port" list), so nothing was sent`,
    advice: 'Give the endpoint another port.',
    ambiguous: false,
  };
}

/** A crypto-random uint32, the gateway's `random` parameter. */
export function cryptoRandomUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
