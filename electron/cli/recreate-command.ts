// `botsweep recreate`: undoes a deletion: its deleted accounts (all, or those named) made chatbots again with the
// profile saved before their deletion, as a new batch to the same app and admin.
import { parseArgs } from 'node:util';
import { cliUseCases, envSecret, timeoutFromFlags } from './connection.js';
import { EXIT, UsageError, writeLine, type CliIo } from './io.js';
import { notePlan, runPlanned, SWEEP_HELP_RECREATE, SWEEP_OPTIONS, withJsonRefusals, type SweepFlags } from './sweep-run.js';

export const RECREATE_HELP = `Usage: botsweep recreate BATCH_ID [ACCOUNT…] [options]

Undoes a deletion: every account BATCH_ID deleted (or only the ACCOUNTs named, each one it deleted)
becomes a chatbot again (create_robot), with the nickname, avatar and signature saved before its
deletion. What comes back: the chatbot account and its nickname, avatar and signature. What does
not: anything else tied to the bot (group memberships, conversations, callbacks) — Botsweep does
not restore those. An account whose profile was not saved (--no-snapshot, or it could not be
fetched) comes back without one. An account that is a chatbot already is left as it is.
It goes as a new batch to the same app and admin, under that app's lock; "botsweep retry ID" of
the re-creation sends what is left (after a raised bot quota, say).
Secret key: from --profile NAME, else TIM_SECRET_KEY when it is set, else the batch's own profile.
A production app needs its name, whichever key signs.
  --profile NAME     take the secret key from this profile (it must be for the same app and admin)
  --timeout MS       per-request timeout (default 10000)

${SWEEP_HELP_RECREATE}`;

const { 'no-verify': _noVerify, 'no-snapshot': _noSnapshot, ...RECREATE_OPTIONS } = SWEEP_OPTIONS;

export async function recreateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...RECREATE_OPTIONS, timeout: { type: 'string' }, profile: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, RECREATE_HELP), EXIT.ok);
  const [batchId, ...accounts] = positionals;
  if (!batchId) throw new UsageError('name the deletion batch to undo: botsweep recreate BATCH_ID [ACCOUNT…]');
  return withJsonRefusals(values.json === true, io, () => planAndRun(values, batchId, accounts, io));
}

async function planAndRun(values: SweepFlags & { profile?: string | undefined }, batchId: string, accounts: string[], io: CliIo) {
  const useCases = cliUseCases(io, timeoutFromFlags(values));
  const plan = useCases.sweeps.planRecreate({ batchId, accounts, profile: values.profile ?? null, envSecret: envSecret(io) });
  notePlan(io, plan, '');
  return runPlanned(io, useCases, values, plan);
}
