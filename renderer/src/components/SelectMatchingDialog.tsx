// "Select matching…": a glob over the account ID (`*` any run, `?` one character, case-sensitive; the same matcher
// as `delete --match` and protected accounts); shows how many rows it would select before it does, and which matching
// rows it leaves out (protected, already settled) and how many are selected already. Settled and protected rows never
// enter the selection.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from '../i18n';
import { accountPatternProblem, compileGlob } from '../../../shared/glob';
import type { AccountStatus } from '../../../shared/sweep';
import { escapeUnsafe } from '../../../shared/unsafe-text';
import { useBots, useLockedRows, useSelection } from '../store/bots';
import { inAccountOrder, isSettled } from '../store/bots-derive';
import { sortOut } from '../store/left-out';
import { Dialog } from './Dialog';
import { LeftOutLines } from './LeftOutLines';

interface ListFacts {
  readonly rows: readonly string[];
  readonly status: ReadonlyMap<string, AccountStatus>;
  readonly locked: ReadonlySet<string>;
}

/** The loaded rows a glob selects: those whose account ID it matches, never settled or protected ones. */
export function matchingRows(glob: string, { rows, status, locked }: ListFacts): string[] {
  if (accountPatternProblem(glob.trim()) !== null) return [];
  const matches = compileGlob(glob.trim());
  return rows.filter((row) => !isSettled(status, row) && !locked.has(row) && matches(row));
}

export function SelectMatchingDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [glob, setGlob] = useState('');
  const rows = useBots((state) => state.rows);
  const status = useBots((state) => state.status);
  const locked = useLockedRows();
  const selected = useSelection();
  const problem = glob.trim() ? accountPatternProblem(glob.trim()) : null;
  // Recounted when the rows change under the open dialog.
  const matches = useMemo(() => matchingRows(glob, { rows, status, locked }), [glob, rows, status, locked]);
  const leftOut = useMemo(() => {
    if (problem !== null || !glob.trim()) return null;
    const matched = compileGlob(glob.trim());
    return sortOut(inAccountOrder(rows.filter((row) => matched(row))), (row) => locked.has(row), status).leftOut;
  }, [glob, problem, rows, status, locked]);
  const already = matches.filter((row) => selected.has(row)).length;
  const select = () => {
    const { picked, setSelected } = useBots.getState();
    setSelected([...picked, ...matches]);
    onClose();
  };
  return (
    <Dialog title={t('match.title')} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (matches.length) select();
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('match.label')}</label>
          <input
            id={id}
            value={glob}
            onChange={(e) => setGlob(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
            aria-invalid={problem ? true : undefined}
            data-autofocus
          />
          <p id={`${id}-hint`} className="hint">
            {t('match.hint')}
          </p>
        </div>
        <div role="status">
          {problem ? (
            <p className="error">{escapeUnsafe(problem)}</p>
          ) : glob.trim() ? (
            <p>{t('match.count', { count: matches.length })}</p>
          ) : null}
          {leftOut ? <LeftOutLines leftOut={leftOut} /> : null}
          {already ? <p className="muted">{t('leftOut.selected', { count: already })}</p> : null}
        </div>
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!matches.length}>
            {t('match.select', { count: matches.length })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
