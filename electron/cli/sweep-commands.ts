// `botsweep delete` and `botsweep retry`: run a batch with confirmation, a progress bar, a report and exit codes.
import { parseArgs } from 'node:util';
import { retryableAccounts, type BatchStop } from '../../shared/sweep.js';
import { describeTarget, type Connection } from '../../shared/target.js';
import { runBatch, type BatchOutcome } from '../core/sweep/batch.js';
import { SWEEP_DEFAULTS } from '../core/sweep/engine.js';
import { describeError } from '../core/tim/errors.js';
import { readAccounts } from './accounts-input.js';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  cliGatewayEnv,
  cliHistory,
  profileConnection,
  resolveConnection,
  secretFromEnv,
  timeoutFromFlags,
} from './connection.js';
import { EXIT, positiveInt, UsageError, writeLine, type CliIo } from './io.js';
import { confirm, formatDuration, ProgressBar } from './terminal.js';

const SWEEP_OPTIONS = {
  rate: { type: 'string' },
  concurrency: { type: 'string' },
  'no-verify': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SWEEP_HELP = `Options:
  --rate N           calls per second (default ${SWEEP_DEFAULTS.rate}; the gateway allows 200)
  --concurrency N    calls in flight at most (default ${SWEEP_DEFAULTS.concurrency})
  --no-verify        skip the get_all_robots check after the calls
  --yes, -y          do not ask for confirmation (needed when stdin is not a terminal)
  --json             print one JSON object with every result on stdout

Exit codes: 0 all deleted, 1 some not deleted, 2 bad usage or input (nothing sent),
3 credentials: the gateway refused them (the batch stopped) or the keychain could not give the
key (nothing sent), 130 cancelled (Ctrl-C).`;

export const DELETE_HELP = `Usage: botsweep delete [ACCOUNT…] [--file PATH|-] (--profile NAME | connection flags) [options]

Deletes chatbot accounts (@RBT#…). Accounts come from the arguments and/or a file (one per line, or
comma/tab separated; "-" reads stdin). Every account is checked before anything is sent.
  --file PATH        read accounts from a file, or - for stdin
  --dry-run          check the input and show what would be deleted; send nothing

${CONNECTION_HELP}

${SWEEP_HELP}`;

export const RETRY_HELP = `Usage: botsweep retry BATCH_ID [options]

Sends again, as a new batch to the same app, every account of BATCH_ID that is not deleted
(failed, skipped or unconfirmed). Find batch ids with "botsweep history".
Secret key: from --profile NAME, else from the batch's own profile when it still exists and
TIM_SECRET_KEY is not set, else from TIM_SECRET_KEY.
  --profile NAME     take the secret key from this profile (it must be for the same app)
  --timeout MS       per-request timeout (default 10000)

${SWEEP_HELP}`;

interface SweepFlags {
  rate?: string | undefined;
  concurrency?: string | undefined;
  'no-verify'?: boolean | undefined;
  yes?: boolean | undefined;
  json?: boolean | undefined;
  timeout?: string | undefined;
}

export async function deleteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...CONNECTION_OPTIONS, ...SWEEP_OPTIONS, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, DELETE_HELP), EXIT.ok);
  const { connection, secret, profile } = resolveConnection(values, io);
  const { accounts, duplicates } = await readAccounts(positionals, values.file, io);
  if (values['dry-run']) return dryRun(io, connection, accounts, duplicates, values.json === true);
  const secretKey = await secret();
  return sweep(io, values, { connection, secretKey, accounts, duplicates, retryOf: null, previouslyAttempted: new Set(), profile });
}

