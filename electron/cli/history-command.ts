// `botsweep history`: the batches Botsweep ran, one batch's results, export, and clear.
import { closeSync, lstatSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS } from '../../shared/api.js';
import { ACCOUNT_STATUSES, BATCH_STATUSES, type AccountStatus, type BatchRecord, type BatchStatus } from '../../shared/sweep.js';
import { describeTarget } from '../../shared/target.js';
import { escapeUnsafe, escapeUnsafeKeepLines } from '../../shared/unsafe-text.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import { describeError } from '../core/tim/errors.js';
import type { HistoryScan, UseCases } from '../core/usecases/index.js';
import { BATCH_OUTCOMES, STATUS_WORDS, withOutcomes, type BatchOutcome } from '../../shared/vocabulary.js';
import { describeStop, summaryLine } from './sweep-report.js';
import { cliUseCases } from './connection.js';
import { EXIT, UsageError, writeLine, type CliIo } from './io.js';
import { confirm } from './terminal.js';

export const HISTORY_HELP = `Usage: botsweep history [--json] [--batch ID] [--status S] [--limit N]
       botsweep history export --format ${EXPORT_FORMATS.join('|')} [--batch ID] [--output PATH [--force]]
       botsweep history clear [--yes]

Shows the batches Botsweep ran, newest first, from the journal in the data folder
(BOTSWEEP_HOME, or the app's own folder). A batch whose run died is "interrupted": its
accounts whose call was in flight are "unconfirmed", those never sent "skipped";
"botsweep retry ID" completes it. Accounts that were not chatbots of the app when the batch
started are "absent". A re-creation ("botsweep recreate") names the deletion it undoes, and the
deletion the re-creations that undo it; --batch shows each account's saved profile. A damaged history file is reported on stderr and never hides the others.
  --batch ID         one batch with every account's outcome
  --status S         only batches in this state (${BATCH_STATUSES.join(', ')}) or with this
                     outcome (${BATCH_OUTCOMES.join(', ')}); with --batch, only accounts in
                     this state (${ACCOUNT_STATUSES.join(', ')})
  --limit N          at most N batches
  --json             an array of batches: {id, startedAt, finishedAt, status, target, results, …}
  --format F         export as csv (one row per account) or json
  --output PATH      write the export to a new file (mode 0600) instead of stdout; never through a symlink
  --force            with --output, replace an existing file`;

export async function historyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      batch: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      force: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, HISTORY_HELP), EXIT.ok);
  const history = cliUseCases(io).history;
  const [action, ...rest] = positionals;
  if (rest.length || (action !== undefined && action !== 'export' && action !== 'clear')) {
    throw new UsageError(`unexpected "${positionals.join(' ')}": the history actions are export and clear`);
  }

  if (action === 'clear') {
    if (!values.yes) {
      if (!io.stdin.isTTY) throw new UsageError('refusing to clear the history without confirmation: add --yes');
      if (!(await confirm(io, `Delete all ${history.ids().length} batches from the history?`))) return EXIT.usage;
    }
    const { removed, running } = history.clear();
    writeLine(io.stderr, `Cleared ${removed} batch${removed === 1 ? '' : 'es'}.`);
    for (const id of running) writeLine(io.stderr, `Kept ${id}: it is still running.`);
    return EXIT.ok;
  }

  const { batches, damaged } = selectBatches(values, history);
  for (const entry of damaged)
    writeLine(io.stderr, `Damaged history file ${entry.id}.jsonl: ${entry.problem}. The other batches are shown.`);
  if (action === 'export') {
    const format = EXPORT_FORMATS.find((known) => known === values.format);
    if (!format) throw new UsageError(`--format is required for export: ${EXPORT_FORMATS.join(' or ')}`);
    const text = history.export(batches, format).content;
    if (values.output) {
      writeExportFile(values.output, text, values.force === true);
      writeLine(io.stderr, `Wrote ${batches.length} batch${batches.length === 1 ? '' : 'es'} to ${values.output}.`);
    } else io.stdout.write(text.split('\r\n').map(escapeUnsafeKeepLines).join('\r\n'));
    return EXIT.ok;
  }

  if (values.json) writeLine(io.stdout, JSON.stringify(withOutcomes(batches)));
  else if (values.batch) printBatch(io, batches[0]!);
  else if (!batches.length) writeLine(io.stderr, 'The history is empty.');
  else for (const batch of batches) writeLine(io.stdout, batchLine(batch));
  return EXIT.ok;
}

