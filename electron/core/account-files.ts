// Reads the accounts out of what users feed Botsweep: a plain list (one per line, or comma/tab separated),
// Botsweep's own `list --details` text and `list --json`, and its history exports (CSV or JSON), which also name
// the app each row came from. Every entry is checked by the account rule; invalid ones are reported by line.
import {
  accountProblemReason,
  parseAccountList,
  robotAccountProblem,
  type InvalidAccount,
  type ParsedAccounts,
} from '../../shared/accounts.js';
import { ACCOUNT_STATUSES, isDone, type AccountStatus } from '../../shared/sweep.js';
import type { Target } from '../../shared/target.js';
import { appKey, targetOfAddress, type AppRef } from '../../shared/app-identity.js';
import type { ImportFormat } from '../../shared/api.js';
import { CSV_COLUMNS } from './history-export.js';

export interface AccountFile extends ParsedAccounts {
  readonly format: ImportFormat;
  /** For an export: the accounts whose latest status in it is not done (failed, unconfirmed, skipped). */
  readonly undone: string[] | null;
  /** The apps an export's rows came from (none for the other formats). */
  readonly apps: AppRef[];
}

/** The columns every Botsweep CSV export starts with, in order. */
const CSV_PREFIX = CSV_COLUMNS.slice(0, 9).join(',');

export function readAccountFile(text: string): AccountFile {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith(CSV_PREFIX)) return fromCsvExport(trimmed);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const json = fromJson(trimmed);
    if (json) return json;
  }
  const details = fromDetails(text);
  if (details) return details;
  return { format: 'list', ...parseAccountList(text), undone: null, apps: [] };
}

/** Collects account cells (with the line each came from) and, for exports, each one's latest status. */
class Collector {
  private readonly accounts: string[] = [];
  private readonly seen = new Set<string>();
  private readonly invalid: InvalidAccount[] = [];
  private readonly status = new Map<string, AccountStatus>();
  private readonly apps = new Map<string, AppRef>();
  private readonly repeated = new Set<string>();
  private duplicates = 0;

  add(line: number, value: string, status?: string): void {
    const account = value.trim();
    if (account === '') return;
    const problem = robotAccountProblem(account);
    if (problem) {
      this.invalid.push({ line, value: account, problem, reason: accountProblemReason(account, problem) });
      return;
    }
    if (this.seen.has(account)) {
      this.duplicates++;
      this.repeated.add(account);
    } else {
      this.seen.add(account);
      this.accounts.push(account);
    }
    // Later batches (retries) come later in an export: the last word counts; an unknown word is not "done".
    if (status !== undefined)
      this.status.set(account, (ACCOUNT_STATUSES as readonly string[]).includes(status) ? (status as AccountStatus) : 'unconfirmed');
  }

  /** An entry that cannot be taken, whatever it holds: reported with the line and why. */
  reject(line: number, value: string, reason: string): void {
    this.invalid.push({ line, value, problem: 'not-taken', reason });
  }

  app(app: AppRef): void {
    this.apps.set(appKey(app), app);
  }

  done(format: ImportFormat): AccountFile {
    const undone = format.startsWith('export') ? this.accounts.filter((account) => !isDone(this.status.get(account)!)) : null;
    const { accounts, invalid, duplicates } = this;
    return { format, accounts, invalid, duplicates, duplicated: [...this.repeated], undone, apps: [...this.apps.values()] };
  }
}

function fromCsvExport(text: string): AccountFile {
  const [header, ...rows] = csvRows(text);
  const column = (name: string) => header!.indexOf(name);
  const [accountAt, statusAt, gatewayAt, targetAt, appAt] = ['account', 'status', 'gateway', 'target', 'sdkappid'].map(column);
  const collect = new Collector();
  rows.forEach((cells, index) => {
    if (cells.length === 1 && cells[0] === '') return;
    const app = appOf(cells[gatewayAt!] || cells[targetAt!] || '', cells[appAt!] ?? '');
    if (!app) return collect.reject(index + 2, cells[accountAt!] ?? '', UNKNOWN_APP);
    collect.app(app);
    collect.add(index + 2, cells[accountAt!] ?? '', cells[statusAt!] ?? '');
  });
  return collect.done('export-csv');
}

/** A Botsweep export names the app of every row: one that does not was edited, and its accounts are not taken. */
const UNKNOWN_APP = 'the row does not say which app it came from (a Botsweep export always does): it was edited, so it is not taken';

/** A CSV row's app: the gateway column (an address), or in older exports the target's words "Name (domain)" or URL. */
function appOf(gateway: string, sdkAppId: string): AppRef | null {
  if (!/^[1-9]\d{0,15}$/.test(sdkAppId) || gateway.trim() === '') return null;
  const id = Number(sdkAppId);
  // Older exports name a region "Singapore (adminapisgp.im.qcloud.com)": its domain is the address.
  const domain = /\(([^()\s]+)\)$/.exec(gateway)?.[1];
  return { target: targetOfAddress(domain ? `https://${domain}` : gateway.replace(/^'/, '')), sdkAppId: id };
}

function fromJson(text: string): AccountFile | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const collect = new Collector();
  if (Array.isArray(parsed) && parsed.every((batch) => isObject(batch) && Array.isArray(batch.results))) {
    parsed.forEach((batch: Record<string, unknown>, index) => {
      const known = isTarget(batch.target) && Number.isSafeInteger(batch.sdkAppId) && (batch.sdkAppId as number) > 0;
      if (known) collect.app({ target: batch.target as Target, sdkAppId: batch.sdkAppId as number });
      for (const result of batch.results as unknown[]) {
        const account = isObject(result) ? String(result.account ?? '') : JSON.stringify(result);
        if (!known) collect.reject(index + 1, account, UNKNOWN_APP);
        else if (isObject(result)) collect.add(index + 1, account, String(result.status ?? ''));
      }
    });
    return collect.done('export-json');
  }
  if (isObject(parsed) && Array.isArray(parsed.accounts)) {
    parsed.accounts.forEach((entry: unknown, index) => {
      const account = isObject(entry) ? entry.account : entry;
      collect.add(index + 1, typeof account === 'string' ? account : JSON.stringify(account ?? null));
    });
    return collect.done('list-json');
  }
  return null;
}

/** `list --details` text: "ACCOUNT<TAB>NICKNAME" on every line, where a nickname is free text. */
function fromDetails(text: string): AccountFile | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const filled = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.trim() !== '');
  if (!filled.length) return null;
  const cells = filled.map(({ line }) => line.split('\t'));
  if (!cells.every((row) => row.length === 2 && robotAccountProblem(row[0]!.trim()) === null)) return null;
  const collect = new Collector();
  // Every line "account<TAB>account": a list of pairs, or `list --details` whose nicknames look like accounts. Taking
  // the second column for an account could delete a bot nobody named, so such a file is refused, line by line.
  if (cells.every((row) => robotAccountProblem(row[1]!.trim()) === null)) {
    filled.forEach(({ line, index }) => collect.reject(index + 1, line, AMBIGUOUS_PAIRS));
    return collect.done('list');
  }
  filled.forEach(({ index }, i) => collect.add(index + 1, cells[i]![0]!));
  return collect.done('list-details');
}

const AMBIGUOUS_PAIRS =
  'a tab separates two accounts on every line: this may be "botsweep list --details" output whose nicknames look like accounts; put one account per line, or separate them with commas';

function isTarget(value: unknown): boolean {
  if (!isObject(value)) return false;
  return (value.kind === 'region' && typeof value.region === 'string') || (value.kind === 'endpoint' && typeof value.url === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