export async function retryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...SWEEP_OPTIONS, timeout: { type: 'string' }, profile: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, RETRY_HELP), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('name exactly one batch: botsweep retry BATCH_ID');
  const batchId = positionals[0]!;
  const batch = cliHistory(io).get(batchId);
  if (!batch) throw new UsageError(`no batch "${batchId}" in the history; "botsweep history" lists them`);
  const accounts = retryableAccounts(batch.results);
  if (!accounts.length) {
    if (values.json)
      writeLine(io.stdout, JSON.stringify({ batchId: null, retryOf: batchId, status: 'completed', results: [], summary: null }));
    else writeLine(io.stderr, `Nothing to retry: every account of batch ${batchId} is deleted.`);
    return EXIT.ok;
  }
  const connection: Connection = { target: batch.target, sdkAppId: batch.sdkAppId, identifier: batch.identifier };
  // Only an unconfirmed account may already be gone: a "not found" for it then means deleted.
  const previouslyAttempted = new Set(batch.results.filter((result) => result.status === 'unconfirmed').map((result) => result.account));
  const secretKey = await retrySecret(io, values.profile ?? null, batch.profile, connection);
  const profile = values.profile ?? batch.profile;
  return sweep(io, values, { connection, secretKey, accounts, duplicates: 0, retryOf: batchId, previouslyAttempted, profile });
}

/** The secret for a retry: --profile, else the batch's own profile when it still exists, else TIM_SECRET_KEY. */
async function retrySecret(io: CliIo, flagProfile: string | null, batchProfile: string | null, connection: Connection): Promise<string> {
  const name = flagProfile ?? (batchProfile && !io.env.TIM_SECRET_KEY ? batchProfile : null);
  if (!name) return secretFromEnv(io);
  const resolved = profileConnection(name, io);
  const other = resolved.connection;
  const same =
    other.sdkAppId === connection.sdkAppId &&
    other.identifier === connection.identifier &&
    JSON.stringify(other.target) === JSON.stringify(connection.target);
  if (!same)
    throw new UsageError(`profile "${name}" is for ${describeConnection(other)}, but the batch went to ${describeConnection(connection)}`);
  return resolved.secret();
}

interface SweepPlan {
  connection: Connection;
  secretKey: string;
  accounts: string[];
  duplicates: number;
  retryOf: string | null;
  previouslyAttempted: Set<string>;
  profile?: string | null;
}

function describeConnection(connection: Connection): string {
  return `SDKAppID ${connection.sdkAppId} (admin ${connection.identifier}) at ${describeTarget(connection.target)}`;
}

function dryRun(io: CliIo, connection: Connection, accounts: string[], duplicates: number, json: boolean): number {
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify({
        dryRun: true,
        target: connection.target,
        sdkAppId: connection.sdkAppId,
        identifier: connection.identifier,
        accounts,
      }),
    );
  } else {
    for (const account of accounts) writeLine(io.stdout, account);
    writeLine(
      io.stderr,
      `Dry run: would delete ${accounts.length} chatbot${accounts.length === 1 ? '' : 's'} from ${describeConnection(connection)}.`,
    );
    if (duplicates) writeLine(io.stderr, `${duplicates} duplicate${duplicates === 1 ? '' : 's'} dropped.`);
    writeLine(io.stderr, 'Nothing was sent.');
  }
  return EXIT.ok;
}

