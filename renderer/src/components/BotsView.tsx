// The main screen: load the active profile's chatbots, filter, sort and select them (also by glob), add pasted or
// imported ones, see what is selected (and what the filter hides), delete. What a refresh left out of the selection is
// said; another process's sweep of the app is waited for only when the user says so. The rules (protected and settled
// rows never selected, the list of the right profile) hold in the stores and the controller; this view only shows them.
import { Suspense, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { deleteConfirmed, runningElsewhere, type Confirmed, type OtherSweep } from '../controller';
import { useApp } from '../store/app';
import { useBots, useHiddenSelected, useLockedRows, useSelection, useShownRows } from '../store/bots';
import { activeProfile, productionNameOf, useProfiles } from '../store/profiles';
import { useSweep } from '../store/sweep';
import { BotList } from './BotList';
import { DeleteDialog, ImportDialog, PasteDialog, SelectMatchingDialog, WaitDialog } from './lazy';
import { LeftOutLines } from './LeftOutLines';
import { SelectionBar } from './SelectionBar';
import { SweepPanel } from './SweepPanel';

/** A start another process's sweep refused: asked about (`answer`), or declined and kept for a later Wait. */
interface WaitOffer {
  readonly confirmed: Confirmed;
  readonly error: unknown;
  readonly answer?: (wait: boolean) => void;
}

const sameAccounts = (a: readonly string[], b: ReadonlySet<string>) => a.length === b.size && a.every((account) => b.has(account));

export function BotsView() {
  const { t } = useTranslation();
  const profile = useProfiles(activeProfile);
  const ready = useProfiles((state) => state.ready);
  const rows = useBots((state) => state.rows);
  const filter = useBots((state) => state.filter);
  const nicknames = useBots((state) => state.nicknames);
  const loading = useBots((state) => state.loading);
  const notice = useBots((state) => state.notice);
  const shown = useShownRows();
  const locked = useLockedRows();
  const selected = useSelection();
  const hidden = useHiddenSelected();
  const running = useSweep((state) => state.phase === 'running');
  const { refresh, setFilter, addPasted, dismissNotice } = useBots.getState();
  const { showError, setView } = useApp.getState();
  const [matching, setMatching] = useState(false);
  const [paste, setPaste] = useState<{ text: string } | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [offer, setOffer] = useState<WaitOffer | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  // The dialog lists the selection as it is, always: what it shows is what is sent.
  const selection = useMemo(() => [...selected], [selected]);

  if (!ready) return null;
  if (!profile) {
    return (
      <div className="empty-state">
        <p>{t('bots.needProfile')}</p>
        <button type="button" className="primary" onClick={() => setView('profiles')}>
          {t('nav.profiles')}
        </button>
      </div>
    );
  }

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImporting(await file.text());
    if (fileRef.current) fileRef.current.value = '';
  };
  const start = (confirmed: Confirmed, waitFor: OtherSweep | null = null) => {
    setOffer(null);
    void deleteConfirmed(confirmed, (error) => new Promise<boolean>((answer) => setOffer({ confirmed, error, answer })), waitFor);
  };
  const confirmDeletion = (confirmation?: string) => {
    setConfirming(false);
    start({ profileId: profile.id, accounts: selection, ...(confirmation !== undefined ? { confirmation } : {}) });
  };
  const answerOffer = (wait: boolean) => {
    if (!offer) return;
    offer.answer?.(wait);
    setOffer(wait ? null : { confirmed: offer.confirmed, error: offer.error });
  };
  // A declined offer holds while the selection is still what was confirmed and nothing runs.
  const declined = offer && !offer.answer && !running && sameAccounts(offer.confirmed.accounts, selected) ? offer : null;
  const busyElsewhere = declined ? runningElsewhere(declined.error) : null;
  const busy = loading || running;

  return (
    <div className="bots">
      <div className="toolbar" role="toolbar" aria-label={t('bots.title')}>
        <button
          type="button"
          data-focus="refresh"
          aria-disabled={busy || undefined}
          onClick={() => !busy && refresh(profile.id).catch(showError)}
        >
          {loading ? t('bots.loading') : t('bots.refresh')}
        </button>
        <label className="filter">
          <span>{t('bots.filter')}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('bots.filterPlaceholder')} />
        </label>
        <button type="button" onClick={() => setMatching(true)} disabled={!rows.length}>
          {t('bots.selectMatching')}
        </button>
        <button type="button" onClick={() => setPaste({ text: '' })} disabled={running}>
          {t('bots.pasteList')}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()} disabled={running}>
          {t('bots.importFile')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".txt,.csv,.tsv,.json,text/plain,text/csv,application/json"
          hidden
          onChange={(e) => importFile(e.target.files?.[0])}
        />
        <span className="spacer" />
        <SelectionBar busy={running} onDelete={() => setConfirming(true)} />
      </div>
      <p className="muted list-facts">
        {rows.length ? t('bots.shown', { shown: shown.length, total: rows.length }) : t('bots.empty')}
        {locked.size ? ` · ${t('bots.protectedCount', { count: locked.size })}` : ''}
      </p>
      {notice ? (
        <div className="notice" role="status">
          <div>
            <p>{t('leftOut.refreshed', { count: notice.gone.length + notice.protected.length })}</p>
            <LeftOutLines leftOut={notice} />
          </div>
          <button type="button" onClick={dismissNotice}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
      {declined ? (
        <div className="notice" role="status">
          <p>{t('wait.declined', { batch: busyElsewhere?.batch ?? '?', pid: busyElsewhere?.pid ?? '?' })}</p>
          <div className="row-actions">
            <button type="button" className="primary" onClick={() => start(declined.confirmed, busyElsewhere)}>
              {t('wait.waitNow', { count: declined.confirmed.accounts.length })}
            </button>
            <button type="button" onClick={() => setOffer(null)}>
              {t('common.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
      {rows.length && !shown.length ? <p className="muted">{t('bots.noMatch')}</p> : null}
      <BotList />
      <SweepPanel />
      <Suspense fallback={null}>
        {paste ? (
          <PasteDialog
            initialText={paste.text}
            onClose={() => setPaste(null)}
            onAdd={(accounts) => {
              addPasted(accounts);
              setPaste(null);
            }}
          />
        ) : null}
        {importing !== null ? <ImportDialog profile={profile} text={importing} onClose={() => setImporting(null)} /> : null}
        {matching ? <SelectMatchingDialog onClose={() => setMatching(false)} /> : null}
        {confirming && selection.length ? (
          <DeleteDialog
            profile={profile}
            production={productionNameOf(profile)}
            accounts={selection}
            nicknames={nicknames}
            note={hidden ? t('confirm.hiddenNote', { count: hidden }) : null}
            onConfirm={confirmDeletion}
            onClose={() => setConfirming(false)}
          />
        ) : null}
        {offer?.answer ? <WaitDialog error={offer.error} count={offer.confirmed.accounts.length} onAnswer={answerOffer} /> : null}
      </Suspense>
    </div>
  );
}
