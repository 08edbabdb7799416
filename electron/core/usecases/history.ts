// The history as the app and the CLI read it: batches (damaged files reported beside them), one batch, exports
// (CSV or JSON, escaped and named after what they hold), and clear, which leaves running batches alone.
import type { ExportFormat } from '../../../shared/api.js';
import type { AccountStatus, BatchRecord, BatchStatus } from '../../../shared/sweep.js';
import { batchOutcome, OUTCOME_WORDS, type BatchOutcome } from '../../../shared/vocabulary.js';
import { exportBatches } from '../history-export.js';
import type { HistoryScan } from '../sweeps.js';
import type { Context } from './context.js';
import { refuse } from './refusals.js';

/** Batches newest first: in one stored status, or one outcome of the vocabulary (its status, read with its counts). */
export function scanHistory(context: Context, query: { status?: BatchStatus; outcome?: BatchOutcome; limit?: number } = {}): HistoryScan {
  const { outcome, ...rest } = query;
  if (!outcome) return context.sweeps.history.scan(rest);
  const { limit, ...stored } = rest;
  const scan = context.sweeps.history.scan({ ...stored, status: OUTCOME_WORDS[outcome].status });
  const batches = scan.batches.filter((batch) => batchOutcome(batch.status, batch.summary) === outcome);
  return { ...scan, batches: limit === undefined ? batches : batches.slice(0, limit) };
}

/** One batch, optionally only its accounts in one state; refuses a damaged or missing one. */
export function getBatch(context: Context, batchId: string, accountStatus?: AccountStatus): BatchRecord {
  const view = context.sweeps.history.inspect(batchId);
  if (view && 'problem' in view) refuse('retry-damaged', { batch: batchId, detail: `its journal is damaged: ${view.problem}` });
  const batch = context.sweeps.history.get(batchId, accountStatus);
  if (!batch) refuse('batch-missing', { batch: batchId });
  return batch;
}

/** The batch, or null when it is gone (the app's History shows "no longer there"). */
export function findBatch(context: Context, batchId: string, accountStatus?: AccountStatus): BatchRecord | null {
  return context.sweeps.history.get(batchId, accountStatus);
}

export function exportHistory(context: Context, batches: readonly BatchRecord[], format: ExportFormat, now: number) {
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const only = batches.length === 1 ? batches[0]!.id : null;
  return {
    filename: `botsweep-${only ?? `history-${stamp}`}.${format}`,
    mimeType: format === 'csv' ? 'text/csv' : 'application/json',
    content: exportBatches(batches, format),
  };
}

export function historyIds(context: Context): string[] {
  return context.sweeps.history.ids();
}

export function clearHistory(context: Context): { removed: number; running: string[] } {
  return context.sweeps.history.clear();
}