/** A new file readable by this user only; an existing one is replaced only with --force, a symlink never followed. */
function writeExportFile(path: string, text: string, force: boolean): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink())
    throw new UsageError(`--output ${path} is a symbolic link: refusing to write through it; give the real path`);
  if (existing && !force) throw new UsageError(`--output ${path} exists already: add --force to replace it, or choose another name`);
  if (existing && !existing.isFile()) throw new UsageError(`--output ${path} is not a regular file`);
  if (existing) return writeFileAtomic(path, text, 0o600);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--output ${path} appeared while writing: add --force to replace it`);
    throw new UsageError(`--output ${path} cannot be created (${code ?? (error as Error).message})`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function selectBatches(
  values: { batch?: string | undefined; status?: string | undefined; limit?: string | undefined },
  history: UseCases['history'],
): HistoryScan {
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0))
    throw new UsageError(`--limit takes a whole number above 0 (got "${values.limit}")`);
  if (values.batch) {
    if (values.status !== undefined && !(ACCOUNT_STATUSES as readonly string[]).includes(values.status)) {
      throw new UsageError(`--status with --batch takes an account state: ${ACCOUNT_STATUSES.join(', ')}`);
    }
    return { batches: [history.get(values.batch, values.status as AccountStatus | undefined)], damaged: [] };
  }
  const status = values.status;
  const stored = status !== undefined && (BATCH_STATUSES as readonly string[]).includes(status);
  const outcome = status !== undefined && !stored && (BATCH_OUTCOMES as readonly string[]).includes(status);
  if (status !== undefined && !stored && !outcome)
    throw new UsageError(`--status takes a batch state (${BATCH_STATUSES.join(', ')}) or outcome (${BATCH_OUTCOMES.join(', ')})`);
  return history.scan({
    ...(stored ? { status: status as BatchStatus } : {}),
    ...(outcome ? { outcome: status as BatchOutcome } : {}),
    ...(limit ? { limit } : {}),
  });
}

/** One batch in the app's words: "ID  START  finished with failures: 0 of 3 deleted · 3 unconfirmed  SDKAppID … at …". */
function batchLine(batch: BatchRecord): string {
  const summary = summaryLine(batch.status, batch.summary, batch.stop, batch.kind);
  const line = summary.charAt(0).toLowerCase() + summary.slice(1);
  const link =
    batch.kind === 'recreate'
      ? `  re-creation of ${batch.undoes ?? '?'}`
      : batch.undoneBy?.length
        ? `  re-created by ${batch.undoneBy.join(', ')}`
        : '';
  return `${batch.id}  ${batch.startedAt}  ${line}  SDKAppID ${batch.sdkAppId} at ${describeTarget(batch.target)}${link}`;
}
/** "nickname "Support bot 1", avatar https://…, signature "…"", or why no profile was saved. */
function profileText(snapshot: BatchRecord['results'][number]['snapshot']): string {
  if (!snapshot) return '';
  if ('missing' in snapshot) return `  (no saved profile: ${escapeUnsafe(snapshot.missing)})`;
  const { nickname, faceUrl, signature } = snapshot.profile;
  const parts = [
    nickname && `nickname ${JSON.stringify(escapeUnsafe(nickname))}`,
    faceUrl && `avatar ${escapeUnsafe(faceUrl)}`,
    signature && `signature ${JSON.stringify(escapeUnsafe(signature))}`,
  ].filter(Boolean);
  return parts.length ? `  (${parts.join(', ')})` : '  (an empty profile)';
}

function printBatch(io: CliIo, batch: BatchRecord): void {
  writeLine(io.stdout, batchLine(batch));
  if (batch.retryOf) writeLine(io.stdout, `retry of ${batch.retryOf}`);
  if (batch.kind === 'recreate') writeLine(io.stdout, `re-creation of ${batch.undoes ?? '?'} (the deletion it undoes)`);
  if (batch.undoneBy?.length) writeLine(io.stdout, `re-created by ${batch.undoneBy.join(', ')}`);
  if (batch.stop) writeLine(io.stdout, `stopped${describeStop(batch.stop)}`);
  if (batch.signal) writeLine(io.stdout, `ended by ${batch.signal}`);
  if (batch.verification)
    writeLine(io.stdout, `verification: ${batch.verification.status}${batch.verification.reason ? ` (${batch.verification.reason})` : ''}`);
  if (batch.damage) writeLine(io.stdout, `damage: ${batch.damage}`);
  for (const result of batch.results) {
    const error = result.errorCode !== null || result.errorInfo ? ` — ${describeError(result.errorCode, result.errorInfo)}` : '';
    writeLine(io.stdout, `  ${escapeUnsafe(result.account)}  ${STATUS_WORDS[result.status].word}${error}${profileText(result.snapshot)}`);
  }
}
