// The one contract between the renderer and the main process: every call's payload schema and answer type,
// and every event. The preload object, the handler table, the runtime checks and the renderer's types all derive from it.
import { z } from 'zod';
import { accountProblemReason, robotAccountProblem } from './accounts.js';
import {
  identifierSchema,
  profileNameSchema,
  protectedSchema,
  sdkAppIdSchema,
  secretStorageSchema,
  targetSchema,
  type ProfileView,
} from './profile.js';
import { CHANNELS, EVENTS, splitChannel, type Channel, type EventName } from './api-channels.js';
import type { ApiErrorCode, ErrorParams } from './errors.js';
import { DEFAULT_SETTINGS, LANGUAGES, THEMES, type Settings } from './settings.js';
import {
  ACCOUNT_STATUSES,
  BATCH_STATUSES,
  type AccountStatus,
  type BatchRecord,
  type BatchStatus,
  type BatchStop,
  type BatchSummary,
  type DamagedBatch,
  type SweepProgress,
  type Verification,
} from './sweep.js';

/** 20 MB of text: far more than any export of a real app's bots. */
export const IMPORT_MAX_CHARS = 20_000_000;

const id = z.string().regex(/^[0-9a-f-]{36}$/, 'not a profile id');
const batchId = z.string().regex(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/, 'not a batch id');
const robotAccount = z.string().superRefine((value, ctx) => {
  const problem = robotAccountProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `not a chatbot account (@RBT#…): ${accountProblemReason(value, problem)}` });
});

export const settingsSchema = z
  .object({
    language: z.enum(['system', ...LANGUAGES]),
    theme: z.enum(['system', ...THEMES]),
  })
  .strict() satisfies z.ZodType<Settings>;
export { DEFAULT_SETTINGS, type Settings };

/** Every call's payload. A call with no fields takes `{}`. */
export const requestSchemas = {
  'profiles.list': z.object({}).strict(),
  'profiles.save': z
    .object({
      /** Absent: a new profile. */
      id: id.optional(),
      name: profileNameSchema,
      target: targetSchema,
      sdkAppId: sdkAppIdSchema,
      identifier: identifierSchema,
      /** Write-only: travels renderer → main on save (and on a form test) and nowhere else. Absent on an edit: the stored key is kept. */
      secret: z.string().min(1).max(1024).optional(),
      secretStorage: secretStorageSchema,
      /** Globs of accounts never to delete under this profile. */
      protected: protectedSchema.optional(),
      /** A production app: its deletions are confirmed by typing the profile's name. */
      production: z.boolean().optional(),
    })
    .strict(),
  'profiles.remove': z.object({ id }).strict(),
  /**
   * Tests the form as it stands, saved or not: the key typed in it, or else the stored key of `id` — only while
   * the form's target, SDKAppID and identifier are still the stored ones (a key is never sent to a changed target).
   */
  'profiles.test': z
    .object({
      id: id.optional(),
      target: targetSchema,
      sdkAppId: sdkAppIdSchema,
      identifier: identifierSchema,
      secret: z.string().min(1).max(1024).optional(),
    })
    .strict(),
  'bots.list': z.object({ profileId: id }).strict(),
  /** Nicknames of up to 100 chatbots (portrait_get), for the list to fill in after it is shown. */
  'bots.nicknames': z.object({ profileId: id, accounts: z.array(robotAccount).min(1).max(100) }).strict(),
  /** Which of these accounts are chatbots of the app now (one get_all_robots), and which a deletion would find absent. */
  'bots.check': z.object({ profileId: id, accounts: z.array(robotAccount).min(1).max(100_000) }).strict(),
  /** What a file the user imports holds for the profile's app: any format Botsweep writes; another app's export is named. */
  'bots.import': z.object({ profileId: id, text: z.string().max(IMPORT_MAX_CHARS, 'the file is too large to import') }).strict(),
  'sweep.start': z
    .object({
      profileId: id,
      accounts: z.array(robotAccount).min(1).max(100_000),
      verify: z.boolean().optional(),
      /** Wait for another process's sweep of the same app to end instead of refusing (the UI asks first). */
      wait: z.boolean().optional(),
      /** Nicknames the user saw, kept in the journal so History can say what a deleted bot was called. */
      nicknames: z
        .record(robotAccount, z.string().max(200))
        .refine((map) => Object.keys(map).length > 0, 'leave nicknames out when there are none')
        .optional(),
      /** For a production profile: its name, as the user typed it in the confirmation. */
      confirmation: z.string().max(200).optional(),
    })
    .strict(),
  'sweep.cancel': z.object({ batchId }).strict(),
  /** What `sweep.retry` with the same fields would send, for the dialog to show before anything is sent. */
  'sweep.previewRetry': z
    .object({ batchId, accounts: z.array(robotAccount).min(1).max(100_000).optional(), profileId: id.optional() })
    .strict(),
  /**
   * `accounts`: the ones the user confirmed (each must still be retryable in that batch); `profileId`: the profile
   * the confirmation showed, which must still be the batch's and point at its target. Absent: every retryable one.
   */
  'sweep.retry': z
    .object({
      batchId,
      accounts: z.array(robotAccount).min(1).max(100_000).optional(),
      profileId: id.optional(),
      /** For a production profile: its name, as the user typed it in the confirmation. */
      confirmation: z.string().max(200).optional(),
    })
    .strict(),
  'sweep.status': z.object({}).strict(),
  'history.list': z.object({ status: z.enum(BATCH_STATUSES).optional() }).strict(),
  'history.get': z.object({ batchId, accountStatus: z.enum(ACCOUNT_STATUSES).optional() }).strict(),
  'history.export': z.object({ batchId: batchId.optional(), format: z.enum(['csv', 'json']) }).strict(),
  'history.clear': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': settingsSchema.partial().strict(),
} as const satisfies Record<Channel, z.ZodType>;

