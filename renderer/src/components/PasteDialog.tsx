// "Paste list" / "Import file": accounts not in the list, through the same parser as the CLI (shared/accounts.ts), bad
// lines shown with their reasons and the offending character escaped with its position. Nothing is left out without a
// word: protected accounts (the app's guards as main gives them), ones already settled in this list and duplicates are
// named, and only the rest is added, selected. An imported file arrives as main read it: a history export as its
// account column (by default only the accounts not yet deleted), with its invalid entries and protected accounts.
import { useId, useMemo, useState } from 'react';
import { useTranslation, type Translate } from '../i18n';
import { parseAccountList, type AccountProblem } from '../../../shared/accounts';
import type { ImportView } from '../../../shared/api';
import { escapeUnsafe, findUnsafeCharacter } from '../../../shared/unsafe-text';
import { useBots, useIsProtected } from '../store/bots';
import { sortOut } from '../store/left-out';
import { Dialog } from './Dialog';
import { LeftOutLines } from './LeftOutLines';

interface PasteDialogProps {
  readonly initialText?: string;
  /** Set for an imported file, as main read it. */
  readonly imported?: ImportView | null;
  readonly onAdd: (accounts: string[]) => void;
  readonly onClose: () => void;
}

/** The imported accounts to offer: an export's undone ones (or all), never a protected one. */
function offered(imported: ImportView, onlyUndone: boolean): string {
  const blocked = new Set(imported.protected);
  return ((onlyUndone && imported.undone) || imported.accounts).filter((account) => !blocked.has(account)).join('\n');
}

/** "Line 3: “@RBT#\u202enimda” — contains an invisible or text-direction character: U+202E (…) at character 6" */
export function invalidLine(t: Translate, entry: { line: number; value: string; problem: AccountProblem; reason: string }): string {
  const found = entry.problem === 'control-character' || entry.problem === 'invisible-character' ? findUnsafeCharacter(entry.value) : null;
  const reason = entry.problem === 'not-taken' ? entry.reason : t(`reasons.${entry.problem}`);
  const where = found ? `: ${t('reasons.character', { ...found })}` : '';
  return t('paste.invalidLine', { line: entry.line, value: escapeUnsafe(entry.value), reason: `${reason}${where}` });
}

export function PasteDialog({ initialText = '', imported = null, onAdd, onClose }: PasteDialogProps) {
  const { t } = useTranslation();
  const [onlyUndone, setOnlyUndone] = useState(true);
  const [text, setText] = useState(imported ? offered(imported, true) : initialText);
  const isProtected = useIsProtected();
  const status = useBots((state) => state.status);
  const textId = useId();
  const onlyUndoneId = useId();
  const exported = imported?.undone ? imported : null;
  const chooseUndone = (only: boolean) => {
    setOnlyUndone(only);
    if (imported) setText(offered(imported, only));
  };
  const fileInvalid = imported?.invalid ?? [];
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const { selectable, leftOut } = useMemo(() => {
    const split = sortOut(parsed.accounts, isProtected, status);
    // An import's protected accounts and repeats were taken out by main before the text was offered: said all the same.
    const guarded = [...(imported?.protected ?? []), ...split.leftOut.protected];
    const duplicated = [...new Set([...(imported?.duplicated ?? []), ...parsed.duplicated])];
    return { selectable: split.selectable, leftOut: { ...split.leftOut, protected: guarded, duplicated } };
  }, [parsed, isProtected, status, imported]);
  return (
    <Dialog title={t('paste.title')} onClose={onClose} className="paste-dialog">
      {exported ? (
        <>
          <p>{t('paste.exportDetected', { count: exported.accounts.length, undone: exported.undone!.length })}</p>
          <div className="check">
            <input id={onlyUndoneId} type="checkbox" checked={onlyUndone} onChange={(e) => chooseUndone(e.target.checked)} />
            <label htmlFor={onlyUndoneId}>{t('paste.onlyUndone')}</label>
          </div>
        </>
      ) : null}
      {fileInvalid.length ? (
        <div className="invalid-lines">
          <p className="error">{t('paste.fileInvalid', { count: fileInvalid.length })}</p>
          <ul>
            {fileInvalid.slice(0, 200).map((entry, index) => (
              <li key={index}>{invalidLine(t, entry)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <label htmlFor={textId}>{t('paste.label')}</label>
      <textarea id={textId} value={text} onChange={(e) => setText(e.target.value)} rows={8} spellCheck={false} data-autofocus />
      <div role="status" className="paste-result">
        {text.trim() || imported ? (
          <>
            <p>{t('paste.valid', { count: parsed.accounts.length })}</p>
            <LeftOutLines leftOut={leftOut} />
            {parsed.accounts.length && !selectable.length ? <p className="muted">{t('paste.nothingToAdd')}</p> : null}
          </>
        ) : null}
      </div>
      {parsed.invalid.length ? (
        <div className="invalid-lines">
          <p className="error">{t('paste.invalid', { count: parsed.invalid.length })}</p>
          <ul>
            {parsed.invalid.slice(0, 200).map((entry, index) => (
              <li key={index}>{invalidLine(t, entry)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('paste.cancel')}
        </button>
        <button type="button" className="primary" disabled={!selectable.length} onClick={() => onAdd(selectable)}>
          {t('paste.add', { count: selectable.length })}
        </button>
      </div>
    </Dialog>
  );
}
