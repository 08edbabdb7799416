// What `delete`, `retry` and `recreate` share once a sweep is planned: the options, the confirmation (a question, or
// for a production app its name typed or given with --confirm-profile), the run with a progress bar, and the report.
import {
  CallFailed,
  describeConnection,
  EXIT,
  outcomeExitCode,
  Refusal,
  signalExitCode,
  SWEEP_DEFAULTS,
  type SweepPlan,
  type UseCases,
} from '../core/usecases/index.js';
import { positiveInt, UsageError, writeLine, type CliIo } from './io.js';
import { jsonReport, report, reportRecreation, someAccounts } from './sweep-report.js';
import { ask, confirm, ProgressBar } from './terminal.js';

/** The gateway allows 200 calls per second per app. */
const MAX_RATE = 200;

export const SWEEP_OPTIONS = {
  rate: { type: 'string' },
  'confirm-profile': { type: 'string' },
  wait: { type: 'boolean' },
  concurrency: { type: 'string' },
  'no-verify': { type: 'boolean' },
  'no-snapshot': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const RUN_HELP = `Options:
  --rate N           calls per second at most, 1 to ${MAX_RATE} (default ${SWEEP_DEFAULTS.rate}; the gateway allows 200);
                     the pace drops below it when the gateway answers "too frequent", and recovers
  --wait             if another sweep of the same app runs (another terminal, the app), wait for it
                     to end instead of refusing with exit 4
  --concurrency N    calls in flight at most (default ${SWEEP_DEFAULTS.concurrency})`;

const CONFIRM_HELP = `  --yes, -y          do not ask for confirmation (needed when stdin is not a terminal)
  --confirm-profile NAME   with --yes, the name of the app's production profile: needed to send
                     anything to a production app (any profile of the app can mark it so)
  --json             print one JSON object with every result on stdout`;

const EXIT_HELP = `2 bad usage or input (also an address that is not the Chat REST gateway: a redirect, 403 or
404), or nothing could be sent for a local reason (the disk), 3 credentials:
the gateway refused them (the batch stopped) or the keychain could not give the key (nothing
sent), 4 another sweep of the same app is running (nothing sent), 129/130/143 stopped by
SIGHUP/Ctrl-C/SIGTERM (calls in flight finish and are journaled).`;

export const SWEEP_HELP = `${RUN_HELP}
  --no-verify        skip the get_all_robots check after the calls
  --no-snapshot      do not save each bot's nickname, avatar and signature before deleting it
                     (portrait_get, one call per 100 accounts; "botsweep recreate" restores them)
${CONFIRM_HELP}

Exit codes: 0 every account deleted or not a chatbot of the app ("absent"), 1 some not (also
when the batch stopped early because the gateway was unreachable or failing every call),
${EXIT_HELP}`;

export const SWEEP_HELP_RECREATE = `${RUN_HELP}
${CONFIRM_HELP}

Each account comes to "recreated" (answered OK, and listed by get_all_robots afterwards),
"already-a-bot" (listed before its call: nothing sent), "failed" (with the code and advice;
10008 is the admin account's bot quota), "unconfirmed" or "skipped".
Exit codes: 0 every account recreated or already a bot, 1 some not (also when the batch stopped
early because the gateway was unreachable or failing every call),
${EXIT_HELP}`;

export interface SweepFlags {
  rate?: string | undefined;
  'confirm-profile'?: string | undefined;
  wait?: boolean | undefined;
  concurrency?: string | undefined;
  'no-verify'?: boolean | undefined;
  'no-snapshot'?: boolean | undefined;
  yes?: boolean | undefined;
  json?: boolean | undefined;
  timeout?: string | undefined;
}

/**
 * Runs a delete or retry command; with --json, a refusal or a failed call that kept it from sending anything still
 * prints one object on stdout ({"batchId": null, "status": "refused" | "failed", "code", "reason"}) before the message.
 */
export async function withJsonRefusals(json: boolean, io: CliIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (json && (error instanceof Refusal || error instanceof CallFailed)) {
      const status = error instanceof Refusal ? 'refused' : 'failed';
      writeLine(io.stdout, JSON.stringify({ batchId: null, status, code: error.code, reason: error.message }));
    }
    throw error;
  }
}

