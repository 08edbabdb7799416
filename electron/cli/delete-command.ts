// `botsweep delete`: accounts from arguments, --file and/or --match, planned by the use cases (checked, guarded),
// then a dry run or a confirmed sweep.
import { parseArgs } from 'node:util';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import { describeConnection, type SweepPlan, type UseCases } from '../core/usecases/index.js';
import { accountSources } from './accounts-input.js';
import { aimFromFlags, cliUseCases, CONNECTION_HELP, CONNECTION_OPTIONS, envSecret, timeoutFromFlags } from './connection.js';
import { EXIT, writeLine, type CliIo } from './io.js';
import { notePlan, runPlanned, SWEEP_HELP, SWEEP_OPTIONS, withJsonRefusals } from './sweep-run.js';

export const DELETE_HELP = `Usage: botsweep delete [ACCOUNT…] [--file PATH|-] [--match GLOB] (--profile NAME | connection flags) [options]

Deletes chatbot accounts (@RBT#…). Accounts come from the arguments and/or a file and/or --match.
A file may be a plain list (one per line, or comma/tab separated; "-" reads stdin), the output of
"botsweep list" (text or --json, with or without --details), or a Botsweep history export (CSV or
JSON: its account column). An export of another app is refused (apps provisioned by one script
often share bot IDs) unless --from-other-app says it is meant. Every account is checked before
anything is sent. The app's protected accounts (of any of its profiles) are never sent: naming
one refuses the run (exit 2).
  --file PATH        read accounts from a file, or - for stdin
  --match GLOB       every chatbot of the app (get_all_robots) whose account ID matches GLOB
                     (* any run, ? one character; case-sensitive), protected ones left out
  --from-other-app   take a Botsweep export of another app all the same
  --dry-run          send no deletion: list the app's chatbots and show which accounts are chatbots
                     and which would be "absent" (offline when no secret key is at hand)

${CONNECTION_HELP}

${SWEEP_HELP}`;

export async function deleteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseDeleteArgs(args);
  if (values.help) return (writeLine(io.stdout, DELETE_HELP), EXIT.ok);
  return withJsonRefusals(values.json === true, io, () => planAndRun(values, positionals, io));
}

type DeleteFlags = ReturnType<typeof parseDeleteArgs>['values'];

function parseDeleteArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      ...CONNECTION_OPTIONS,
      ...SWEEP_OPTIONS,
      file: { type: 'string' },
      match: { type: 'string' },
      'from-other-app': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
}

async function planAndRun(values: DeleteFlags, positionals: string[], io: CliIo): Promise<number> {
  const aim = aimFromFlags(values);
  const useCases = cliUseCases(io, timeoutFromFlags(values));
  const plan = await useCases.sweeps.planDeletion({
    aim,
    envSecret: envSecret(io),
    sources: await accountSources(positionals, values.file, io),
    match: values.match ?? null,
    allowOtherApp: values['from-other-app'] === true,
    signal: io.interrupted,
  });
  for (const { source, format } of plan.formats)
    if (format !== 'list' && !values.json) writeLine(io.stderr, `Read ${source} as ${FORMAT_WORDS[format]}.`);
  notePlan(io, plan, ' of --match');
  if (!plan.accounts.length) {
    const why = plan.leftOut.length ? 'every chatbot it matches is protected' : 'no chatbot of the app matches it';
    writeLine(io.stderr, `--match ${escapeUnsafe(values.match ?? '')}: ${why}; nothing to delete.`);
    if (values.json) writeLine(io.stdout, JSON.stringify({ batchId: null, status: 'completed', results: [], summary: null }));
    return EXIT.ok;
  }
  if (values['dry-run']) return dryRun(io, useCases, plan, values.json === true);
  return runPlanned(io, useCases, values, plan);
}

const FORMAT_WORDS = {
  list: 'a list of accounts',
  'list-details': 'the output of "botsweep list --details" (its account column)',
  'list-json': 'the output of "botsweep list --json"',
  'export-csv': 'a Botsweep history export (CSV; its account column)',
  'export-json': 'a Botsweep history export (JSON; its accounts)',
} as const;

async function dryRun(io: CliIo, useCases: UseCases, plan: SweepPlan, json: boolean): Promise<number> {
  const check = await useCases.sweeps.check(plan, io.interrupted);
  const { connection, accounts } = plan;
  if (json) {
    const { target, sdkAppId, identifier } = connection;
    const found = 'bots' in check ? { bots: check.bots, absent: check.absent } : { checkProblem: check.problem };
    writeLine(io.stdout, JSON.stringify({ dryRun: true, target, sdkAppId, identifier, accounts, checked: 'bots' in check, ...found }));
    return EXIT.ok;
  }
  const bots = 'bots' in check ? new Set(check.bots) : null;
  for (const account of accounts) {
    const state = bots ? (bots.has(account) ? '\tchatbot' : '\tabsent: not a chatbot of this app') : '';
    writeLine(io.stdout, `${escapeUnsafe(account)}${state}`);
  }
  writeLine(
    io.stderr,
    `Dry run: would delete ${accounts.length} chatbot${accounts.length === 1 ? '' : 's'} from ${describeConnection(connection)}.`,
  );
  if ('bots' in check) {
    const [isBot, absent] = [check.bots.length, check.absent.length];
    writeLine(
      io.stderr,
      `Checked with get_all_robots: ${isBot} ${isBot === 1 ? 'is a chatbot' : 'are chatbots'} of this app; ${absent} would be absent.`,
    );
  } else writeLine(io.stderr, `Not checked against the app's chatbots: ${check.problem}`);
  if (plan.duplicates) writeLine(io.stderr, `${plan.duplicates} duplicate${plan.duplicates === 1 ? '' : 's'} dropped.`);
  writeLine(io.stderr, 'Nothing was deleted.');
  return EXIT.ok;
}
