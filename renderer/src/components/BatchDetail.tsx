// One batch of the history: its facts (id, start, duration, what it retried, a link to its summary while Bots shows it),
// its per-account outcomes (with the profile saved before a deletion; outside text escaped) under a status filter, its
// failures grouped by reason, the links between a deletion and the re-creations that undo it, Retry what is left,
// Re-create (all deleted accounts, or those ticked), and export. Its heading takes the focus when it opens; Back gives
// it to the batch's Open button.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { KIND_STATUSES, retryableAccounts, type AccountResult, type AccountStatus, type BatchRecord } from '../../../shared/sweep';
import type { BatchListItem, ExportFormat } from '../../../shared/api';
import { describeTarget, type Target } from '../../../shared/target';
import { escapeUnsafe } from '../../../shared/unsafe-text';
import { gatewayCodeText } from '../errors';
import { focusSoon } from '../focus';
import { formatDateTime, formatDuration, type Translate } from '../i18n';
import { batchOutcome, stopDetail, stopText } from '../outcome';
import { useApp } from '../store/app';
import { useHistory } from '../store/history';
import { useSweep } from '../store/sweep';
import { FailureGroups } from './FailureGroups';
import { RecreateDialog } from './RecreateDialog';
import { RetryDialog } from './RetryDialog';

/** create_robot's 10008: the per-account bot quota. */
const QUOTA_CODE = 10008;

export function targetText(target: Target, t: (key: string) => string): string {
  return target.kind === 'region' ? t(`regions.${target.region}`) : describeTarget(target);
}

/** A batch's duration from its records, or null while it has no end. */
export function durationOf(batch: Pick<BatchListItem, 'startedAt' | 'finishedAt'>): number | null {
  return batch.finishedAt ? Date.parse(batch.finishedAt) - Date.parse(batch.startedAt) : null;
}

function errorCell(t: Translate, batch: BatchRecord, result: AccountResult): string {
  if (result.errorCode === null) return escapeUnsafe(result.errorInfo ?? '');
  if (batch.kind === 'recreate' && result.errorCode === QUOTA_CODE) return `${t('recreate.quota')} (${QUOTA_CODE})`;
  return `${gatewayCodeText(t, result.errorCode)} (${result.errorCode})`;
}

/** A button that opens another batch of the history (the deletion a re-creation undoes, or a re-creation of it). */
function BatchLink({ id, batches }: { readonly id: string; readonly batches: readonly { id: string; startedAt: string }[] }) {
  const { t } = useTranslation();
  const known = batches.find((batch) => batch.id === id);
  const open = () => useHistory.getState().openBatch(id).catch(useApp.getState().showError);
  return (
    <button type="button" className="link" onClick={open}>
      {known ? formatDateTime(known.startedAt) : t('history.batch', { id })}
    </button>
  );
}

