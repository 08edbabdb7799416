// `botsweep delete` and `botsweep retry`: run a batch with confirmation, a progress bar, a report and exit codes.
import { parseArgs } from 'node:util';
import type { BatchStop } from '../../shared/sweep.js';
import type { Connection } from '../../shared/target.js';
import { globMatcher, globProblem, globToRegExp } from '../../shared/glob.js';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import { gatewayFor } from '../core/gateway-env.js';
import { describeApp, RetryRefused, SweepBusy, SWEEP_DEFAULTS, type BatchOutcome } from '../core/sweeps.js';
import { describeInvalidEntries } from '../core/tim/answers.js';
import { describeError } from '../core/tim/errors.js';
import { readAccounts } from './accounts-input.js';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  cliGatewayEnv,
  cliSweeps,
  profileConnection,
  resolveConnection,
  hasEnvSecret,
  secretFromEnv,
  timeoutFromFlags,
  type ResolvedConnection,
} from './connection.js';
import { EXIT, positiveInt, signalExitCode, UsageError, writeLine, type CliIo } from './io.js';
import { ask, confirm, formatDuration, ProgressBar } from './terminal.js';

/** The gateway allows 200 calls per second per app. */
const MAX_RATE = 200;

const SWEEP_OPTIONS = {
  rate: { type: 'string' },
  'confirm-profile': { type: 'string' },
  wait: { type: 'boolean' },
  concurrency: { type: 'string' },
  'no-verify': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SWEEP_HELP = `Options:
  --rate N           calls per second at most, 1 to ${MAX_RATE} (default ${SWEEP_DEFAULTS.rate}; the gateway allows 200);
                     the pace drops below it when the gateway answers "too frequent", and recovers
  --wait             if another sweep of the same app runs (another terminal, the app), wait for it
                     to end instead of refusing with exit 4
  --concurrency N    calls in flight at most (default ${SWEEP_DEFAULTS.concurrency})
  --no-verify        skip the get_all_robots check after the calls
  --yes, -y          do not ask for confirmation (needed when stdin is not a terminal)
  --json             print one JSON object with every result on stdout

Exit codes: 0 every account deleted or not a chatbot of the app ("absent"), 1 some not (also
when the batch stopped early because the gateway was unreachable or failing every call),
2 bad usage or input (also an address that is not the Chat REST gateway: a redirect, 403 or
404), or nothing could be sent for a local reason (the disk), 3 credentials:
the gateway refused them (the batch stopped) or the keychain could not give the key (nothing
sent), 4 another sweep of the same app is running (nothing sent), 129/130/143 stopped by
SIGHUP/Ctrl-C/SIGTERM (calls in flight finish and are journaled).`;

export const DELETE_HELP = `Usage: botsweep delete [ACCOUNT…] [--file PATH|-] [--match GLOB] (--profile NAME | connection flags) [options]

Deletes chatbot accounts (@RBT#…). Accounts come from the arguments and/or a file (one per line, or
comma/tab separated; "-" reads stdin) and/or --match. Every account is checked before anything is sent.
A profile's protected accounts are never sent: naming one refuses the run (exit 2).
  --file PATH        read accounts from a file, or - for stdin
  --match GLOB       every chatbot of the app (get_all_robots) whose account matches GLOB (* any run,
                     ? one character), protected ones left out
  --dry-run          send no deletion: list the app's chatbots and show which accounts are chatbots
                     and which would be "absent" (offline when no secret key is at hand)
  --confirm-profile NAME   a production profile's name: with --yes, needed to delete under it

${CONNECTION_HELP}

${SWEEP_HELP}`;

export const RETRY_HELP = `Usage: botsweep retry BATCH_ID [options]

Sends again, as a new batch to the same app, every account of BATCH_ID that is not done
(failed, unconfirmed or skipped; never deleted or absent ones). Find batch ids with "botsweep history".
Secret key: from --profile NAME, else from the batch's own profile when it still exists and
TIM_SECRET_KEY is not set, else from TIM_SECRET_KEY.
  --profile NAME     take the secret key from this profile (it must be for the same app)
  --timeout MS       per-request timeout (default 10000)

${SWEEP_HELP}`;

interface SweepFlags {
  rate?: string | undefined;
  'confirm-profile'?: string | undefined;
  wait?: boolean | undefined;
  concurrency?: string | undefined;
  'no-verify'?: boolean | undefined;
  yes?: boolean | undefined;
  json?: boolean | undefined;
  timeout?: string | undefined;
}

export async function deleteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...CONNECTION_OPTIONS,
      ...SWEEP_OPTIONS,
      file: { type: 'string' },
      match: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, DELETE_HELP), EXIT.ok);
  const { connection, secret, profile, guard } = await resolveConnection(values, io);
  if (values.match !== undefined) {
    const problem = globProblem(values.match);
    if (problem) throw new UsageError(`--match: ${problem}`);
  }
  const given =
    positionals.length || values.file !== undefined || values.match === undefined
      ? await readAccounts(positionals, values.file, io)
      : { accounts: [], duplicates: 0 };
  const isProtected = globMatcher(guard?.protected ?? []);
  const refused = given.accounts.filter(isProtected);
  if (refused.length) {
    const list = refused.slice(0, 20).map((account) => `  ${escapeUnsafe(account)}`);
    throw new UsageError(
      `${refused.length} of these accounts are protected in profile "${profile}": they are never deleted; nothing was sent:\n${list.join('\n')}` +
        (refused.length > 20 ? `\n  … and ${refused.length - 20} more` : ''),
    );
  }
  // The app's chatbots, when --match or a dry run needs them (one get_all_robots; nothing is deleted).
  let listing: { bots: ReadonlySet<string> } | { problem: string } | null = null;
  const list = async () => {
    let key: string;
    try {
      key = await secret();
    } catch (error) {
      if (values.match !== undefined) throw error;
      return { problem: `no secret key at hand (${(error as Error).message})` };
    }
    const outcome = await gatewayFor(connection, key, cliGatewayEnv(io), timeoutFromFlags(values)).getAllRobots(io.interrupted);
    if (outcome.ok && outcome.answer.Robot_Account) {
      const junk = describeInvalidEntries(outcome.answer);
      if (junk) writeLine(io.stderr, `Note: ${junk}.`);
      return { bots: new Set(outcome.answer.Robot_Account) };
    }
    const why = outcome.ok ? 'the listing came back without its accounts' : `${describeError(outcome.errorCode, outcome.errorInfo)}`;
    if (values.match !== undefined) throw new UsageError(`--match needs the app's chatbots, but get_all_robots failed: ${why}`);
    return { problem: why };
  };
  let accounts = given.accounts;
  if (values.match !== undefined) {
    listing = await list();
    const matches = globToRegExp(values.match);
    const matched = [...(listing as { bots: ReadonlySet<string> }).bots].filter((bot) => matches.test(bot));
    const skipped = matched.filter(isProtected);
    if (skipped.length)
      writeLine(
        io.stderr,
        `${skipped.length} protected account${skipped.length === 1 ? '' : 's'} left out of --match: ${skipped.slice(0, 10).map(escapeUnsafe).join(', ')}${skipped.length > 10 ? ', …' : ''}`,
      );
    accounts = [...new Set([...accounts, ...matched.filter((bot) => !isProtected(bot))])];
    if (!accounts.length) {
      writeLine(io.stderr, `No chatbot of the app matches ${escapeUnsafe(values.match)}; nothing to delete.`);
      if (values.json) writeLine(io.stdout, JSON.stringify({ batchId: null, status: 'completed', results: [], summary: null }));
      return EXIT.ok;
    }
  }
  if (values['dry-run']) {
    listing ??= await list();
    return dryRun(
      io,
      connection,
      accounts,
      given.duplicates,
      values.json === true,
      'bots' in listing ? listing.bots : null,
      'problem' in listing ? listing.problem : null,
    );
  }
  const secretKey = await secret();
  return sweep(io, values, {
    connection,
    secretKey,
    accounts,
    duplicates: given.duplicates,
    retryOf: null,
    profile,
    production: guard?.production ? profile : null,
  });
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
  let prepared: ReturnType<ReturnType<typeof cliSweeps>['prepareRetry']>;
  try {
    prepared = cliSweeps(io).prepareRetry(batchId);
  } catch (error) {
    if (!(error instanceof RetryRefused)) throw error;
    if (error.kind === 'running') {
      writeLine(io.stderr, `botsweep retry: ${error.message}; nothing was sent.`);
      return EXIT.busy;
    }
    throw new UsageError(`${error.message}${error.kind === 'not-found' ? '; "botsweep history" lists them' : '; nothing was sent'}`);
  }
  const { batch, plan } = prepared;
  if (!plan.accounts.length) {
    if (values.json)
      writeLine(io.stdout, JSON.stringify({ batchId: null, retryOf: batchId, status: 'completed', results: [], summary: null }));
    else writeLine(io.stderr, `Nothing to retry: every account of batch ${batchId} is deleted or was not a chatbot.`);
    return EXIT.ok;
  }
  const connection: Connection = { target: batch.target, sdkAppId: batch.sdkAppId, identifier: batch.identifier };
  const { secretKey, guard } = await retrySecret(io, values.profile ?? null, batch.profile, connection);
  const profile = values.profile ?? batch.profile;
  // Protected accounts are skipped: the protection may be newer than the batch.
  const isProtected = globMatcher(guard?.protected ?? []);
  const skipped = plan.accounts.filter(isProtected);
  if (skipped.length)
    writeLine(
      io.stderr,
      `${skipped.length} protected account${skipped.length === 1 ? '' : 's'} left out: ${skipped.slice(0, 10).map(escapeUnsafe).join(', ')}${skipped.length > 10 ? ', …' : ''}`,
    );
  const accounts = plan.accounts.filter((account) => !isProtected(account));
  if (!accounts.length) {
    writeLine(io.stderr, `Nothing to retry: every account left in batch ${batchId} is protected.`);
    return EXIT.ok;
  }
  return sweep(io, values, {
    connection,
    secretKey,
    production: guard?.production ? profile : null,
    accounts,
    duplicates: 0,
    retryOf: batchId,
    previouslySent: plan.previouslySent,
    inheritedBots: plan.inheritedBots,
    profile,
  });
}

