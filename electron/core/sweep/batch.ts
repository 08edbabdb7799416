// One batch end to end, the entry point the CLI and the app share: name the batch in its lock, journal the plan, run
// its engine (deletions, or re-creations) with a watch for pauses of this process, close the journal, and tidy the
// history meanwhile.
import { summarize, type BatchKind, type BotProfile, type SweepProgress } from '../../../shared/sweep.js';
import type { Connection } from '../../../shared/target.js';
import { PauseWatch } from '../clock.js';
import { describeFileError } from '../file-errors.js';
import type { BatchWriter, History } from '../history.js';
import { gatewayFor, type GatewayEnv } from '../gateway-env.js';
import { runSweep, type SweepOptions, type SweepReport } from './engine.js';
import { runRecreation } from './recreate.js';

export interface BatchEnv extends GatewayEnv {
  readonly history: History;
}

export interface BatchRequest {
  readonly connection: Connection;
  readonly secretKey: string;
  readonly accounts: readonly string[];
  readonly profile?: string | null;
  readonly profileId?: string | null;
  readonly retryOf?: string | null;
  /** Default `delete`. */
  readonly kind?: BatchKind;
  /** A re-creation's deletion batch, and the profile to create each account with (saved before its deletion). */
  readonly undoes?: string | null;
  readonly profiles?: ReadonlyMap<string, BotProfile>;
  /** Nicknames the user saw, kept in the journal. */
  readonly nicknames?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly sweep?: Omit<SweepOptions, 'onProgress' | 'signal'>;
  /** Cancels the batch; a reason naming a signal (`SIGTERM`) is recorded in the journal's end record. */
  readonly signal?: AbortSignal;
  /**
   * Called with the batch's id before its journal exists (the app's lock names it, so `history clear` keeps the batch
   * from its first byte on). If it throws, nothing is written or sent.
   */
  readonly claim?: (batchId: string) => void;
  /** Called once the batch is journaled, before the first call. */
  readonly onBegin?: (batchId: string) => void;
  readonly onProgress?: (progress: SweepProgress) => void;
}

export interface BatchOutcome extends SweepReport {
  /** Null when the journal could not even record the plan (nothing was sent). */
  readonly batchId: string | null;
  /** The signal that cancelled the batch, if one did. */
  readonly signal: string | null;
  /** Why the journal's end record could not be written (the batch then reads back as interrupted). */
  readonly journalProblem: string | null;
}

export async function runBatch(request: BatchRequest, env: BatchEnv): Promise<BatchOutcome> {
  const pauses = new PauseWatch();
  const gateway = gatewayFor(request.connection, request.secretKey, env, request.timeoutMs, pauses);
  let writer: BatchWriter;
  try {
    const id = env.history.newBatchId();
    request.claim?.(id);
    writer = env.history.begin(
      {
        target: request.connection.target,
        sdkAppId: request.connection.sdkAppId,
        identifier: request.connection.identifier,
        profile: request.profile ?? null,
        profileId: request.profileId ?? null,
        retryOf: request.retryOf ?? null,
        ...(request.nicknames ? { nicknames: request.nicknames } : {}),
        ...(request.kind === 'recreate'
          ? { kind: 'recreate' as const, undoes: request.undoes ?? null, profiles: Object.fromEntries(request.profiles ?? []) }
          : {}),
      },
      request.accounts,
      id,
    );
  } catch (error) {
    return unjournaled(request.accounts, error);
  }
  // Retention is housekeeping: it runs off the main thread while the batch does, and never stops one.
  const tidying = env.history.prune(writer.id).catch(() => 0);
  request.onBegin?.(writer.id);
  pauses.start();
  let report: SweepReport;
  try {
    const options = {
      ...request.sweep,
      ...(request.signal ? { signal: request.signal } : {}),
      onProgress: (progress: Omit<SweepProgress, 'batchId'>) => request.onProgress?.({ batchId: writer.id, ...progress }),
    };
    const deps = { gateway, journal: writer, clock: env.clock, random: env.random, pauses };
    report =
      request.kind === 'recreate'
        ? await runRecreation(request.accounts, request.profiles ?? new Map(), deps, options)
        : await runSweep(request.accounts, deps, options);
  } finally {
    pauses.stop();
  }
  const signal = report.status === 'cancelled' ? signalName(request.signal) : null;
  let journalProblem: string | null = null;
  try {
    writer.end({ status: report.status, stop: report.stop, verification: report.verification, signal, results: report.results });
  } catch (error) {
    journalProblem = `the end of the batch could not be recorded: ${describeFileError(error)}`;
  }
  await tidying;
  return { batchId: writer.id, signal, journalProblem, ...report };
}

/** The outcome when the data folder cannot record the batch (the journal, the app's lock): nothing is sent. */
export function unjournaled(accounts: readonly string[], error: unknown): BatchOutcome {
  const results = accounts.map((account) => ({ account, status: 'skipped' as const, errorCode: null, errorInfo: null, attempts: 0 }));
  return {
    batchId: null,
    status: 'aborted',
    results,
    summary: summarize(results),
    stop: {
      kind: 'journal',
      errorCode: null,
      errorInfo: `the history journal could not be written: ${describeFileError(error)}`,
      advice: 'Free some disk space or make the data folder writable, then try again; nothing was sent.',
    },
    verification: { status: 'skipped', reason: 'nothing was sent' },
    listedAtStart: null,
    listingContradicted: null,
    calls: 0,
    durationMs: 0,
    signal: null,
    journalProblem: null,
  };
}

function signalName(signal: AbortSignal | undefined): string | null {
  const reason: unknown = signal?.reason;
  return typeof reason === 'string' && /^SIG[A-Z]+$/.test(reason) ? reason : null;
}
