// What a batch came to and why it stopped, in the user's language, from the codes of the one vocabulary
// (shared/vocabulary.ts): the summary, the history and the notification say it alike.
import type { Translate } from './i18n';
import type { BatchKind, BatchStop, BatchSummary } from '../../shared/sweep';
import { leadStatus, otherCounts, retryHelps } from '../../shared/vocabulary';
import { escapeUnsafe } from '../../shared/unsafe-text';
import { gatewayCodeText } from './errors';

export { batchOutcome } from '../../shared/vocabulary';

/** Whether the profile, not a retry, is the fix (a wrong key, a disabled app, a lockout, an unusable address). */
export function stopNeedsProfile(stop: BatchStop | null): boolean {
  return stop !== null && !retryHelps(stop);
}

/**
 * Why the batch stopped and what to do, said once: the kind's reason, then the gateway's code in words (which carry
 * their own advice) or else the kind's advice.
 */
export function stopText(t: Translate, stop: BatchStop): string {
  if (!stop.kind) return `${t('stopFallback')} ${escapeUnsafe(`${stop.errorInfo}. ${stop.advice}`.trim())}`;
  const reason = t(`stopKinds.${stop.kind}.reason`);
  if (stop.errorCode !== null) return `${reason} ${gatewayCodeText(t, stop.errorCode)} [${stop.errorCode}]`;
  return `${reason} ${t(`stopKinds.${stop.kind}.advice`)}`;
}

/** The stop's own detail (what the gateway did, in the engine's English), escaped; null when the code says it all. */
export function stopDetail(stop: BatchStop): string | null {
  return stop.kind && stop.errorCode === null && stop.errorInfo ? escapeUnsafe(stop.errorInfo) : null;
}

/** "0 of 3 deleted · 3 unconfirmed" (a re-creation: "2 of 3 re-created · 1 already a bot") after the outcome, as the CLI says it. */
export function summaryText(t: Translate, outcome: string, summary: BatchSummary, kind: BatchKind = 'delete'): string {
  const counts = otherCounts(summary, kind).map(({ status, count }) => t('sweep.count', { count, status: t(`status.${status}`) }));
  const key = kind === 'recreate' ? 'recreate.summary' : 'sweep.summary';
  return [t(key, { outcome, done: summary[leadStatus(kind)], deleted: summary.deleted, total: summary.total }), ...counts].join(' · ');
}
