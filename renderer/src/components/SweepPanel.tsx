// A sweep as it waits (for another process's sweep of the app) and runs (progress bar, the rate and the pace in one
// line, ETA, Cancel), and when it ends: what happened in the vocabulary's words (with its batch id, its duration and a
// link to it in History), why it stopped, Retry what is left where a retry can help, Copy failed IDs, and the failures
// grouped by reason. Focus moves to the summary when the sweep ends, and back to the list when it is closed.
import { Suspense, useEffect, useRef, useState } from 'react';
import { formatDuration, useTranslation } from '../i18n';
import type { SweepProgress } from '../../../shared/sweep';
import { focusSoon, listOrRefresh, userBusyElsewhere } from '../focus';
import { batchOutcome, stopDetail, stopNeedsProfile, stopText, summaryText } from '../outcome';
import { useApp } from '../store/app';
import { useFailures, useSweep } from '../store/sweep';
import { FailureGroups } from './FailureGroups';
import { RetryDialog } from './lazy';

function paceOf(progress: SweepProgress | null): number | null {
  const pace = progress?.pace;
  return typeof pace === 'number' && Number.isFinite(pace) ? pace : null;
}

export function SweepPanel() {
  const { t } = useTranslation();
  const phase = useSweep((state) => state.phase);
  const progress = useSweep((state) => state.progress);
  const finished = useSweep((state) => state.finished);
  const planned = useSweep((state) => state.planned);
  const failures = useFailures();
  const sweepProfileId = useSweep((state) => state.profileId);
  const cancelling = useSweep((state) => state.cancelling);
  const waiting = useSweep((state) => state.waiting);
  const waitingFor = useSweep((state) => state.waitingFor);
  const recreation = useSweep((state) => state.kind === 'recreate');
  // The copy notice names its batch, so it never outlives it.
  const [copied, setCopied] = useState<{ batchId: string; count: number } | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const lastPhase = useRef(phase);
  const { cancel, dismiss } = useSweep.getState();
  const { showError, setView } = useApp.getState();

  // The sweep ended while the user watched: focus goes to what it produced (unless they are busy in a field or dialog).
  useEffect(() => {
    if (lastPhase.current === 'running' && phase === 'done' && !userBusyElsewhere()) summaryRef.current?.focus();
    lastPhase.current = phase;
  }, [phase]);

  if (phase === 'idle') return null;

  if (phase === 'running') {
    const done = progress?.done ?? 0;
    const total = progress?.total ?? planned;
    const pace = paceOf(progress);
    const rate = Math.round(progress?.ratePerSecond ?? 0);
    return (
      <section className="sweep-panel" aria-label={t(recreation ? 'recreate.running' : 'sweep.running')}>
        {waiting ? (
          <p role="status">
            {waitingFor?.batch
              ? t('sweep.waiting', { batch: waitingFor.batch, pid: waitingFor.pid, count: planned })
              : t('sweep.waitingUnknown', { count: planned })}
          </p>
        ) : (
          <>
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
              {progress ? (
                <span>{pace !== null ? t('sweep.rateAndPace', { rate, pace: Math.round(pace) }) : t('sweep.rate', { rate })}</span>
              ) : null}
              {progress?.etaSeconds ? <span>{t('sweep.eta', { seconds: progress.etaSeconds })}</span> : null}
              {progress?.absent ? <span>{t('sweep.absentLive', { count: progress.absent })}</span> : null}
            </p>
          </>
        )}
        <button type="button" onClick={() => cancel().catch(showError)} disabled={cancelling}>
          {cancelling ? t('sweep.cancelling') : waiting ? t('sweep.stopWaiting') : t('sweep.cancel')}
        </button>
      </section>
    );
  }

  if (!finished) return null;
  const { summary, stop } = finished;
  const outcome = batchOutcome(finished.status, summary, finished.kind);
  const left = summary.failed + summary.unconfirmed + summary.skipped;
  const fixProfile = stopNeedsProfile(stop);
  const summaryLine = summaryText(t, t(`outcome.${outcome}`), summary, finished.kind);
  const detail = stop ? stopDetail(stop) : null;
  const copyFailed = async () => {
    try {
      await navigator.clipboard.writeText(failures.map((result) => result.account).join('\n'));
      setCopied({ batchId: finished.batchId, count: failures.length });
    } catch (error) {
      showError(error);
    }
  };
  const close = () => {
    dismiss();
    focusSoon(listOrRefresh);
  };
  const openInHistory = () => {
    useApp.setState({ openBatchId: finished.batchId });
    setView('history');
  };
  return (
    <section className="sweep-panel done" aria-label={summaryLine}>
      <p role="status" className={`summary outcome-${outcome}`} ref={summaryRef} tabIndex={-1}>
        {summaryLine}
      </p>
      <p className="muted batch-facts">
        {t('sweep.batchFacts', { id: finished.batchId, duration: formatDuration(finished.durationMs) })}
        {' · '}
        <button type="button" className="link" onClick={openInHistory}>
          {t('sweep.openInHistory')}
        </button>
      </p>
      {stop ? <p className="error">{stopText(t, stop)}</p> : null}
      {detail ? <p className="muted">{detail}</p> : null}
      {finished.status === 'cancelled' ? <p className="muted">{t('sweep.cancelled')}</p> : null}
      <div className="actions">
        {fixProfile ? (
          <button type="button" className="primary" onClick={() => setView('profiles')}>
            {t('sweep.editProfile')}
          </button>
        ) : null}
        {/* No retry where it cannot help: after a wrong key, a disabled app or an unusable address, the profile is the fix. */}
        {left > 0 && !fixProfile ? (
          <button type="button" className="primary" onClick={() => setRetrying(finished.batchId)}>
            {t('sweep.retryFailed', { count: left })}
          </button>
        ) : null}
        {failures.length ? (
          <button type="button" onClick={copyFailed}>
            {t('sweep.copyFailed')}
          </button>
        ) : null}
        <button type="button" onClick={close}>
          {t('sweep.close')}
        </button>
      </div>
      {copied?.batchId === finished.batchId ? <p className="muted">{t('sweep.copied', { count: copied.count })}</p> : null}
      <FailureGroups results={failures} batchId={finished.batchId} profileId={sweepProfileId} kind={finished.kind} />
      <Suspense fallback={null}>{retrying ? <RetryDialog batchId={retrying} onClose={() => setRetrying(null)} /> : null}</Suspense>
    </section>
  );
}