/** The secret for a retry: --profile, else the batch's own profile when it still exists, else TIM_SECRET_KEY. */
async function retrySecret(
  io: CliIo,
  flagProfile: string | null,
  batchProfile: string | null,
  connection: Connection,
): Promise<{ secretKey: string; guard: ResolvedConnection['guard'] }> {
  const name = flagProfile ?? (batchProfile && !hasEnvSecret(io) ? batchProfile : null);
  if (!name) return { secretKey: secretFromEnv(io), guard: null };
  const resolved = await profileConnection(name, io);
  const other = resolved.connection;
  const same =
    other.sdkAppId === connection.sdkAppId &&
    other.identifier === connection.identifier &&
    JSON.stringify(other.target) === JSON.stringify(connection.target);
  if (!same)
    throw new UsageError(`profile "${name}" is for ${describeConnection(other)}, but the batch went to ${describeConnection(connection)}`);
  return { secretKey: await resolved.secret(), guard: resolved.guard };
}

interface SweepPlan {
  connection: Connection;
  secretKey: string;
  accounts: string[];
  duplicates: number;
  retryOf: string | null;
  previouslySent?: Set<string>;
  inheritedBots?: Map<string, boolean>;
  profile?: string | null;
  /** A production profile's name: deleting needs it typed (or --confirm-profile with --yes). */
  production?: string | null;
}

