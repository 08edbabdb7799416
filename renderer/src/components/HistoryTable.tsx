// The History list: every batch newest first (a re-creation marked as one), in the vocabulary's words (its outcome and
// counts, its duration), with a filter by outcome (the CLI's `history --status` takes the same codes). Open shows one.
import { useId } from 'react';
import type { BatchListItem } from '../../../shared/api';
import { BATCH_OUTCOMES, batchOutcome, leadStatus, type BatchOutcome } from '../../../shared/vocabulary';
import { formatDateTime, formatDuration, useTranslation } from '../i18n';
import { durationOf, targetText } from './BatchDetail';

interface HistoryTableProps {
  readonly batches: readonly BatchListItem[];
  readonly filter: BatchOutcome | 'all';
  readonly onFilter: (filter: BatchOutcome | 'all') => void;
  readonly onOpen: (batchId: string) => void;
}

export function HistoryTable({ batches, filter, onFilter, onOpen }: HistoryTableProps) {
  const { t } = useTranslation();
  const filterId = useId();
  const shown = filter === 'all' ? batches : batches.filter((batch) => batchOutcome(batch.status, batch.summary, batch.kind) === filter);
  return (
    <>
      <div className="field inline history-filter">
        <label htmlFor={filterId}>{t('history.show')}</label>
        <select id={filterId} value={filter} onChange={(e) => onFilter(e.target.value as BatchOutcome | 'all')}>
          <option value="all">{t('history.allBatches')}</option>
          {BATCH_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`outcome.${outcome}`)}
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? <p className="muted">{t('history.noMatch')}</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('history.time')}</th>
            <th scope="col">{t('history.profile')}</th>
            <th scope="col">{t('history.region')}</th>
            <th scope="col">{t('history.counts')}</th>
            <th scope="col">{t('history.status')}</th>
            <th scope="col">{t('history.duration')}</th>
            <th scope="col">
              <span className="sr-only">{t('history.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((batch) => {
            const outcome = batchOutcome(batch.status, batch.summary, batch.kind);
            const duration = durationOf(batch);
            const recreation = batch.kind === 'recreate';
            return (
              <tr key={batch.id}>
                <td>{formatDateTime(batch.startedAt)}</td>
                <td>{batch.profile ?? '—'}</td>
                <td>{targetText(batch.target, t)}</td>
                <td>
                  {batch.summary[leadStatus(batch.kind)]} / {batch.summary.total}
                  {recreation ? <span className="badge">{t('history.recreation')}</span> : null}
                  {batch.undoneBy?.length ? <span className="badge">{t('history.recreated')}</span> : null}
                  {batch.summary.failed ? (
                    <span className="badge badge-failed">{`${batch.summary.failed} ${t('status.failed')}`}</span>
                  ) : null}
                  {batch.summary.unconfirmed ? (
                    <span className="badge badge-unconfirmed">{`${batch.summary.unconfirmed} ${t('status.unconfirmed')}`}</span>
                  ) : null}
                  {batch.summary.absent ? <span className="badge">{`${batch.summary.absent} ${t('status.absent')}`}</span> : null}
                </td>
                <td>
                  <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>
                  {batch.stop?.kind ? <span className="muted stop-word">{t(`stopKinds.${batch.stop.kind}.word`)}</span> : null}
                </td>
                <td>{duration === null ? '—' : formatDuration(duration)}</td>
                <td>
                  <button
                    type="button"
                    data-batch={batch.id}
                    onClick={() => onOpen(batch.id)}
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
    </>
  );
}
