// What a gateway call comes to, for every caller: the gateway's answer, or a classified failure safe to show and store.
import type { ErrorClass } from './errors.js';

/** The transport a gateway client uses: global fetch under Node, Electron's net.fetch in the app, a fake in tests. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<{
  status: number;
  /** `opaqueredirect` where a browser-style fetch hides a redirect's status. */
  type?: string;
  headers?: { get(name: string): string | null };
  /** The body as a stream (a web stream, or a Node one), read with a size cap when present; otherwise `text()` is used. */
  body?: AnswerBody | null;
  text(): Promise<string>;
}>;

/** A response body: async-iterable chunks, cancelled (web streams) or destroyed (Node streams) when not read to the end. */
export type AnswerBody = AsyncIterable<Uint8Array> & { cancel?(): Promise<void>; destroy?(): void };

export interface GatewayAnswer {
  readonly ActionStatus: string;
  readonly ErrorCode: number;
  readonly ErrorInfo: string;
  readonly [field: string]: unknown;
}

/** How a call without an answer failed: the words a stop message uses ("could not be reached", "slow", "cut short"). */
export type NetworkProblem = 'refused' | 'unresolved' | 'timeout' | 'cut-short' | 'dropped' | 'other';

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
      /**
       * The request may have taken effect: no answer (timeout, dropped connection), an answer that does not say
       * nothing happened (10002, FAIL with code 0, OK with a code, a code Botsweep does not know) or a garbled one.
       */
      readonly ambiguous: boolean;
      /** For a failure without an answer: what kind. */
      readonly network?: NetworkProblem;
      /** For an HTTP answer that is not the gateway's 200 (a redirect, 4xx, 5xx): its status. */
      readonly httpStatus?: number;
      /** The wait the gateway asked for (HTTP Retry-After), capped; only on "too frequent" answers. */
      readonly retryAfterMs?: number;
      /** It timed out across a pause of this process (a stop, a stall, a sleeping laptop): no evidence about the gateway. */
      readonly acrossPause?: boolean;
    };

export type Failure = Extract<CallOutcome, { ok: false }>;

/** An entry of a listing that is not a chatbot account, as reported (escaped, never offered or sent). */
export interface InvalidEntry {
  readonly value: string;
  readonly reason: string;
}

/**
 * A get_all_robots answer: `Robot_Account` holds only valid chatbot accounts, each once (absent when the gateway left
 * the field out: callers decide what that means); what else the gateway listed is counted and shown in `invalid`.
 */
export type RobotListing = GatewayAnswer & {
  readonly Robot_Account?: string[];
  /** Entries that are not chatbot accounts: how many, and the first few. */
  readonly invalid?: { readonly count: number; readonly examples: readonly InvalidEntry[] };
  /** Entries listed more than once, folded into one. */
  readonly duplicates?: number;
};

export function malformed(why: string): Failure {
  return {
    ok: false,
    errorClass: 'malformed',
    errorCode: null,
    errorInfo: `malformed answer: ${why}`,
    advice: 'Try again in a moment.',
    ambiguous: true,
  };
}