function describeConnection(connection: Connection): string {
  return `${describeApp(connection)} (admin ${escapeUnsafe(connection.identifier)})`;
}

function dryRun(
  io: CliIo,
  connection: Connection,
  accounts: string[],
  duplicates: number,
  json: boolean,
  bots: ReadonlySet<string> | null,
  problem: string | null,
): number {
  const isBot = bots ? accounts.filter((account) => bots.has(account)) : null;
  const absent = bots ? accounts.filter((account) => !bots.has(account)) : null;
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify({
        dryRun: true,
        target: connection.target,
        sdkAppId: connection.sdkAppId,
        identifier: connection.identifier,
        accounts,
        checked: bots !== null,
        ...(bots ? { bots: isBot, absent } : { checkProblem: problem }),
      }),
    );
  } else {
    for (const account of accounts) {
      const state = bots ? (bots.has(account) ? '\tchatbot' : '\tabsent: not a chatbot of this app') : '';
      writeLine(io.stdout, `${escapeUnsafe(account)}${state}`);
    }
    writeLine(
      io.stderr,
      `Dry run: would delete ${accounts.length} chatbot${accounts.length === 1 ? '' : 's'} from ${describeConnection(connection)}.`,
    );
    if (isBot && absent)
      writeLine(io.stderr, `Checked with get_all_robots: ${isBot.length} are chatbots of this app; ${absent.length} would be absent.`);
    else writeLine(io.stderr, `Not checked against the app's chatbots: ${problem}.`);
    if (duplicates) writeLine(io.stderr, `${duplicates} duplicate${duplicates === 1 ? '' : 's'} dropped.`);
    writeLine(io.stderr, 'Nothing was deleted.');
  }
  return EXIT.ok;
}

