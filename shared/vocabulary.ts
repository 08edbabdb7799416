// The words of a sweep's outcome, one table for both faces: an account's status, a batch's outcome and why a batch
// stopped. The app's English catalog takes its words from here (the other catalogs translate the same codes); the
// CLI's text, `history` and the CSV's `batch_outcome` column print them. JSON and the CSV's `status`/`batch_status`
// keep the stable codes; README says which word goes with which code.
import {
  KIND_STATUSES,
  type AccountStatus,
  type BatchKind,
  type BatchRecord,
  type BatchStatus,
  type BatchStop,
  type BatchSummary,
  type StopKind,
} from './sweep.js';

export interface Word {
  /** What the faces show, lower case (a sentence start capitalises it). */
  readonly word: string;
  /** What it means, in a line. */
  readonly meaning: string;
}

/**
 * Each account status. A new status (a re-create's, say) adds its row: the compiler asks for one per status, and the
 * catalogs' test asks every language for its words.
 */
export const STATUS_WORDS: { readonly [S in AccountStatus]: Word } = {
  deleted: { word: 'deleted', meaning: 'the gateway removed it' },
  absent: {
    word: 'absent',
    meaning: 'not a chatbot of the app when the batch started (mistyped, never existed, or already deleted): nothing to delete',
  },
  recreated: { word: 're-created', meaning: 'the gateway answered OK and a trusted listing afterwards has it' },
  'already-a-bot': { word: 'already a bot', meaning: 'the listing before the call had it, so nothing was sent' },
  failed: { word: 'failed', meaning: 'the gateway refused (a deletion: still a bot; a re-creation: not a bot)' },
  unconfirmed: { word: 'unconfirmed', meaning: 'a call may have reached the gateway and nothing settles it' },
  skipped: { word: 'skipped', meaning: 'never sent: stopped, cancelled, or the process ended before its turn' },
};

/** A batch as both faces name it: its stored status, read with its counts. */
export const BATCH_OUTCOMES = [
  'finished',
  'finished-with-failures',
  'nothing-deleted',
  'stopped',
  'cancelled',
  'interrupted',
  'running',
] as const;
export type BatchOutcome = (typeof BATCH_OUTCOMES)[number];

export interface OutcomeWord extends Word {
  /** The stored status (JSON `status`, CSV `batch_status`) this outcome is read from. */
  readonly status: BatchStatus;
}

export const OUTCOME_WORDS: { readonly [O in BatchOutcome]: OutcomeWord } = {
  finished: {
    word: 'finished',
    status: 'completed',
    meaning: 'every account was tried and each is done (deleted or absent; re-created or already a bot)',
  },
  'finished-with-failures': {
    word: 'finished with failures',
    status: 'completed',
    meaning: 'every account was tried; some are failed, unconfirmed or skipped',
  },
  'nothing-deleted': { word: 'nothing deleted', status: 'completed', meaning: 'every account was tried and none was a chatbot' },
  stopped: { word: 'stopped', status: 'aborted', meaning: 'stopped early; the stop says why, the rest is skipped' },
  cancelled: { word: 'cancelled', status: 'cancelled', meaning: 'cancelled by the user or a signal; calls in flight finished' },
  interrupted: { word: 'interrupted', status: 'interrupted', meaning: 'its process ended without a final record' },
  running: { word: 'running', status: 'running', meaning: 'still running' },
};

export function batchOutcome(status: BatchStatus, summary: BatchSummary, kind: BatchKind = 'delete'): BatchOutcome {
  if (status === 'aborted') return 'stopped';
  if (status !== 'completed') return status;
  if (summary.failed + summary.unconfirmed + summary.skipped > 0) return 'finished-with-failures';
  // A re-creation whose accounts were all bots already has still done its job.
  return summary.deleted > 0 || kind === 'recreate' ? 'finished' : 'nothing-deleted';
}

/** The status a kind of batch leads its summary with ("3 of 5 deleted", "3 of 5 re-created"). */
export function leadStatus(kind: BatchKind = 'delete'): AccountStatus {
  return kind === 'recreate' ? 'recreated' : 'deleted';
}

