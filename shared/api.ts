// The one contract between the renderer and the main process, in types only (no validation library, nothing that runs):
// every call's request and answer on one line, and every event. The preload object, the handler table, the renderer's
// types and (on the main side, electron/core/contract/) the payload schemas all derive from it.
import type { Channel, EventName, EVENTS } from './api-channels.js';
import type { ApiErrorCode, ErrorParams } from './errors.js';
import type { AccountProblem } from './accounts.js';
import type { ProfileView, SecretStorage } from './profile.js';
import type { Settings } from './settings.js';
import type {
  AccountResult,
  AccountStatus,
  BatchKind,
  BatchRecord,
  BotProfile,
  BatchStatus,
  BatchStop,
  BatchSummary,
  DamagedBatch,
  SweepProgress,
  Verification,
} from './sweep.js';
import type { Target } from './target.js';

export type { Channel, EventName } from './api-channels.js';
export type { ApiErrorCode, ErrorParams } from './errors.js';

/** A call with no fields takes `{}`. */
export type NoFields = Record<string, never>;

/** Some accounts of a profile's app: nicknames (at most 100 a call), or a check of which are chatbots now. */
export interface ProfileAccounts {
  profileId: string;
  accounts: string[];
}

/** `id` absent: a new profile. `secret` is write-only (renderer → main, on save and on a form test), absent on an edit that keeps the stored key. */
export interface ProfileSaveRequest {
  id?: string;
  name: string;
  target: Target;
  sdkAppId: number;
  identifier: string;
  secret?: string;
  secretStorage: SecretStorage;
  /** Globs of accounts never to delete under this profile. */
  protected?: string[];
  /** A production app: its deletions are confirmed by typing the profile's name. */
  production?: boolean;
}

/** The form as it stands, saved or not: the key typed in it, or else the stored key of `id` while its app is unchanged. */
export interface ProfileTestRequest {
  id?: string;
  target: Target;
  sdkAppId: number;
  identifier: string;
  secret?: string;
}

export interface SweepStartRequest {
  profileId: string;
  accounts: string[];
  verify?: boolean;
  /** Wait for another process's sweep of the same app to end instead of refusing (the UI asks first). */
  wait?: boolean;
  /** Nicknames the user saw, kept in the journal so History can say what a deleted bot was called. */
  nicknames?: Record<string, string>;
  /** For a production profile: its name, as the user typed it in the confirmation. */
  confirmation?: string;
}

/** `accounts`: the confirmed ones (each still retryable in that batch); `profileId`: the profile the confirmation showed. */
export interface SweepRetryRequest {
  batchId: string;
  accounts?: string[];
  profileId?: string;
  confirmation?: string;
}

/** Re-create some (`accounts`) or all of a deletion's deleted accounts; `profileId`: the profile the confirmation showed. */
export interface SweepRecreateRequest {
  batchId: string;
  accounts?: string[];
  profileId?: string;
  confirmation?: string;
}

export type ConnectionTestView =
  | { ok: true; botCount: number }
  | { ok: false; errorClass: string; errorCode: number | null; message: string; code?: ApiErrorCode; params?: ErrorParams };

/** 20 MB of text: far more than any export of a real app's bots. */
export const IMPORT_MAX_CHARS = 20_000_000;

/** What a file of accounts was read as: a plain list, `list --details` text, `list --json`, or a history export. */
export type ImportFormat = 'list' | 'list-details' | 'list-json' | 'export-csv' | 'export-json';

