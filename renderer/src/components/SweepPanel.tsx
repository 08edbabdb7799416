// A sweep as it runs (progress bar, rate, ETA, Cancel) and when it ends: what happened in words (finished, with
// failures, stopped and why, cancelled), then Retry failed (through the confirmation dialog) and Copy failed IDs, and
// the failures grouped by reason.
import { Suspense, useState } from 'react';
import { useTranslation } from '../i18n';
import type { SweepProgress } from '../../../shared/sweep';
import { batchOutcome, stopNeedsProfile, stopText } from '../outcome';
import { useApp } from '../store/app';
import { useFailures, useSweep } from '../store/sweep';
import { FailureGroups } from './FailureGroups';
import { RetryDialog } from './lazy';

/** The sweep-control work may add a pace (calls per second the limiter allows) to progress events; shown when there. */
function paceOf(progress: SweepProgress | null): number | null {
  const pace = (progress as (SweepProgress & { pace?: unknown }) | null)?.pace;
  return typeof pace === 'number' && Number.isFinite(pace) ? pace : null;
}

export function SweepPanel() {
  const { t } = useTranslation();
  const phase = useSweep((state) => state.phase);
  const progress = useSweep((state) => state.progress);
  const finished = useSweep((state) => state.finished);
  const failures = useFailures();
  const sweepProfileId = useSweep((state) => state.profileId);
  const cancelling = useSweep((state) => state.cancelling);
  const waiting = useSweep((state) => state.waiting);
  const recreation = useSweep((state) => state.kind === 'recreate');
  // The copy notice names its batch, so it never outlives it.
  const [copied, setCopied] = useState<{ batchId: string; count: number } | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const { cancel, dismiss } = useSweep.getState();
  const { showError, setView } = useApp.getState();
  if (phase === 'idle') return null;

  if (phase === 'running') {
    const done = progress?.done ?? 0;
    const total = progress?.total ?? 0;
    const pace = paceOf(progress);
    return (
      <section className="sweep-panel" aria-label={t(recreation ? 'recreate.running' : 'sweep.running')}>
        <div
          role="progressbar"
          aria-label={t('sweep.progress')}
          aria-valuemin={0}
          aria-valuemax={total || 1}
          aria-valuenow={done}
          aria-valuetext={t('sweep.progressText', { done, total })}
          className="progress"
        >
          <div className="progress-fill" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
        </div>
        <p className="progress-facts">
          {waiting ? <span role="status">{t('sweep.waiting')}</span> : null}
          <span>{t('sweep.progressText', { done, total })}</span>
          {progress ? <span>{t('sweep.rate', { rate: Math.round(progress.ratePerSecond) })}</span> : null}
          {pace !== null ? <span>{t('sweep.pace', { rate: Math.round(pace) })}</span> : null}
          {progress?.etaSeconds ? <span>{t('sweep.eta', { seconds: progress.etaSeconds })}</span> : null}
          {progress?.absent ? <span>{t('sweep.absentLive', { count: progress.absent })}</span> : null}
        </p>
        <button type="button" onClick={() => cancel().catch(showError)} disabled={cancelling}>
          {cancelling ? t('sweep.cancelling') : t('sweep.cancel')}
        </button>
      </section>
    );
  }

  if (!finished) return null;
  const { summary, stop } = finished;
  const outcome = batchOutcome(finished.status, summary, finished.kind);
  const retryable = summary.failed + summary.unconfirmed + summary.skipped > 0;
  const fixProfile = stopNeedsProfile(stop);
  const words = { ...summary, already: summary['already-a-bot'] ?? 0, outcome: t(`outcome.${outcome}`) };
  const summaryText = t(recreation ? 'recreate.summary' : 'sweep.summary', words);
  const copyFailed = async () => {
    try {
      await navigator.clipboard.writeText(failures.map((result) => result.account).join('\n'));
      setCopied({ batchId: finished.batchId, count: failures.length });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <section className="sweep-panel done" aria-label={summaryText}>
      <p role="status" className={`summary outcome-${outcome}`}>
        {summaryText}
        {summary.absent ? ` · ${t('sweep.absent', { count: summary.absent })}` : ''}
        {summary.unconfirmed ? ` · ${t('sweep.unconfirmed', { count: summary.unconfirmed })}` : ''}
      </p>
      {stop ? <p className="error">{stopText(t, stop)}</p> : null}
      {finished.status === 'cancelled' ? <p className="muted">{t('sweep.cancelled')}</p> : null}
      <div className="actions">
        {fixProfile ? (
          <button type="button" className="primary" onClick={() => setView('profiles')}>
            {t('sweep.editProfile')}
          </button>
        ) : null}
        {retryable ? (
          <button type="button" className={fixProfile ? undefined : 'primary'} onClick={() => setRetrying(finished.batchId)}>
            {t('sweep.retryFailed')}
          </button>
        ) : null}
        {failures.length ? (
          <button type="button" onClick={copyFailed}>
            {t('sweep.copyFailed')}
          </button>
        ) : null}
        <button type="button" onClick={dismiss}>
          {t('sweep.close')}
        </button>
      </div>
      {copied?.batchId === finished.batchId ? <p className="muted">{t('sweep.copied', { count: copied.count })}</p> : null}
      <FailureGroups results={failures} batchId={finished.batchId} profileId={sweepProfileId} kind={finished.kind} />
      <Suspense fallback={null}>{retrying ? <RetryDialog batchId={retrying} onClose={() => setRetrying(null)} /> : null}</Suspense>
    </section>
  );
}
