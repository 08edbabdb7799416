// A sweep as it runs (progress bar, rate, ETA, Cancel) and when it ends (summary, Retry failed, Copy failed IDs).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store/app';
import { useSweep } from '../store/sweep';

export function SweepPanel() {
  const { t } = useTranslation();
  const phase = useSweep((state) => state.phase);
  const progress = useSweep((state) => state.progress);
  const finished = useSweep((state) => state.finished);
  const failed = useSweep((state) => state.failed);
  const cancelling = useSweep((state) => state.cancelling);
  const [copied, setCopied] = useState<string | null>(null);
  const { cancel, retry, dismiss } = useSweep.getState();
  const { showError } = useApp.getState();
  if (phase === 'idle') return null;

  if (phase === 'running') {
    const done = progress?.done ?? 0;
    const total = progress?.total ?? 0;
    return (
      <section className="sweep-panel" aria-label={t('sweep.running')}>
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
          <span>{t('sweep.progressText', { done, total })}</span>
          {progress ? <span>{t('sweep.rate', { rate: Math.round(progress.ratePerSecond) })}</span> : null}
          {progress?.etaSeconds ? <span>{t('sweep.eta', { seconds: progress.etaSeconds })}</span> : null}
        </p>
        <button type="button" onClick={() => cancel().catch(showError)} disabled={cancelling}>
          {cancelling ? t('sweep.cancelling') : t('sweep.cancel')}
        </button>
      </section>
    );
  }

  if (!finished) return null;
  const { summary } = finished;
  const copyFailed = async () => {
    try {
      await navigator.clipboard.writeText(failed.join('\n'));
      setCopied(t('sweep.copied', { count: failed.length }));
    } catch (error) {
      showError(error);
    }
  };
  return (
    <section className="sweep-panel done" aria-label={t('sweep.summary', { ...summary })}>
      <p role="status" className="summary">
        {t('sweep.summary', { ...summary })}
        {summary.unconfirmed ? ` · ${t('sweep.unconfirmed', { count: summary.unconfirmed })}` : ''}
      </p>
      {finished.stop ? (
        <p className="error">
          {t('sweep.stopped', {
            message: `${finished.stop.errorInfo}${finished.stop.errorCode !== null ? ` (${finished.stop.errorCode})` : ''}. ${finished.stop.advice}`,
          })}
        </p>
      ) : null}
      {finished.status === 'cancelled' ? <p className="muted">{t('sweep.cancelled')}</p> : null}
      <div className="actions">
        {failed.length || summary.skipped ? (
          <button type="button" className="primary" onClick={() => retry(finished.batchId).catch(showError)}>
            {t('sweep.retryFailed')}
          </button>
        ) : null}
        {failed.length ? (
          <button type="button" onClick={copyFailed}>
            {t('sweep.copyFailed')}
          </button>
        ) : null}
        <button type="button" onClick={dismiss}>
          {t('sweep.close')}
        </button>
      </div>
      {copied ? <p className="muted">{copied}</p> : null}
    </section>
  );
}