/** Each batch with its outcome's code beside its stored status (`"status": "completed", "outcome": "finished-with-failures"`). */
export function withOutcomes<B extends Pick<BatchRecord, 'status' | 'summary'> & { readonly kind?: BatchKind }>(
  batches: readonly B[],
): (B & { outcome: BatchOutcome })[] {
  return batches.map((batch) => ({ ...batch, outcome: batchOutcome(batch.status, batch.summary, batch.kind) }));
}

export interface StopWords {
  /** A short name for the stop ("stopped: credentials refused"). */
  readonly word: string;
  /** What happened, in a sentence. */
  readonly reason: string;
  /** What to do, in a sentence; a retry is advised only where it can help. */
  readonly advice: string;
  /** Whether sending the rest again can help before anything is changed (false: the profile or endpoint must change). */
  readonly retryHelps: boolean;
}

export const STOP_WORDS: { readonly [K in StopKind]: StopWords } = {
  credentials: {
    word: 'credentials refused',
    reason: 'The gateway refused the credentials.',
    advice: 'Check the secret key, SDKAppID, admin identifier and region of the profile.',
    retryHelps: false,
  },
  app: {
    word: 'app refused',
    reason: 'The app refused the calls (disabled, expired or not allowed).',
    advice: 'Check the app in the Chat console.',
    retryHelps: false,
  },
  unreachable: {
    word: 'gateway unreachable',
    reason: 'The gateway could not be reached.',
    advice: 'Check that you are online and that no proxy or firewall blocks the gateway, then retry what is left.',
    retryHelps: true,
  },
  'gateway-failing': {
    word: 'gateway failing',
    reason: 'The gateway answered every call with an error.',
    advice: 'Wait a few minutes, then retry what is left.',
    retryHelps: true,
  },
  'unknown-error': {
    word: 'unknown error',
    reason: 'The gateway kept answering with an error Botsweep does not know.',
    advice: 'Look the code up in the Chat error-code documentation before you retry what is left.',
    retryHelps: true,
  },
  redirect: {
    word: 'redirected',
    reason: 'The gateway answered with a redirect.',
    advice: 'Check the region or the endpoint URL of the profile.',
    retryHelps: false,
  },
  'not-gateway': {
    word: 'not the gateway',
    reason: 'The address answered like something that is not the Chat REST gateway (a redirect, 403 or 404).',
    advice: 'Check the region or the endpoint URL of the profile.',
    retryHelps: false,
  },
  'too-frequent': {
    word: 'too frequent',
    reason: 'The gateway answered only “too frequent” for 30 seconds.',
    advice: 'Another client may be using up the app’s call quota: wait for it, then retry what is left.',
    retryHelps: true,
  },
  'locked-out': {
    word: 'locked out',
    reason: 'Too many wrong signatures: the gateway refuses this app for a minute.',
    advice: 'Fix the secret key of the profile and wait a minute.',
    retryHelps: false,
  },
  journal: {
    word: 'history unwritable',
    reason: 'The history could not be written (the disk is full or the folder is not writable).',
    advice: 'Free disk space or fix the data folder’s permissions, then retry what is left.',
    retryHelps: true,
  },
  local: {
    word: 'refused locally',
    reason: 'This computer would not send the calls: nothing reached the gateway.',
    advice: 'Check the endpoint URL of the profile (or --endpoint): its port cannot be used.',
    retryHelps: false,
  },
};

/** Whether a retry can help as things stand: not after a stop the profile or endpoint must fix first. */
export function retryHelps(stop: BatchStop | null): boolean {
  if (!stop) return true;
  return stop.kind ? STOP_WORDS[stop.kind].retryHelps : stop.errorCode === null;
}

/** The counts besides "N of M deleted" (or re-created) worth saying, in the order both faces say them: those not 0. */
export function otherCounts(
  summary: BatchSummary,
  kind: BatchKind = 'delete',
): { readonly status: AccountStatus; readonly count: number }[] {
  const lead = leadStatus(kind);
  return KIND_STATUSES[kind]
    .filter((status) => status !== lead && (summary[status] ?? 0) > 0)
    .map((status) => ({ status, count: summary[status] }));
}

/** "Finished with failures" from "finished with failures": for a sentence start. */
export function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
