// What the sandbox gateway can be told to do: its app, limits, and the faults, lies and outages it plays.
import type { RobotStore } from './robots.js';
import type { FetchLike } from '../tim/outcome.js';

/**
 * Faults a share of calls meet. Before the gateway acts (no effect): `10002`, `502`, `lost` (the connection dropped).
 * After it acted (the effect happened): `drop` (the answer lost), `malformed` (garbled), `slow` (late), `cut` (the body
 * cut short mid-answer), `10002-acted` (answered "internal error" anyway), `fail-0` (answered FAIL with ErrorCode 0),
 * `ok-code` (answered OK with an error code).
 */
export const FAULT_KINDS = ['10002', '502', 'drop', 'lost', 'malformed', 'slow', 'cut', '10002-acted', 'fail-0', 'ok-code'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * The whole gateway down or wrong: every connection refused (the port closed), every call answered HTTP 502, every
 * call answered "too frequent" (`limited`: 60007, or HTTP 429 with `rateLimitAnswer`), connections accepted and never
 * answered (`silent`), or an address that is not the gateway (`302`, `403`, `404`).
 */
export const OUTAGE_KINDS = ['refuse', '502', 'limited', 'silent', '302', '403', '404'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

/**
 * get_all_robots that lies: without its Robot_Account field, an empty list, the first half of the list, the first
 * `listingKeep` (default a third), or the list with junk entries (not chatbot accounts, duplicates) mixed in.
 * Only from the `listingFaultFrom`th listing on (default 1) and up to the `listingFaultTo`th (default every one).
 */
export const LISTING_FAULTS = ['no-field', 'empty', 'half', 'partial', 'junk'] as const;
export type ListingFault = (typeof LISTING_FAULTS)[number];

/** Nicknames seeded: plain words, hostile text (C1 controls, bidi overrides, markup, an escape sequence), or 1 MB for every 20th bot. */
export const NICKNAME_STYLES = ['plain', 'hostile', 'huge'] as const;
export type NicknameStyle = (typeof NICKNAME_STYLES)[number];

export interface SandboxOptions {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  /** Seed bots: a count (named `@RBT#sandbox0001`…) or explicit names. */
  readonly bots?: number | readonly string[];
  /** Give the seeded bots nicknames ("Sandbox bot 0001"…), answered by portrait_get; a style other than plain on request. */
  readonly nicknames?: boolean | NicknameStyle;
  /**
   * List the seeded bots in a shuffled (but always the same) order, as a real app lists its bots in the order they were
   * created, not by name. Nicknames still follow the names.
   */
  readonly shuffled?: boolean;
  /** Calls per endpoint in any 1-second window; default 200. */
  readonly rateLimit?: number;
  /** How a call over the limit is answered: 60007 in an HTTP 200 (default), or HTTP 429. */
  readonly rateLimitAnswer?: '60007' | '429';
  /** The Retry-After (seconds) sent with HTTP 429 answers. */
  readonly retryAfterSeconds?: number;
  /** Delay before every answer, in ms. */
  readonly latencyMs?: number;
  /** Share of calls (0–1) that meet a fault. */
  readonly failRate?: number;
  /** Which faults to draw from; default all. */
  readonly faults?: readonly FaultKind[];
  /** Commands that meet faults (e.g. only `delete_robot`); default every command. */
  readonly faultCommands?: readonly string[];
  /** The whole gateway down from the start; `setOutage` changes it while running. */
  readonly outage?: OutageKind | null;
  /** get_all_robots lies, from its `listingFaultFrom`th call (default 1) to its `listingFaultTo`th (default all). */
  readonly listingFault?: ListingFault | null;
  readonly listingFaultFrom?: number;
  readonly listingFaultTo?: number;
  /** How many bots a `partial` listing keeps (default a third). */
  readonly listingKeep?: number;
  /** Bytes of padding added to every get_all_robots answer (a huge body). */
  readonly listingPaddingBytes?: number;
  /** Extra delay of a `slow` fault, in ms; default 15 s. */
  readonly slowMs?: number;
  /** Each account's first N delete_robot calls answer 10002 without effect: a fault that heals on retry. */
  readonly failFirst?: number;
  /** Valid bots the admin may have: creating one more answers 10008 (the per-account bot quota); default no limit. */
  readonly quota?: number;
  /** Bad signatures within a minute before the gateway locks the app for a minute (70050); default 20. */
  readonly badSignatureLockout?: number;
  readonly port?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Keep the last N requests (command, query, body) for tests; default 0. */
  readonly recordRequests?: number;
}

export interface RecordedRequest {
  readonly command: string;
  readonly path: string;
  readonly query: Record<string, string[]>;
  readonly body: string;
  readonly method: string;
  readonly contentType: string | undefined;
  /** When it arrived (the sandbox's clock). */
  readonly at: number;
}

export interface SandboxStats {
  /** Calls the gateway handled (not counting an outage's answers or refused connections). */
  calls: number;
  /** Calls answered by an outage (502, too frequent, a redirect …) or left unanswered by a silent one. */
  outageAnswers: number;
  rateLimited: number;
  faults: number;
  byCommand: Record<string, number>;
  /** When the first request arrived (the sandbox's clock), or null before any. */
  firstRequestAt: number | null;
}

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  readonly store: RobotStore;
  readonly stats: SandboxStats;
  readonly requests: RecordedRequest[];
  /** A fetch that reaches this sandbox (over loopback HTTP, or in memory for one that has no socket). */
  readonly fetch: FetchLike;
  /** Changes the per-account bot quota (Infinity: none). */
  setQuota(quota: number): void;
  /** Takes the whole gateway down (or back up, with null). */
  setOutage(kind: OutageKind | null): Promise<void>;
  close(): Promise<void>;
}
