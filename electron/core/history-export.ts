// Turns batches from the history into CSV (one row per account) or JSON for export: the stable codes, and the batch's
// outcome (its word in CSV, its code in JSON; shared/vocabulary.ts).
import type { ExportFormat } from '../../shared/api.js';
import type { BatchRecord } from '../../shared/sweep.js';
import { batchOutcome, OUTCOME_WORDS, withOutcomes } from '../../shared/vocabulary.js';
import { describeTarget, targetBaseUrl, type Target } from '../../shared/target.js';
import { escapeUnsafeKeepLines } from '../../shared/unsafe-text.js';

/**
 * The columns of a CSV export; `gateway` (the address) names the app with `sdkappid`; `batch_outcome` is the batch in
 * the app's words ("finished with failures"). New columns go last, so older readers keep theirs.
 */
export const CSV_COLUMNS = [
  'batch_id',
  'started_at',
  'finished_at',
  'batch_status',
  'target',
  'sdkappid',
  'identifier',
  'account',
  'status',
  'error_code',
  'error_info',
  'attempts',
  'gateway',
  'batch_outcome',
] as const;

function gatewayOf(target: Target): string {
  try {
    return targetBaseUrl(target);
  } catch {
    return '';
  }
}

/** RFC 4180 quoting; free text that a spreadsheet would run as a formula is defused with a leading quote. */
function csvCell(value: string | number | null, freeText = false): string {
  let text = value === null ? '' : String(value);
  if (freeText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function batchesToCsv(batches: readonly BatchRecord[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const batch of batches) {
    const prefix = [
      batch.id,
      batch.startedAt,
      batch.finishedAt,
      batch.status,
      describeTarget(batch.target),
      batch.sdkAppId,
      batch.identifier,
    ].map((cell) => csvCell(cell, true));
    for (const result of batch.results) {
      rows.push(
        [
          ...prefix,
          csvCell(result.account),
          csvCell(result.status),
          csvCell(result.errorCode),
          csvCell(result.errorInfo, true),
          csvCell(result.attempts),
          csvCell(gatewayOf(batch.target), true),
          csvCell(OUTCOME_WORDS[batchOutcome(batch.status, batch.summary, batch.kind)].word),
        ].join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * Pretty JSON with C1 controls, bidi and invisible characters (which JSON leaves raw) written as `\uXXXX`: the same
 * text to a JSON parser, but a viewer or terminal shows a nickname or gateway text as it is, never reordered.
 */
export function batchesToJson(batches: readonly BatchRecord[]): string {
  return `${escapeUnsafeKeepLines(JSON.stringify(withOutcomes(batches), null, 2))}\n`;
}

export function exportBatches(batches: readonly BatchRecord[], format: ExportFormat): string {
  return format === 'csv' ? batchesToCsv(batches) : batchesToJson(batches);
}
