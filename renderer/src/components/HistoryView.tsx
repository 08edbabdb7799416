// The history: batches newest first; one batch's per-account outcomes (with nicknames) with a status filter, its
// failures grouped by reason, retry, export and clear.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from '../i18n';
import { ACCOUNT_STATUSES, retryableAccounts, type AccountStatus } from '../../../shared/sweep';
import { describeTarget, type Target } from '../../../shared/target';
import { gatewayCodeText } from '../errors';
import { formatDateTime } from '../i18n';
import { batchOutcome, stopText } from '../outcome';
import { useApp } from '../store/app';
import { useHistory } from '../store/history';
import { Dialog } from './Dialog';
import { FailureGroups } from './FailureGroups';
import { RetryDialog } from './RetryDialog';

function targetText(target: Target, t: (key: string) => string): string {
  return target.kind === 'region' ? t(`regions.${target.region}`) : describeTarget(target);
}

export function HistoryView() {
  const { t } = useTranslation();
  const batches = useHistory((state) => state.batches);
  const open = useHistory((state) => state.open);
  const { load, openBatch, exportBatches } = useHistory.getState();
  const { showError, showInfo } = useApp.getState();
  const [clearing, setClearing] = useState(false);

  useEffect(() => {
    load().catch(showError);
  }, [load, showError]);

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
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('history.time')}</th>
              <th scope="col">{t('history.profile')}</th>
              <th scope="col">{t('history.region')}</th>
              <th scope="col">{t('history.counts')}</th>
              <th scope="col">{t('history.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('history.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => {
              const outcome = batchOutcome(batch.status, batch.summary);
              return (
                <tr key={batch.id}>
                  <td>{formatDateTime(batch.startedAt)}</td>
                  <td>{batch.profile ?? '—'}</td>
                  <td>{targetText(batch.target, t)}</td>
                  <td>
                    {batch.summary.deleted} / {batch.summary.total}
                    {batch.summary.failed ? (
                      <span className="badge badge-failed">{`${batch.summary.failed} ${t('status.failed')}`}</span>
                    ) : null}
                    {batch.summary.absent ? <span className="badge">{`${batch.summary.absent} ${t('status.absent')}`}</span> : null}
                  </td>
                  <td>
                    <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => openBatch(batch.id).catch(showError)}
                      aria-label={`${t('history.open')} ${formatDateTime(batch.startedAt)}`}
                    >
                      {t('history.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
  const { close, setStatusFilter } = useHistory.getState();
  const { setView } = useApp.getState();
  const filterId = useId();
  const [retrying, setRetrying] = useState(false);
  const results = statusFilter === 'all' ? batch.results : batch.results.filter((result) => result.status === statusFilter);
  const retryable = retryableAccounts(batch.results).length > 0;
  const shown = results.slice(0, 2000);
  const outcome = batchOutcome(batch.status, batch.summary);
  const withNicknames = batch.results.some((result) => result.nickname);
  return (
    <section className="history" aria-labelledby="batch-title">
      <div className="toolbar">
        <button type="button" onClick={close}>
          ← {t('history.back')}
        </button>
        <h2 id="batch-title">{formatDateTime(batch.startedAt)}</h2>
        <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>
        <span className="spacer" />
        {retryable ? (
          <button type="button" className="primary" onClick={() => setRetrying(true)}>
            {t('history.retryFailed')}
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
      {batch.stop ? <p className="error">{stopText(t, batch.stop)}</p> : null}
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
              <td className="account">{result.account}</td>
              {withNicknames ? <td>{result.nickname ?? ''}</td> : null}
              <td>
                <span className={`badge badge-${result.status}`}>{t(`status.${result.status}`)}</span>
              </td>
              <td>
                {result.errorCode !== null ? `${gatewayCodeText(t, result.errorCode)} (${result.errorCode})` : (result.errorInfo ?? '')}
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
