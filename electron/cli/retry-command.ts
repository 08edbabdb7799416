// `botsweep retry`: a batch's accounts that are not done, sent again to the same app as a new batch.
import { parseArgs } from 'node:util';
import { Refusal } from '../core/usecases/index.js';
import { cliUseCases, envSecret, timeoutFromFlags } from './connection.js';
import { EXIT, UsageError, writeLine, type CliIo } from './io.js';
import { notePlan, runPlanned, SWEEP_HELP, SWEEP_OPTIONS, withJsonRefusals, type SweepFlags } from './sweep-run.js';

export const RETRY_HELP = `Usage: botsweep retry BATCH_ID [options]

Sends again, as a new batch to the same app and admin, every account of BATCH_ID that is not done
(failed, unconfirmed or skipped; never deleted or absent ones). Find batch ids with "botsweep history".
Secret key: from --profile NAME, else TIM_SECRET_KEY when it is set, else the batch's own profile.
The app's protected accounts (of any of its profiles, as they are now) are left out, and a
production app needs its name, whichever key signs.
  --profile NAME     take the secret key from this profile (it must be for the same app and admin)
  --timeout MS       per-request timeout (default 10000)

${SWEEP_HELP}`;

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
  return withJsonRefusals(values.json === true, io, () => planAndRun(values, batchId, io));
}

async function planAndRun(values: SweepFlags & { profile?: string | undefined }, batchId: string, io: CliIo): Promise<number> {
  const useCases = cliUseCases(io, timeoutFromFlags(values));
  let plan;
  try {
    plan = useCases.sweeps.planRetry({ batchId, profile: values.profile ?? null, envSecret: envSecret(io) });
  } catch (error) {
    if (!(error instanceof Refusal) || error.code !== 'nothing-to-retry') throw error;
    if (values.json)
      writeLine(io.stdout, JSON.stringify({ batchId: null, retryOf: batchId, status: 'completed', results: [], summary: null }));
    else writeLine(io.stderr, error.message);
    return error.exitCode;
  }
  notePlan(io, plan, '');
  return runPlanned(io, useCases, values, plan);
}
