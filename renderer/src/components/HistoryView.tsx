// The history: batches newest first (a re-creation marked as one), export and clear, the setting that saves each bot's
// profile before a deletion (what Re-create restores), and one open batch (./BatchDetail.tsx).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from '../i18n';
import { formatDateTime } from '../i18n';
import { batchOutcome } from '../outcome';
import { useApp } from '../store/app';
import { useHistory } from '../store/history';
import { BatchDetail, targetText } from './BatchDetail';
import { Dialog } from './Dialog';

export function HistoryView() {
  const { t } = useTranslation();
  const batches = useHistory((state) => state.batches);
  const open = useHistory((state) => state.open);
  const { load, openBatch, exportBatches } = useHistory.getState();
  const { showError, showInfo } = useApp.getState();
  const [clearing, setClearing] = useState(false);
  const snapshot = useApp((state) => state.settings.snapshot);
  const snapshotId = useId();

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
        <div className="check">
          <input
            id={snapshotId}
            type="checkbox"
            checked={snapshot}
            onChange={(e) => void useApp.getState().saveSettings({ snapshot: e.target.checked })}
          />
          <label htmlFor={snapshotId}>{t('history.snapshotSetting')}</label>
        </div>
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
              const outcome = batchOutcome(batch.status, batch.summary, batch.kind);
              const recreation = batch.kind === 'recreate';
              return (
                <tr key={batch.id}>
                  <td>{formatDateTime(batch.startedAt)}</td>
                  <td>{batch.profile ?? '—'}</td>
                  <td>{targetText(batch.target, t)}</td>
                  <td>
                    {recreation ? batch.summary.recreated : batch.summary.deleted} / {batch.summary.total}
                    {recreation ? <span className="badge">{t('history.recreation')}</span> : null}
                    {batch.undoneBy?.length ? <span className="badge">{t('history.recreated')}</span> : null}
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