/** Says what the plan leaves out and what it found, before asking. */
export function notePlan(io: CliIo, plan: SweepPlan, how: string): void {
  for (const note of plan.notes) writeLine(io.stderr, `Note: ${note}.`);
  if (plan.leftOut.length)
    writeLine(
      io.stderr,
      `${plan.leftOut.length} protected account${plan.leftOut.length === 1 ? '' : 's'} left out${how}: ${someAccounts(plan.leftOut, 10)}`,
    );
}

export async function runPlanned(io: CliIo, useCases: UseCases, flags: SweepFlags, plan: SweepPlan): Promise<number> {
  const rate = flags.rate === undefined ? SWEEP_DEFAULTS.rate : Number(flags.rate);
  if (!Number.isFinite(rate) || rate < 1 || rate > MAX_RATE)
    throw new UsageError(`--rate takes a number of calls per second from 1 to ${MAX_RATE}, the gateway's limit (got "${flags.rate}")`);
  const concurrency = positiveInt('concurrency', flags.concurrency, SWEEP_DEFAULTS.concurrency);
  const json = flags.json === true;
  const count = plan.accounts.length;
  const bots = `${count} chatbot${count === 1 ? '' : 's'}`;
  const question =
    (plan.kind === 'recreate'
      ? `Re-create ${bots} in ${describeConnection(plan.connection)}, undoing batch ${plan.undoes}, with their saved nickname, ` +
        'avatar and signature? (Group memberships, conversations and callbacks do not come back.)'
      : `Delete ${bots} from ${describeConnection(plan.connection)}?`) + (plan.retryOf ? ` (retry of ${plan.retryOf})` : '');
  let confirmation: string | null = null;
  if (flags.yes) confirmation = flags['confirm-profile'] ?? null;
  else {
    if (!io.stdin.isTTY)
      throw new UsageError(
        `refusing to ${plan.kind === 'recreate' ? 're-create' : 'delete'} without confirmation: stdin is not a terminal; add --yes to go ahead`,
      );
    if (plan.production)
      confirmation = await ask(
        io,
        `${question}\nThis is a production app (profile "${plan.production}"): type that profile's name to go ahead: `,
      );
    else if (!(await confirm(io, question))) {
      writeLine(io.stderr, 'Not confirmed; nothing was sent.');
      return EXIT.usage;
    }
  }
  if (plan.duplicates && !json)
    writeLine(io.stderr, `${plan.duplicates} duplicate${plan.duplicates === 1 ? '' : 's'} dropped; each account is sent once.`);

  const bar = !json && (io.stderr as { isTTY?: boolean }).isTTY ? new ProgressBar(io.stderr) : null;
  try {
    const outcome = await useCases.sweeps.run(plan, {
      confirmation,
      rate,
      concurrency,
      verify: !flags['no-verify'],
      snapshot: !flags['no-snapshot'],
      signal: io.interrupted,
      wait: flags.wait === true,
      onWait: (owner) =>
        writeLine(io.stderr, `Waiting for ${owner.batchId ? `batch ${owner.batchId}` : 'a starting batch'} (pid ${owner.pid}) to finish…`),
      onTakeOver: (owner) =>
        writeLine(io.stderr, `Note: took over the lock of pid ${owner.pid} (since ${owner.startedAt}), which is no longer running.`),
      onProgress: (progress) => bar?.update(progress),
    });
    bar?.finish();
    if (json) writeLine(io.stdout, JSON.stringify(jsonReport(outcome, plan)));
    else if (plan.kind === 'recreate') reportRecreation(io, outcome, plan);
    else report(io, outcome);
    return outcomeExitCode(outcome);
  } catch (error) {
    bar?.finish();
    if (error instanceof Refusal || !io.interrupted.aborted) throw error;
    const signal = typeof io.interrupted.reason === 'string' ? io.interrupted.reason : null;
    const reason = 'cancelled while waiting for the other sweep of this app; nothing was sent';
    if (json) writeLine(io.stdout, JSON.stringify({ batchId: null, status: 'cancelled', signal, reason }));
    writeLine(io.stderr, `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`);
    return signalExitCode(signal);
  }
}