/** What the history is exported as: CSV (one row per account) or JSON. */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An imported file's accounts for the profile's app, and everything that would be left out. */
export interface ImportView {
  readonly format: ImportFormat;
  readonly accounts: string[];
  /** For an export: the accounts whose latest status in it is not done. */
  readonly undone: string[] | null;
  /** `problem` is the account rule's code (shared/accounts.ts); `reason` says it in English, with the detail. */
  readonly invalid: readonly { readonly line: number; readonly value: string; readonly problem: AccountProblem; readonly reason: string }[];
  readonly duplicates: number;
  /** The accounts that came more than once (each named once). */
  readonly duplicated: readonly string[];
  /** Accounts the app's guards protect: never selected. */
  readonly protected: string[];
  /** Apps the export came from that are not the profile's, each with the profiles that name it. */
  readonly otherApps: readonly { readonly app: string; readonly profiles: readonly { readonly id: string; readonly name: string }[] }[];
}

/** What a retry of a batch would send, and to where, as main plans it (nothing is sent). */
export interface RetryPreview {
  readonly batchId: string;
  /** What the retry sends: deletions, or (for a re-creation's retry) re-creations. */
  readonly kind: BatchKind;
  readonly profile: { readonly id: string | null; readonly name: string } | null;
  /** "SDKAppID … at … (admin …)" */
  readonly app: string;
  readonly accounts: readonly { readonly account: string; readonly status: AccountStatus; readonly nickname?: string }[];
  /** Protected accounts of the app that the retry leaves out. */
  readonly leftOut: readonly string[];
  /** The production profile name the confirmation must hold, or null. */
  readonly production: string | null;
}

/** What a re-creation of a deletion would send, and to where, as main plans it (nothing is sent). */
export interface RecreatePreview {
  readonly batchId: string;
  readonly profile: { readonly id: string | null; readonly name: string } | null;
  /** "SDKAppID … at … (admin …)" */
  readonly app: string;
  /** Each account with the profile saved before its deletion, or why there is none (it is then created bare). */
  readonly accounts: readonly ({ readonly account: string } & ({ readonly profile: BotProfile } | { readonly missing: string }))[];
  /** The production profile name the confirmation must hold, or null. */
  readonly production: string | null;
}

/** The sweep this process is running, for a window that was reloaded or opened while it runs. */
export interface RunningSweepView {
  readonly batchId: string;
  /** Absent: a deletion. */
  readonly kind?: BatchKind;
  readonly profileId: string | null;
  /** The latest progress event; null before the first. */
  readonly progress: SweepProgress | null;
  /** Every account the batch deletes, in its order: a reloaded window shows them as its rows. */
  readonly accounts: readonly string[];
  /** Each account's outcome so far (the latest of each). */
  readonly results: readonly AccountResult[];
}

/** A batch as the history list shows it: everything but the per-account results. */
export type BatchListItem = Omit<BatchRecord, 'results'>;

export type ExportResult =
  | { readonly kind: 'saved'; readonly path: string | null }
  | { readonly kind: 'download'; readonly filename: string; readonly mimeType: string; readonly content: string };

/**
 * Every call, "group.method" → (request) => answer. Answers carry the profile they were made for where a late
 * answer must be told from a current one; `damaged` lists history files that could not be read (never hiding the
 * others); `running` lists batches a clear left in place because a process still runs them.
 */
