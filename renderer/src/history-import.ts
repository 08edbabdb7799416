// Recognises Botsweep's own history exports (CSV or JSON) in "Import file": the account column and each status,
// so an export adds its accounts, not every cell of every line.
import { ACCOUNT_STATUSES, isDone, type AccountStatus } from '../../shared/sweep';

export interface ExportedAccounts {
  /** Every account of the export, first occurrence order, without duplicates. */
  readonly all: string[];
  /** Those whose latest status in the export is not done (failed, unconfirmed, skipped). */
  readonly undone: string[];
}

const CSV_HEADER = 'batch_id,started_at,finished_at,batch_status,target,sdkappid,identifier,account,status';

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') endCell();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

function collect(pairs: Iterable<[string, string]>): ExportedAccounts {
  const status = new Map<string, AccountStatus>();
  for (const [account, value] of pairs) {
    if (!account) continue;
    // Later batches (retries) come later in an export: the last word counts.
    status.set(account, (ACCOUNT_STATUSES as readonly string[]).includes(value) ? (value as AccountStatus) : 'unconfirmed');
  }
  const all = [...status.keys()];
  return { all, undone: all.filter((account) => !isDone(status.get(account)!)) };
}

/** The accounts of a Botsweep export, or null when the text is not one. */
export function parseHistoryExport(text: string): ExportedAccounts | null {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith(CSV_HEADER)) {
    const [header, ...rows] = csvRows(trimmed);
    const accountAt = header!.indexOf('account');
    const statusAt = header!.indexOf('status');
    return collect(rows.map((cells) => [cells[accountAt] ?? '', cells[statusAt] ?? '']));
  }
  if (!trimmed.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((batch) => batch && typeof batch === 'object' && Array.isArray(batch.results))) return null;
  return collect(
    parsed.flatMap((batch: { results: { account?: unknown; status?: unknown }[] }) =>
      batch.results.map((result): [string, string] => [String(result.account ?? ''), String(result.status ?? '')]),
    ),
  );
}
