// What a batch came to, in the words the summary and the history share, and why it stopped.
import type { Translate } from './i18n';
import type { BatchKind, BatchStatus, BatchStop, BatchSummary, StopKind } from '../../shared/sweep';
import { gatewayCodeText } from './errors';

export type Outcome = 'finished' | 'finished-failures' | 'nothing-deleted' | 'stopped' | 'cancelled' | 'interrupted' | 'running';

/** Every stop kind (the compiler checks the list is whole): the catalogs must have words for each. */
export const STOP_KINDS = Object.keys({
  credentials: true,
  app: true,
  unreachable: true,
  'gateway-failing': true,
  'unknown-error': true,
  redirect: true,
  'not-gateway': true,
  'too-frequent': true,
  'locked-out': true,
  journal: true,
  signal: true,
} satisfies Record<StopKind, true>) as StopKind[];

/** Stops that a retry cannot fix: the profile (key, app, region) must change first. */
const PROFILE_STOPS: readonly StopKind[] = ['credentials', 'app', 'locked-out', 'redirect', 'not-gateway'];

export function batchOutcome(status: BatchStatus, summary: BatchSummary, kind: BatchKind = 'delete'): Outcome {
  if (status === 'running' || status === 'aborted' || status === 'cancelled' || status === 'interrupted')
    return status === 'aborted' ? 'stopped' : status;
  const undone = summary.failed + summary.unconfirmed + summary.skipped;
  if (undone > 0) return 'finished-failures';
  // A re-creation whose accounts were all bots already has still done its job.
  return summary.deleted > 0 || kind === 'recreate' ? 'finished' : 'nothing-deleted';
}

/** Whether the profile, not a retry, is the fix (a wrong key, a disabled app, a lockout). */
export function stopNeedsProfile(stop: BatchStop | null): boolean {
  if (!stop) return false;
  return stop.kind ? PROFILE_STOPS.includes(stop.kind) : stop.errorCode !== null;
}

/** Why the batch stopped and what to do, translated; the gateway's code in words when there is one. */
export function stopText(t: Translate, stop: BatchStop): string {
  const parts = [stop.kind ? t(`stopKinds.${stop.kind}.reason`) : t('stopFallback')];
  if (stop.errorCode !== null) parts.push(`${gatewayCodeText(t, stop.errorCode)} [${stop.errorCode}]`);
  else if (!stop.kind) parts.push(`${stop.errorInfo}. ${stop.advice}`.trim());
  if (stop.kind) parts.push(t(`stopKinds.${stop.kind}.advice`));
  return parts.join(' ');
}