export type RequestResponseChannels = {
  'profiles.list': (request: NoFields) => Promise<{ profiles: ProfileView[]; warning: string | null }>;
  'profiles.save': (request: ProfileSaveRequest) => Promise<ProfileView>;
  'profiles.remove': (request: { id: string }) => Promise<{ removed: true }>;
  'profiles.test': (request: ProfileTestRequest) => Promise<ConnectionTestView>;
  'bots.list': (request: { profileId: string }) => Promise<{ accounts: string[]; profileId: string }>;
  'bots.nicknames': (request: ProfileAccounts) => Promise<{ profileId: string; nicknames: Record<string, string> }>;
  'bots.check': (request: ProfileAccounts) => Promise<{ profileId: string; bots: string[]; absent: string[] }>;
  'bots.import': (request: { profileId: string; text: string }) => Promise<ImportView & { profileId: string }>;
  'sweep.start': (request: SweepStartRequest) => Promise<{ batchId: string }>;
  /** Without `batchId`: the sweep this process still waits to start (another process runs the same app's). */
  'sweep.cancel': (request: { batchId?: string }) => Promise<{ cancelled: boolean }>;
  'sweep.retry': (request: SweepRetryRequest) => Promise<{ batchId: string }>;
  'sweep.previewRetry': (request: Omit<SweepRetryRequest, 'confirmation'>) => Promise<RetryPreview>;
  'sweep.recreate': (request: SweepRecreateRequest) => Promise<{ batchId: string }>;
  'sweep.previewRecreate': (request: Omit<SweepRecreateRequest, 'confirmation'>) => Promise<RecreatePreview>;
  'sweep.status': (request: NoFields) => Promise<{ running: RunningSweepView | null }>;
  'history.list': (request: { status?: BatchStatus }) => Promise<{ batches: BatchListItem[]; damaged: DamagedBatch[] }>;
  'history.get': (request: { batchId: string; accountStatus?: AccountStatus }) => Promise<{ batch: BatchRecord | null }>;
  'history.export': (request: { batchId?: string; format: ExportFormat }) => Promise<ExportResult>;
  'history.clear': (request: NoFields) => Promise<{ removed: number; running: string[] }>;
  'settings.get': (request: NoFields) => Promise<Settings>;
  'settings.set': (request: Partial<Settings>) => Promise<Settings>;
};

/** Compile-time: CHANNELS (the runtime list in api-channels.ts) names exactly the calls above. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ChannelsMatchContract = Assert<Same<Channel, keyof RequestResponseChannels>>;

export type Request<C extends Channel> = Parameters<RequestResponseChannels[C]>[0];
export type Response<C extends Channel> = Awaited<ReturnType<RequestResponseChannels[C]>>;
export type Responses = { [C in Channel]: Response<C> };

/** What went wrong, in a word, for code and tests to branch on; the renderer shows only the message. */
export type ApiErrorKind =
  'invalid-request' | 'not-found' | 'keychain' | 'credentials' | 'network' | 'gateway' | 'busy' | 'forbidden' | 'internal';

export interface ApiError {
  readonly kind: ApiErrorKind;
  /** A sentence for the user: what failed, why, what to do. Never a stack trace, a key or a URL with a UserSig. */
  readonly message: string;
  /** The stable code the renderer translates (with `params`); `message` stays the English text for the CLI and logs. */
  readonly code?: ApiErrorCode;
  readonly params?: ErrorParams;
}

/** Every call answers with a value or an error, never a thrown exception across the bridge. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export interface SweepFinished {
  readonly batchId: string;
  /** Absent: a deletion. */
  readonly kind?: BatchKind;
  readonly status: Exclude<BatchStatus, 'interrupted' | 'running'>;
  readonly summary: BatchSummary;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
  /** How long the batch took, from its journal's first record to its last. */
  readonly durationMs: number;
}

/** Every event, main → renderer: its payload. */
export interface Events extends Record<EventName, unknown> {
  'sweep.progress': SweepProgress;
  'sweep.finished': SweepFinished;
}
export type EventsMatchContract = Assert<Same<EventName, Exclude<keyof Events, number>>>;

type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never;
type MethodOf<C extends string, G extends string> = C extends `${G}.${infer M}` ? M : never;
type Subscriptions = { [E in EventName as (typeof EVENTS)[E]]: (listener: (payload: Events[E]) => void) => () => void };

/** `window.botsweep`: one method per call, grouped by the part before the dot, plus event subscriptions. */
type Call<C> = C extends Channel ? (payload: Request<C>) => Promise<Result<Response<C>>> : never;
export type BotsweepApi = {
  readonly [G in GroupOf<Channel>]: { readonly [M in MethodOf<Channel, G>]: Call<`${G}.${M}`> };
} & Subscriptions;

/** The main process's side: a handler for every channel (a missing one does not compile), given a checked payload. */
export type Handlers = { readonly [C in Channel]: (payload: Request<C>) => Promise<Response<C>> };