async function sweep(io: CliIo, flags: SweepFlags, plan: SweepPlan): Promise<number> {
  const rate = flags.rate === undefined ? SWEEP_DEFAULTS.rate : Number(flags.rate);
  if (!Number.isFinite(rate) || rate < 1 || rate > MAX_RATE)
    throw new UsageError(`--rate takes a number of calls per second from 1 to ${MAX_RATE}, the gateway's limit (got "${flags.rate}")`);
  const concurrency = positiveInt('concurrency', flags.concurrency, SWEEP_DEFAULTS.concurrency);
  const timeoutMs = timeoutFromFlags(flags);
  const json = flags.json === true;
  const count = plan.accounts.length;
  const what = `${count} chatbot${count === 1 ? '' : 's'}`;

  const question = `Delete ${what} from ${describeConnection(plan.connection)}?${plan.retryOf ? ` (retry of ${plan.retryOf})` : ''}`;
  if (plan.production) {
    // A production profile: --yes alone is not enough; the name is typed, or given with --confirm-profile.
    if (flags.yes) {
      if (flags['confirm-profile'] !== plan.production)
        throw new UsageError(
          `profile "${plan.production}" is a production profile: --yes needs --confirm-profile "${plan.production}"; nothing was sent`,
        );
    } else {
      if (!io.stdin.isTTY) throw new UsageError('refusing to delete without confirmation: stdin is not a terminal; add --yes to go ahead');
      const typed = await ask(io, `${question}\nThis is the production profile "${plan.production}": type its name to go ahead: `);
      if (typed.trim() !== plan.production) {
        writeLine(io.stderr, 'The name did not match; nothing was sent.');
        return EXIT.usage;
      }
    }
  } else if (!flags.yes) {
    if (!io.stdin.isTTY) throw new UsageError('refusing to delete without confirmation: stdin is not a terminal; add --yes to go ahead');
    if (!(await confirm(io, question))) {
      writeLine(io.stderr, 'Not confirmed; nothing was sent.');
      return EXIT.usage;
    }
  }
  if (plan.duplicates && !json)
    writeLine(io.stderr, `${plan.duplicates} duplicate${plan.duplicates === 1 ? '' : 's'} dropped; each account is sent once.`);

  const bar = !json && (io.stderr as { isTTY?: boolean }).isTTY ? new ProgressBar(io.stderr) : null;
  let outcome: BatchOutcome;
  try {
    outcome = await cliSweeps(io).run({
      connection: plan.connection,
      secretKey: plan.secretKey,
      accounts: plan.accounts,
      profile: plan.profile ?? null,
      retryOf: plan.retryOf,
      timeoutMs,
      sweep: {
        rate,
        concurrency,
        verify: !flags['no-verify'],
        ...(plan.previouslySent ? { previouslySent: plan.previouslySent } : {}),
        ...(plan.inheritedBots ? { inheritedBots: plan.inheritedBots } : {}),
      },
      signal: io.interrupted,
      wait: flags.wait === true,
      onWait: (owner) =>
        writeLine(io.stderr, `Waiting for ${owner.batchId ? `batch ${owner.batchId}` : 'a starting batch'} (pid ${owner.pid}) to finish…`),
      onTakeOver: (owner) =>
        writeLine(io.stderr, `Note: took over the lock of pid ${owner.pid} (since ${owner.startedAt}), which is no longer running.`),
      onProgress: (progress) => bar?.update(progress),
    });
  } catch (error) {
    if (error instanceof SweepBusy) {
      const message = `${error.message}. Nothing was sent; wait for it to finish, or add --wait.`;
      if (json) writeLine(io.stdout, JSON.stringify({ batchId: null, status: 'refused', reason: message }));
      writeLine(io.stderr, `botsweep: ${message}`);
      return EXIT.busy;
    }
    if (io.interrupted.aborted) {
      const signal = typeof io.interrupted.reason === 'string' ? io.interrupted.reason : null;
      const reason = 'cancelled while waiting for the other sweep of this app; nothing was sent';
      if (json) writeLine(io.stdout, JSON.stringify({ batchId: null, status: 'cancelled', signal, reason }));
      writeLine(io.stderr, `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`);
      return signalExitCode(signal);
    }
    throw error;
  }
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
    summary: { ...outcome.summary, calls: outcome.calls, durationMs: Math.round(outcome.durationMs) },
    verification: outcome.verification,
    listedAtStart: outcome.listedAtStart,
    listingContradicted: outcome.listingContradicted,
    stop: outcome.stop,
    signal: outcome.signal,
    journalProblem: outcome.journalProblem,
  };
}