export { CHANNELS, EVENTS, splitChannel, type Channel, type EventName };
export { API_ERROR_CODES, isApiErrorCode, type ApiErrorCode, type ErrorParams } from './errors.js';
export type Request<C extends Channel> = z.input<(typeof requestSchemas)[C]>;

export type ConnectionTestView =
  | { ok: true; botCount: number }
  | { ok: false; errorClass: string; errorCode: number | null; message: string; code?: ApiErrorCode; params?: ErrorParams };

/** An imported file's accounts for the profile's app, and everything that would be left out. */
export interface ImportView {
  /** What the file was read as: a plain list, `list --details` text, `list --json`, or a history export (CSV, JSON). */
  readonly format: 'list' | 'list-details' | 'list-json' | 'export-csv' | 'export-json';
  readonly accounts: string[];
  /** For an export: the accounts whose latest status in it is not done. */
  readonly undone: string[] | null;
  readonly invalid: readonly { readonly line: number; readonly value: string; readonly reason: string }[];
  readonly duplicates: number;
  /** Accounts the app's guards protect: never selected. */
  readonly protected: string[];
  /** Apps the export came from that are not the profile's, each with the profiles that name it. */
  readonly otherApps: readonly { readonly app: string; readonly profiles: readonly { readonly id: string; readonly name: string }[] }[];
}

/** What a retry of a batch would send, and to where, as main plans it (nothing is sent). */
export interface RetryPreview {
  readonly batchId: string;
  readonly profile: { readonly id: string | null; readonly name: string } | null;
  /** "SDKAppID … at … (admin …)" */
  readonly app: string;
  readonly accounts: readonly { readonly account: string; readonly status: AccountStatus; readonly nickname?: string }[];
  /** Protected accounts of the app that the retry leaves out. */
  readonly leftOut: readonly string[];
  /** The production profile name the confirmation must hold, or null. */
  readonly production: string | null;
}

/** The sweep this process is running, for a window that was reloaded or opened while it runs. */
export interface RunningSweepView {
  readonly batchId: string;
  readonly profileId: string | null;
  /** The latest progress event; null before the first. */
  readonly progress: SweepProgress | null;
}

/** A batch as the history list shows it: everything but the per-account results. */
export type BatchListItem = Omit<BatchRecord, 'results'>;

export type ExportResult =
  | { readonly kind: 'saved'; readonly path: string | null }
  | { readonly kind: 'download'; readonly filename: string; readonly mimeType: string; readonly content: string };

export interface Responses {
  'profiles.list': { profiles: ProfileView[]; warning: string | null };
  'profiles.save': ProfileView;
  'profiles.remove': { removed: true };
  'profiles.test': ConnectionTestView;
  /** `profileId`: the profile the list was made for, so a late answer can be told from a current one. */
  'bots.list': { accounts: string[]; profileId: string };
  'bots.nicknames': { profileId: string; nicknames: Record<string, string> };
  'bots.check': { profileId: string; bots: string[]; absent: string[] };
  'bots.import': ImportView & { profileId: string };
  'sweep.start': { batchId: string };
  'sweep.cancel': { cancelled: boolean };
  'sweep.retry': { batchId: string };
  'sweep.previewRetry': RetryPreview;
  'sweep.status': { running: RunningSweepView | null };
  /** `damaged`: history files that could not be read as batches, with what is wrong; they never hide the others. */
  'history.list': { batches: BatchListItem[]; damaged: DamagedBatch[] };
  'history.get': { batch: BatchRecord | null };
  'history.export': ExportResult;
  /** `running`: batches left in place because a process is still running them. */
  'history.clear': { removed: number; running: string[] };
  'settings.get': Settings;
  'settings.set': Settings;
}

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
  readonly status: Exclude<BatchStatus, 'interrupted' | 'running'>;
  readonly summary: BatchSummary;
  readonly stop: BatchStop | null;
  readonly verification: Verification;
}

export interface Events extends Record<EventName, unknown> {
  'sweep.progress': SweepProgress;
  'sweep.finished': SweepFinished;
}

type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never;
type MethodOf<C extends string, G extends string> = C extends `${G}.${infer M}` ? M : never;
type Subscriptions = { [E in EventName as (typeof EVENTS)[E]]: (listener: (payload: Events[E]) => void) => () => void };

/** `window.botsweep`: one method per call, grouped by the part before the dot, plus event subscriptions. */
type Call<C> = C extends Channel ? (payload: Request<C>) => Promise<Result<Responses[C]>> : never;
export type BotsweepApi = {
  readonly [G in GroupOf<Channel>]: { readonly [M in MethodOf<Channel, G>]: Call<`${G}.${M}`> };
} & Subscriptions;

/** The main process's side: a handler for every channel (a missing one does not compile). */
export type Handlers = { readonly [C in Channel]: (payload: z.output<(typeof requestSchemas)[C]>) => Promise<Responses[C]> };

/** Checks a payload against its channel's schema; the message names the field, never echoes the value. */
export function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): { ok: true; value: z.output<(typeof requestSchemas)[C]> } | { ok: false; message: string } {
  // Only plain objects: a Map, Set, Date or class instance is not a payload, whatever the schema would make of it.
  const prototype = typeof payload === 'object' && payload !== null ? Object.getPrototypeOf(payload) : undefined;
  if (prototype !== Object.prototype && prototype !== null) return { ok: false, message: `${channel}: the payload must be a plain object` };
  const parsed = requestSchemas[channel].safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as z.output<(typeof requestSchemas)[C]> };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${channel}: ${where}${issue?.message ?? 'invalid payload'}` };
}
