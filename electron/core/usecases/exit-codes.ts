// The CLI's exit codes, decided here for every outcome so the app and the CLI agree on what counts as done:
// 0 every account done (deleted or absent; re-created or a bot already), 1 some not, 2 bad usage or input (nothing sent), 3 credentials, 4 another
// sweep of the app runs, 128 + the signal's number when a signal cancelled it.
import { allDone } from '../../../shared/sweep.js';
import type { BatchOutcome } from '../sweeps.js';

export const EXIT = { ok: 0, someFailed: 1, usage: 2, credentials: 3, busy: 4, cancelled: 130 } as const;

/** The signals that cancel a batch, and the exit code of each (128 + its number). */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type CancelSignal = keyof typeof SIGNAL_EXIT_CODES;

export function signalExitCode(signal: string | null): number {
  return SIGNAL_EXIT_CODES[(signal ?? 'SIGINT') as CancelSignal] ?? EXIT.cancelled;
}

export function outcomeExitCode(outcome: BatchOutcome): number {
  if (outcome.status === 'cancelled') return signalExitCode(outcome.signal);
  if (outcome.status === 'aborted') {
    // A local reason (the disk) that kept every call from being sent is not "some not deleted".
    if (outcome.stop?.kind === 'journal') return outcome.calls === 0 ? EXIT.usage : EXIT.someFailed;
    // The address is not the Chat REST gateway (a redirect, 403, 404), or one this computer will not send to (a port
    // no client may use: nothing was sent): the command line named the wrong place.
    if (outcome.stop?.kind === 'not-gateway' || outcome.stop?.kind === 'local') return EXIT.usage;
    const credentials = outcome.stop?.kind === 'credentials' || outcome.stop?.kind === 'app' || outcome.stop?.kind === 'locked-out';
    return credentials ? EXIT.credentials : EXIT.someFailed;
  }
  return allDone(outcome.summary) ? EXIT.ok : EXIT.someFailed;
}