export function describeStop(stop: BatchStop): string {
  return `${describeError(stop.errorCode, stop.errorInfo)}. ${stop.advice}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function report(io: CliIo, outcome: BatchOutcome): void {
  const { summary } = outcome;
  const out = (text: string) => writeLine(io.stderr, text);
  if (outcome.stop) out(`Stopped after ${plural(outcome.calls, 'call', 'calls')}: ${describeStop(outcome.stop)}`);
  if (outcome.status === 'cancelled')
    out(`Cancelled${outcome.signal ? ` by ${outcome.signal}` : ''}: calls already sent were finished; the rest were skipped.`);
  out(
    `Deleted ${summary.deleted} of ${summary.total}${outcome.batchId ? ` in ${formatDuration(outcome.durationMs)}` : ''}` +
      (summary.absent
        ? `; ${summary.absent === 1 ? '1 was not a chatbot' : `${summary.absent} were not chatbots`} of this app: mistyped, or already gone`
        : '') +
      (summary.failed ? `; ${summary.failed} failed` : '') +
      (summary.unconfirmed ? `; ${summary.unconfirmed} unconfirmed` : '') +
      (summary.skipped ? `; ${summary.skipped} not sent (skipped)` : '') +
      '.',
  );
  const absent = outcome.results.filter((result) => result.status === 'absent');
  if (absent.length) {
    out(
      `Not chatbots of this app: ${absent
        .slice(0, 20)
        .map((result) => escapeUnsafe(result.account))
        .join(', ')}${absent.length > 20 ? `, … and ${absent.length - 20} more` : ''}.`,
    );
  }
  if (outcome.listingContradicted)
    out(
      `The listing of the app’s chatbots made before the batch was not believed for any account: ${outcome.listingContradicted}. ` +
        'Each account was settled by the gateway’s answers and the final listing alone.',
    );
  else if (outcome.batchId && outcome.listedAtStart === null && outcome.calls > 0)
    out('Could not list the app’s chatbots before the batch, so accounts that were not chatbots could not be told apart.');
  const { verification } = outcome;
  if (verification.status === 'verified') out('Verified with get_all_robots.');
  else if (verification.status === 'failed')
    out(`Could not verify with get_all_robots (${verification.reason}); the results are the gateway’s answers.`);
  else if (verification.status === 'untrusted')
    out(`The final get_all_robots listing was not believed (${verification.reason}); accounts it would settle stay unconfirmed.`);
  const notDone = outcome.results.filter((result) => result.status === 'failed' || result.status === 'unconfirmed');
  for (const result of notDone.slice(0, 20))
    out(`  ${escapeUnsafe(result.account)}: ${result.status} — ${describeError(result.errorCode, result.errorInfo)}`);
  if (notDone.length > 20) out(`  … and ${notDone.length - 20} more (botsweep history --batch ${outcome.batchId})`);
  if (outcome.journalProblem) out(`Warning: ${outcome.journalProblem}; the history will show this batch as interrupted.`);
  if (!outcome.batchId) return;
  if (summary.deleted + summary.absent < summary.total) out(`Retry what is left with: botsweep retry ${outcome.batchId}`);
  writeLine(io.stdout, outcome.batchId);
}

function exitCode(outcome: BatchOutcome): number {
  if (outcome.status === 'cancelled') return signalExitCode(outcome.signal);
  if (outcome.status === 'aborted') {
    // A local reason (the disk) that kept every call from being sent is not "some not deleted".
    if (outcome.stop?.kind === 'journal') return outcome.calls === 0 ? EXIT.usage : EXIT.someFailed;
    // The address is not the Chat REST gateway (a redirect, 403, 404): the command line named the wrong place.
    if (outcome.stop?.kind === 'not-gateway') return EXIT.usage;
    const credentials = outcome.stop?.kind === 'credentials' || outcome.stop?.kind === 'app' || outcome.stop?.kind === 'locked-out';
    return credentials ? EXIT.aborted : EXIT.someFailed;
  }
  return outcome.summary.deleted + outcome.summary.absent === outcome.summary.total ? EXIT.ok : EXIT.someFailed;
}
