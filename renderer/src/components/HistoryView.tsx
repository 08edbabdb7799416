// The history: batches newest first (./HistoryTable.tsx: a re-creation marked as one, filtered by outcome), export and
// clear, the setting that saves each bot's profile before a deletion (what Re-create restores), and one open batch
// (./BatchDetail.tsx; Open in History from a summary opens its batch at once).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from '../i18n';
import type { ExportFormat } from '../../../shared/api';
import type { BatchOutcome } from '../../../shared/vocabulary';
import { useApp } from '../store/app';
import { useHistory } from '../store/history';
import { BatchDetail } from './BatchDetail';
import { Dialog } from './Dialog';
import { HistoryTable } from './HistoryTable';

export function HistoryView() {
  const { t } = useTranslation();
  const batches = useHistory((state) => state.batches);
  const open = useHistory((state) => state.open);
  const { load, openBatch, exportBatches } = useHistory.getState();
  const { showError, showInfo } = useApp.getState();
  const [clearing, setClearing] = useState(false);
  const [filter, setFilter] = useState<BatchOutcome | 'all'>('all');
  const snapshot = useApp((state) => state.settings.snapshot);
  const snapshotId = useId();

  useEffect(() => {
    load().catch(showError);
    // Open in History (from a summary): that batch, at once.
    const wanted = useApp.getState().openBatchId;
    if (wanted) {
      useApp.setState({ openBatchId: null });
      openBatch(wanted).catch(showError);
    }
  }, [load, openBatch, showError]);

  const doExport = async (format: ExportFormat, batchId?: string) => {
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
