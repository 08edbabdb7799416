// The main screen: load the active profile's chatbots, filter, sort and select them (also by glob), add pasted or
// imported ones, delete. The rules (protected and settled rows never selected, the list of the right profile) hold in
// the stores and the controller; this view only shows them.
import { Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { deleteConfirmed, sendableSelection } from '../controller';
import { errorText } from '../errors';
import { useApp } from '../store/app';
import { useBots, useLockedRows, useSelection, useShownRows, type SortKey } from '../store/bots';
import { isSettled } from '../store/bots-derive';
import { activeProfile, productionNameOf, useProfiles } from '../store/profiles';
import { useSweep } from '../store/sweep';
import { BotList } from './BotList';
import { DeleteDialog, ImportDialog, PasteDialog, SelectMatchingDialog } from './lazy';
import { SweepPanel } from './SweepPanel';

export function BotsView() {
  const { t } = useTranslation();
  const profile = useProfiles(activeProfile);
  const ready = useProfiles((state) => state.ready);
  const rows = useBots((state) => state.rows);
  const filter = useBots((state) => state.filter);
  const status = useBots((state) => state.status);
  const sort = useBots((state) => state.sort);
  const nicknames = useBots((state) => state.nicknames);
  const loading = useBots((state) => state.loading);
  const shown = useShownRows();
  const locked = useLockedRows();
  const selected = useSelection();
  const running = useSweep((state) => state.phase === 'running');
  const { refresh, setFilter, selectAllShown, deselectShown, addPasted, setSort } = useBots.getState();
  const { showError, setView } = useApp.getState();
  const sortId = useId();
  const [matching, setMatching] = useState(false);
  const [paste, setPaste] = useState<{ text: string } | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

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

  // Settled rows (deleted, not a bot) and protected ones cannot be selected: "all shown" means all that can be.
  const selectable = locked.size || status.size ? shown.filter((account) => !locked.has(account) && !isSettled(status, account)) : shown;
  const allShown = selectable.length > 0 && selectable.every((account) => selected.has(account));
  const someShown = !allShown && selectable.some((account) => selected.has(account));
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImporting(await file.text());
    if (fileRef.current) fileRef.current.value = '';
  };
  const confirmDeletion = (accounts: string[], confirmation?: string) => {
    setConfirming(null);
    void deleteConfirmed({ profileId: profile.id, accounts, ...(confirmation !== undefined ? { confirmation } : {}) }, (error) =>
      window.confirm(`${errorText(t, error)}\n\n${t('sweep.waitQuestion')}`),
    );
  };

  return (
    <div className="bots">
      <div className="toolbar" role="toolbar" aria-label={t('bots.title')}>
        <button type="button" onClick={() => refresh(profile.id).catch(showError)} disabled={loading || running}>
          {loading ? t('bots.loading') : t('bots.refresh')}
        </button>
        <label className="filter">
          <span>{t('bots.filter')}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('bots.filterPlaceholder')} />
        </label>
        <label className="check select-all">
          <input
            type="checkbox"
            checked={allShown}
            ref={(input) => {
              if (input) input.indeterminate = someShown;
            }}
            onChange={() => (allShown ? deselectShown() : selectAllShown())}
            disabled={!selectable.length}
          />
          <span>{t('bots.selectAll')}</span>
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
        <span className="count" aria-live="polite">
          {t('bots.selected', { count: selected.size })}
        </span>
        <button type="button" className="danger" disabled={!selected.size || running} onClick={() => setConfirming(sendableSelection())}>
          {t('bots.deleteSelected', { count: selected.size })}
        </button>
      </div>
      <div className="list-head">
        <p className="muted list-facts">
          {rows.length ? t('bots.shown', { shown: shown.length, total: rows.length }) : t('bots.empty')}
          {locked.size ? ` · ${t('bots.protectedCount', { count: locked.size })}` : ''}
        </p>
        <div className="field inline">
          <label htmlFor={sortId}>{t('bots.sortBy')}</label>
          <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="account">{t('history.account')}</option>
            <option value="nickname">{t('history.nickname')}</option>
          </select>
        </div>
      </div>
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
        {confirming ? (
          <DeleteDialog
            profile={profile}
            production={productionNameOf(profile)}
            accounts={confirming}
            nicknames={nicknames}
            onConfirm={(confirmation) => confirmDeletion(confirming, confirmation)}
            onClose={() => setConfirming(null)}
          />
        ) : null}
      </Suspense>
    </div>
  );
}
