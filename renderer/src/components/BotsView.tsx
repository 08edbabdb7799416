// The main screen: load the active profile's chatbots, filter, sort and select them (also by glob), add pasted or
// imported ones, delete. Protected accounts of the profile are locked out of every selection.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api';
import { errorText } from '../errors';
import { parseHistoryExport, type ExportedAccounts } from '../history-import';
import { activeProfile, useApp } from '../store/app';
import { useBots, type SortKey } from '../store/bots';
import { useSweep } from '../store/sweep';
import { BotList } from './BotList';
import { DeleteDialog } from './DeleteDialog';
import { PasteDialog } from './PasteDialog';
import { SelectMatchingDialog } from './SelectMatchingDialog';
import { SweepPanel } from './SweepPanel';

export function BotsView() {
  const { t } = useTranslation();
  const profile = useApp(activeProfile);
  const rows = useBots((state) => state.rows);
  const filtered = useBots((state) => state.filtered);
  const filter = useBots((state) => state.filter);
  const selected = useBots((state) => state.selected);
  const done = useBots((state) => state.done);
  const locked = useBots((state) => state.locked);
  const owner = useBots((state) => state.owner);
  const sort = useBots((state) => state.sort);
  const nicknames = useBots((state) => state.nicknames);
  const loading = useBots((state) => state.loading);
  const phase = useSweep((state) => state.phase);
  const { refresh, setFilter, selectAllFiltered, setSelected, addPasted, setSort, setProtected } = useBots.getState();
  const sortId = useId();
  const [matching, setMatching] = useState(false);
  const protectedGlobs = profile?.protected;
  // The list takes the profile's protected globs whenever either changes hands or the globs are edited.
  useEffect(() => {
    if (owner === profile?.id) setProtected(protectedGlobs ?? []);
  }, [owner, profile?.id, protectedGlobs, setProtected]);
  const { showError, showInfo, setView } = useApp.getState();
  const [paste, setPaste] = useState<{ text: string; exported?: ExportedAccounts | null } | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

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
  const selectable = done.size || locked.size ? filtered.filter((account) => !done.has(account) && !locked.has(account)) : filtered;
  const selectedShown = selectable.length > 0 && selectable.every((account) => selected.has(account));
  const someShown = !selectedShown && selectable.some((account) => selected.has(account));
  const toggleAllShown = () => {
    if (selectedShown) {
      const shown = new Set(filtered);
      setSelected([...selected].filter((account) => !shown.has(account)));
    } else selectAllFiltered();
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setPaste({ text, exported: parseHistoryExport(text) });
    if (fileRef.current) fileRef.current.value = '';
  };
  const startDeletion = async (accounts: string[], confirmation?: string) => {
    setConfirming(null);
    // Read again at the moment of confirmation: the list and the profile shown must still be the active ones.
    if (useApp.getState().activeProfileId !== profile.id || useBots.getState().owner !== profile.id) {
      showInfo('confirm.profileChanged');
      return;
    }
    const extra = { nicknames: useBots.getState().nicknames, ...(confirmation !== undefined ? { confirmation } : {}) };
    try {
      await useSweep.getState().start(profile.id, accounts, false, extra);
    } catch (error) {
      // Another process (the CLI, another window) sweeps this app: nothing was sent. Offer to wait for it.
      const code = error instanceof ApiFailure ? error.error.code : undefined;
      if (code !== 'sweep-running-elsewhere' || !window.confirm(`${errorText(t, error)}\n\n${t('sweep.waitQuestion')}`)) {
        showError(error);
        return;
      }
      try {
        await useSweep.getState().start(profile.id, accounts, true, extra);
      } catch (again) {
        showError(again);
      }
    }
  };
  const running = phase === 'running';

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
            checked={selectedShown}
            ref={(input) => {
              if (input) input.indeterminate = someShown;
            }}
            onChange={toggleAllShown}
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
        <button
          type="button"
          className="danger"
          disabled={!selected.size || running}
          onClick={() => setConfirming([...selected].filter((account) => !locked.has(account)))}
        >
          {t('bots.deleteSelected', { count: selected.size })}
        </button>
      </div>
      <div className="list-head">
        <p className="muted list-facts">
          {rows.length ? t('bots.shown', { shown: filtered.length, total: rows.length }) : t('bots.empty')}
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
      {rows.length && !filtered.length ? <p className="muted">{t('bots.noMatch')}</p> : null}
      <BotList />
      <SweepPanel />
      {paste ? (
        <PasteDialog
          initialText={paste.text}
          exported={paste.exported ?? null}
          onClose={() => setPaste(null)}
          onAdd={(accounts) => {
            addPasted(accounts);
            setPaste(null);
          }}
        />
      ) : null}
      {matching ? <SelectMatchingDialog onClose={() => setMatching(false)} /> : null}
      {confirming ? (
        <DeleteDialog
          profile={profile}
          accounts={confirming}
          nicknames={nicknames}
          onConfirm={(confirmation) => startDeletion(confirming, confirmation)}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </div>
  );
}
