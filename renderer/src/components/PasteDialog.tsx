// "Paste list" / "Import file": accounts not in the list, through the same parser as the CLI; bad lines shown with reasons.
// An imported file arrives as main read it: a history export as its account column (by default only the accounts not
// yet deleted), with its invalid lines and the app's protected accounts left out and said.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from '../i18n';
import { parseAccountList } from '../../../shared/accounts';
import type { ImportView } from '../../../shared/api';
import { Dialog } from './Dialog';

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

export function PasteDialog({ initialText = '', imported = null, onAdd, onClose }: PasteDialogProps) {
  const { t } = useTranslation();
  const [onlyUndone, setOnlyUndone] = useState(true);
  const [text, setText] = useState(imported ? offered(imported, true) : initialText);
  const textId = useId();
  const onlyUndoneId = useId();
  const exported = imported?.undone ? imported : null;
  const chooseUndone = (only: boolean) => {
    setOnlyUndone(only);
    if (imported) setText(offered(imported, only));
  };
  const fileInvalid = imported?.invalid ?? [];
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const shownInvalid = parsed.invalid.slice(0, 200);
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
      {imported?.protected.length ? (
        <p className="muted">
          {t('paste.protectedLeftOut', { count: imported.protected.length, list: imported.protected.slice(0, 10).join(', ') })}
        </p>
      ) : null}
      {fileInvalid.length ? (
        <div className="invalid-lines">
          <p className="error">{t('paste.fileInvalid', { count: fileInvalid.length })}</p>
          <ul>
            {fileInvalid.slice(0, 200).map((entry, index) => (
              <li key={index}>
                {t('paste.invalidLine', {
                  line: entry.line,
                  value: entry.value,
                  reason: entry.problem === 'not-taken' ? entry.reason : t(`reasons.${entry.problem}`),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <label htmlFor={textId}>{t('paste.label')}</label>
      <textarea id={textId} value={text} onChange={(e) => setText(e.target.value)} rows={8} spellCheck={false} data-autofocus />
      <div role="status" className="paste-result">
        {text.trim() ? (
          <>
            <p>{t('paste.valid', { count: parsed.accounts.length })}</p>
            {parsed.duplicates ? <p className="muted">{t('paste.duplicates', { count: parsed.duplicates })}</p> : null}
          </>
        ) : null}
      </div>
      {parsed.invalid.length ? (
        <div className="invalid-lines">
          <p className="error">{t('paste.invalid', { count: parsed.invalid.length })}</p>
          <ul>
            {shownInvalid.map((entry, index) => (
              <li key={index}>{t('paste.invalidLine', { line: entry.line, value: entry.value, reason: t(`reasons.${entry.problem}`) })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('paste.cancel')}
        </button>
        <button type="button" className="primary" disabled={!parsed.accounts.length} onClick={() => onAdd(parsed.accounts)}>
          {t('paste.add', { count: parsed.accounts.length })}
        </button>
      </div>
    </Dialog>
  );
}