async function sweep(io: CliIo, flags: SweepFlags, plan: SweepPlan): Promise<number> {
  const rate = flags.rate === undefined ? SWEEP_DEFAULTS.rate : Number(flags.rate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000)
    throw new UsageError(`--rate takes a number of calls per second from 0 to 1000 (got "${flags.rate}")`);
  const concurrency = positiveInt('concurrency', flags.concurrency, SWEEP_DEFAULTS.concurrency);
  const timeoutMs = timeoutFromFlags(flags);
  const json = flags.json === true;
  const count = plan.accounts.length;
  const what = `${count} chatbot${count === 1 ? '' : 's'}`;

  if (!flags.yes) {
    if (!io.stdin.isTTY) throw new UsageError('refusing to delete without confirmation: stdin is not a terminal; add --yes to go ahead');
    const ok = await confirm(
      io,
      `Delete ${what} from ${describeConnection(plan.connection)}?${plan.retryOf ? ` (retry of ${plan.retryOf})` : ''}`,
    );
    if (!ok) {
      writeLine(io.stderr, 'Not confirmed; nothing was sent.');
      return EXIT.usage;
    }
  }
  if (plan.duplicates && !json)
    writeLine(io.stderr, `${plan.duplicates} duplicate${plan.duplicates === 1 ? '' : 's'} dropped; each account is sent once.`);

  const bar = !json && (io.stderr as { isTTY?: boolean }).isTTY ? new ProgressBar(io.stderr) : null;
  const outcome = await runBatch(
    {
      connection: plan.connection,
      secretKey: plan.secretKey,
      accounts: plan.accounts,
      profile: plan.profile ?? null,
      retryOf: plan.retryOf,
      timeoutMs,
      sweep: { rate, concurrency, verify: !flags['no-verify'], previouslyAttempted: plan.previouslyAttempted },
      signal: io.interrupted,
      onProgress: (progress) => bar?.update(progress),
    },
    { ...cliGatewayEnv(io), history: cliHistory(io) },
  );
  bar?.finish();
  if (json) writeLine(io.stdout, JSON.stringify(jsonReport(outcome, plan.retryOf)));
  else report(io, outcome);
  return exitCode(outcome);
}

function jsonReport(outcome: BatchOutcome, retryOf: string | null) {
  return {
    batchId: outcome.batchId,
    retryOf,
    status: outcome.status,
    results: outcome.results.map(({ account, status, errorCode, errorInfo, attempts }) => ({
      account,
      status,
      errorCode,
      errorInfo,
      attempts,
    })),
    summary: { ...outcome.summary, calls: outcome.calls, durationMs: Math.round(outcome.durationMs), verification: outcome.verification },
    ...(outcome.stop ? { stop: outcome.stop } : {}),
  };
}

export function describeStop(stop: BatchStop): string {
  return `${describeError(stop.errorCode, stop.errorInfo)}. ${stop.advice}`;
}

function report(io: CliIo, outcome: BatchOutcome): void {
  const { summary } = outcome;
  const out = (text: string) => writeLine(io.stderr, text);
  if (outcome.stop) out(`Stopped after ${outcome.calls} call${outcome.calls === 1 ? '' : 's'}: ${describeStop(outcome.stop)}`);
  if (outcome.status === 'cancelled') out('Cancelled: calls already sent were finished; the rest were skipped.');
  out(
    `Deleted ${summary.deleted} of ${summary.total} in ${formatDuration(outcome.durationMs)}` +
      (summary.failed ? `; ${summary.failed} failed` : '') +
      (summary.skipped ? `; ${summary.skipped} skipped` : '') +
      (summary.unconfirmed ? `; ${summary.unconfirmed} unconfirmed` : '') +
      '.',
  );
  if (outcome.verification === 'verified') out('Verified with get_all_robots.');
  else if (outcome.verification === 'failed') out('Could not verify with get_all_robots; the results are the gateway’s answers.');
  const notDeleted = outcome.results.filter((result) => result.status === 'failed' || result.status === 'unconfirmed');
  for (const result of notDeleted.slice(0, 20))
    out(`  ${result.account}: ${result.status} — ${describeError(result.errorCode, result.errorInfo)}`);
  if (notDeleted.length > 20) out(`  … and ${notDeleted.length - 20} more (botsweep history --batch ${outcome.batchId})`);
  if (summary.deleted < summary.total) out(`Retry what is left with: botsweep retry ${outcome.batchId}`);
  writeLine(io.stdout, outcome.batchId);
}

function exitCode(outcome: BatchOutcome): number {
  if (outcome.status === 'aborted') return EXIT.aborted;
  if (outcome.status === 'cancelled') return EXIT.cancelled;
  return outcome.summary.deleted === outcome.summary.total ? EXIT.ok : EXIT.someFailed;
}