export function BatchDetail({ onExport }: { readonly onExport: (format: ExportFormat, batchId?: string) => Promise<void> }) {
  const { t } = useTranslation();
  const batch = useHistory((state) => state.open)!;
  const batches = useHistory((state) => state.batches);
  const statusFilter = useHistory((state) => state.statusFilter);
  const { close, setStatusFilter, openBatch } = useHistory.getState();
  const { setView, showError } = useApp.getState();
  const inSummary = useSweep((state) => state.phase !== 'idle' && state.batchId === batch.id);
  const filterId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [retrying, setRetrying] = useState(false);
  const [recreating, setRecreating] = useState<readonly string[] | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const results = statusFilter === 'all' ? batch.results : batch.results.filter((result) => result.status === statusFilter);
  const left = retryableAccounts(batch.results).length;
  const deleted = batch.kind === 'delete' ? batch.results.filter((result) => result.status === 'deleted').map((r) => r.account) : [];
  const shown = results.slice(0, 2000);
  const outcome = batchOutcome(batch.status, batch.summary, batch.kind);
  const withNicknames = batch.results.some((result) => result.nickname);
  const withProfiles = batch.results.some((result) => result.snapshot);
  const duration = durationOf(batch);
  const detail = batch.stop ? stopDetail(batch.stop) : null;
  useEffect(() => titleRef.current?.focus(), [batch.id]);
  const back = () => {
    close();
    focusSoon(() => document.querySelector<HTMLElement>(`button[data-batch="${batch.id}"]`));
  };
  const tick = (account: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(account);
      else next.delete(account);
      return next;
    });
  const chosen = deleted.filter((account) => ticked.has(account));
  return (
    <section className="history" aria-labelledby="batch-title">
      <div className="toolbar">
        <button type="button" onClick={back}>
          ← {t('history.back')}
        </button>
        <h2 id="batch-title" ref={titleRef} tabIndex={-1}>
          {formatDateTime(batch.startedAt)}
        </h2>
        {batch.kind === 'recreate' ? <span className="badge">{t('history.recreation')}</span> : null}
        <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>
        <span className="spacer" />
        {deleted.length ? (
          <button type="button" className="primary" onClick={() => setRecreating(chosen.length ? chosen : deleted)}>
            {chosen.length ? t('recreate.someButton', { count: chosen.length }) : t('recreate.button', { count: deleted.length })}
          </button>
        ) : null}
        {left ? (
          <button type="button" className={deleted.length ? undefined : 'primary'} onClick={() => setRetrying(true)}>
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
      {batch.kind === 'recreate' && batch.undoes ? (
        <p className="batch-links">
          {t('history.undoes')} <BatchLink id={batch.undoes} batches={batches} />
        </p>
      ) : null}
      {batch.undoneBy?.length ? (
        <p className="batch-links">
          {t('history.undoneBy')}{' '}
          {batch.undoneBy.map((id) => (
            <BatchLink key={id} id={id} batches={batches} />
          ))}
        </p>
      ) : null}
      {batch.stop ? <p className="error">{stopText(t, batch.stop)}</p> : null}
      {detail ? <p className="muted">{detail}</p> : null}
      {batch.status === 'interrupted' ? <p className="muted">{t('sweep.interrupted')}</p> : null}
      {batch.verification ? <p className="muted">{t(`verification.${batch.verification.status}`)}</p> : null}
      <FailureGroups results={batch.results} batchId={batch.id} profileId={batch.profileId} kind={batch.kind} />
      <div className="field inline">
        <label htmlFor={filterId}>{t('history.filter')}</label>
        <select id={filterId} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as AccountStatus | 'all')}>
          <option value="all">{t('history.all')}</option>
          {KIND_STATUSES[batch.kind].map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <table className="table">
        <thead>
          <tr>
            {deleted.length ? (
              <th scope="col">
                <span className="sr-only">{t('recreate.pick')}</span>
              </th>
            ) : null}
            <th scope="col">{t('history.account')}</th>
            {withNicknames ? <th scope="col">{t('history.nickname')}</th> : null}
            {withProfiles ? <th scope="col">{t('history.avatar')}</th> : null}
            {withProfiles ? <th scope="col">{t('history.signature')}</th> : null}
            <th scope="col">{t('history.status')}</th>
            <th scope="col">{t('history.error')}</th>
            <th scope="col">{t('history.attempts')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((result) => {
            const saved = result.snapshot && 'profile' in result.snapshot ? result.snapshot.profile : null;
            const missing = result.snapshot && 'missing' in result.snapshot ? result.snapshot.missing : null;
            return (
              <tr key={result.account}>
                {deleted.length ? (
                  <td>
                    {result.status === 'deleted' ? (
                      <input
                        type="checkbox"
                        checked={ticked.has(result.account)}
                        onChange={(e) => tick(result.account, e.target.checked)}
                        aria-label={t('recreate.pickOne', { account: result.account })}
                      />
                    ) : null}
                  </td>
                ) : null}
                <td className="account">{escapeUnsafe(result.account)}</td>
                {withNicknames ? <td>{escapeUnsafe(result.nickname ?? '')}</td> : null}
                {withProfiles ? <td className="account">{escapeUnsafe(saved?.faceUrl ?? '')}</td> : null}
                {withProfiles ? (
                  <td title={missing ?? undefined}>
                    {missing !== null ? <span className="muted">{t('recreate.noProfile')}</span> : escapeUnsafe(saved?.signature ?? '')}
                  </td>
                ) : null}
                <td>
                  <span className={`badge badge-${result.status}`} title={t(`statusMeaning.${result.status}`)}>
                    {t(`status.${result.status}`)}
                  </span>
                </td>
                <td>{errorCell(t, batch, result)}</td>
                <td>{result.attempts}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {results.length > shown.length ? <p className="muted">{`… +${results.length - shown.length}`}</p> : null}
      {retrying ? <RetryDialog batchId={batch.id} onClose={() => setRetrying(false)} onStarted={() => setView('bots')} /> : null}
      {recreating ? (
        <RecreateDialog
          batchId={batch.id}
          only={recreating.length === deleted.length ? null : recreating}
          onClose={() => setRecreating(null)}
          onStarted={() => {
            // Back in History, the list (read again) shows the re-creation and its link.
            close();
            setView('bots');
          }}
        />
      ) : null}
    </section>
  );
}
