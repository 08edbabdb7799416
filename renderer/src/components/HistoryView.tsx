// The history: batches newest first (HistoryTable: filtered by outcome); one batch's facts (id, start, duration, what it
// retried, a link to its summary while Bots shows it), its per-account outcomes (with nicknames, escaped) with a
// status filter, its failures grouped by reason, retry, export and clear. Focus goes to a batch's heading when it
// opens and back to its Open button when it closes.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { ACCOUNT_STATUSES, retryableAccounts, type AccountStatus } from '../../../shared/sweep';
import { escapeUnsafe } from '../../../shared/unsafe-text';
import type { BatchOutcome } from '../../../shared/vocabulary';
import { gatewayCodeText } from '../errors';
import { focusSoon } from '../focus';
import { formatDateTime, formatDuration } from '../i18n';
import { batchOutcome, stopDetail, stopText } from '../outcome';
import { useApp } from '../store/app';
import { useHistory } from '../store/history';
import { useSweep } from '../store/sweep';
import { Dialog } from './Dialog';
import { FailureGroups } from './FailureGroups';
import { durationOf, HistoryTable, targetText } from './HistoryTable';
import { RetryDialog } from './RetryDialog';

export function HistoryView() {
  const { t } = useTranslation();
  const batches = useHistory((state) => state.batches);
  const open = useHistory((state) => state.open);
  const { load, openBatch, exportBatches } = useHistory.getState();
  const { showError, showInfo } = useApp.getState();
  const [clearing, setClearing] = useState(false);
  const [filter, setFilter] = useState<BatchOutcome | 'all'>('all');

  useEffect(() => {
    load().catch(showError);
    // Open in History (from a summary): that batch, at once.
    const wanted = useApp.getState().openBatchId;
    if (wanted) {
      useApp.setState({ openBatchId: null });
      openBatch(wanted).catch(showError);
    }
  }, [load, openBatch, showError]);

  const doExport = async (format: 'csv' | 'json', batchId?: string) => {
    try {
      const where = await exportBatches(format, batchId);
      if (where) showInfo('history.exported', { path: where });
    } catch (error) {
      showError(error);
    }
  };

  if (open) return <BatchDetail onExport={doExport} />;
  return (
    <section className="history" aria-labelledby="history-title">
      <div className="toolbar">
        <h2 id="history-title">{t('history.title')}</h2>
        <span className="spacer" />
        <button type="button" onClick={() => doExport('csv')} disabled={!batches.length}>
          {t('history.exportCsv')}
        </button>
        <button type="button" onClick={() => doExport('json')} disabled={!batches.length}>
          {t('history.exportJson')}
        </button>
        <button type="button" className="danger-quiet" onClick={() => setClearing(true)} disabled={!batches.length}>
          {t('history.clear')}
        </button>
      </div>
      {batches.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <HistoryTable batches={batches} filter={filter} onFilter={setFilter} onOpen={(id) => openBatch(id).catch(showError)} />
      )}
      {clearing ? (
        <Dialog title={t('history.clearTitle')} onClose={() => setClearing(false)}>
          <p>{t('history.clearBody')}</p>
          <div className="actions">
            <button type="button" onClick={() => setClearing(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setClearing(false);
                useHistory.getState().clear().catch(showError);
              }}
            >
              {t('history.clearConfirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function BatchDetail({ onExport }: { readonly onExport: (format: 'csv' | 'json', batchId?: string) => Promise<void> }) {
  const { t } = useTranslation();
  const batch = useHistory((state) => state.open)!;
  const statusFilter = useHistory((state) => state.statusFilter);
  const { close, setStatusFilter, openBatch } = useHistory.getState();
  const { setView, showError } = useApp.getState();
  const inSummary = useSweep((state) => state.phase !== 'idle' && state.batchId === batch.id);
  const filterId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [retrying, setRetrying] = useState(false);
  const results = statusFilter === 'all' ? batch.results : batch.results.filter((result) => result.status === statusFilter);
  const left = retryableAccounts(batch.results).length;
  const shown = results.slice(0, 2000);
  const outcome = batchOutcome(batch.status, batch.summary);
  const withNicknames = batch.results.some((result) => result.nickname);
  const duration = durationOf(batch);
  const detail = batch.stop ? stopDetail(batch.stop) : null;
  useEffect(() => titleRef.current?.focus(), [batch.id]);
  const back = () => {
    close();
    focusSoon(() => document.querySelector<HTMLElement>(`button[data-batch="${batch.id}"]`));
  };
  return (
    <section className="history" aria-labelledby="batch-title">
      <div className="toolbar">
        <button type="button" onClick={back}>
          ← {t('history.back')}
        </button>
        <h2 id="batch-title" ref={titleRef} tabIndex={-1}>
          {formatDateTime(batch.startedAt)}
        </h2>
        <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>
        <span className="spacer" />
        {left ? (
          <button type="button" className="primary" onClick={() => setRetrying(true)}>
            {t('history.retryFailed', { count: left })}
          </button>
        ) : null}
        <button type="button" onClick={() => onExport('csv', batch.id)}>
          {t('history.exportCsv')}
        </button>
        <button type="button" onClick={() => onExport('json', batch.id)}>
          {t('history.exportJson')}
        </button>
      </div>
      <p className="muted">
        {t('history.batch', { id: batch.id })} · {batch.profile ?? '—'} · {targetText(batch.target, t)} · SDKAppID {batch.sdkAppId}
      </p>
      <p className="muted batch-facts">
        {duration === null
          ? formatDateTime(batch.startedAt)
          : t('history.took', { start: formatDateTime(batch.startedAt), duration: formatDuration(duration) })}
        {batch.retryOf ? (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => openBatch(batch.retryOf!).catch(showError)}>
              {t('history.retryOf', { id: batch.retryOf })}
            </button>
          </>
        ) : null}
        {inSummary ? (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => setView('bots')}>
              {t('history.showSummary')}
            </button>
          </>
        ) : null}
      </p>
      {batch.stop ? <p className="error">{stopText(t, batch.stop)}</p> : null}
      {detail ? <p className="muted">{detail}</p> : null}
      {batch.status === 'interrupted' ? <p className="muted">{t('sweep.interrupted')}</p> : null}
      {batch.verification ? <p className="muted">{t(`verification.${batch.verification.status}`)}</p> : null}
      <FailureGroups results={batch.results} batchId={batch.id} profileId={batch.profileId} />
      <div className="field inline">
        <label htmlFor={filterId}>{t('history.filter')}</label>
        <select id={filterId} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as AccountStatus | 'all')}>
          <option value="all">{t('history.all')}</option>
          {ACCOUNT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('history.account')}</th>
            {withNicknames ? <th scope="col">{t('history.nickname')}</th> : null}
            <th scope="col">{t('history.status')}</th>
            <th scope="col">{t('history.error')}</th>
            <th scope="col">{t('history.attempts')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((result) => (
            <tr key={result.account}>
              <td className="account">{escapeUnsafe(result.account)}</td>
              {withNicknames ? <td>{escapeUnsafe(result.nickname ?? '')}</td> : null}
              <td>
                <span className={`badge badge-${result.status}`} title={t(`statusMeaning.${result.status}`)}>
                  {t(`status.${result.status}`)}
                </span>
              </td>
              <td>
                {result.errorCode !== null
                  ? `${gatewayCodeText(t, result.errorCode)} (${result.errorCode})`
                  : escapeUnsafe(result.errorInfo ?? '')}
              </td>
              <td>{result.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.length > shown.length ? <p className="muted">{`… +${results.length - shown.length}`}</p> : null}
      {retrying ? <RetryDialog batchId={batch.id} onClose={() => setRetrying(false)} onStarted={() => setView('bots')} /> : null}
    </section>
  );
}
