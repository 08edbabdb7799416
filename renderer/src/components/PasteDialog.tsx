// "Paste list" / "Import file": accounts not in the list, through the same parser as the CLI; bad lines shown with reasons.
// A Botsweep history export arrives as its account column, by default only the accounts not yet deleted.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from '../i18n';
import { parseAccountList } from '../../../shared/accounts';
import type { ExportedAccounts } from '../history-import';
import { Dialog } from './Dialog';

interface PasteDialogProps {
  readonly initialText?: string;
  /** Set when the imported file is a Botsweep history export. */
  readonly exported?: ExportedAccounts | null;
  readonly onAdd: (accounts: string[]) => void;
  readonly onClose: () => void;
}

export function PasteDialog({ initialText = '', exported = null, onAdd, onClose }: PasteDialogProps) {
  const { t } = useTranslation();
  const [onlyUndone, setOnlyUndone] = useState(true);
  const [text, setText] = useState(exported ? exported.undone.join('\n') : initialText);
  const textId = useId();
  const onlyUndoneId = useId();
  const chooseUndone = (only: boolean) => {
    setOnlyUndone(only);
    if (exported) setText((only ? exported.undone : exported.all).join('\n'));
  };
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const shownInvalid = parsed.invalid.slice(0, 200);
  return (
    <Dialog title={t('paste.title')} onClose={onClose} className="paste-dialog">
      {exported ? (
        <>
          <p>{t('paste.exportDetected', { count: exported.all.length, undone: exported.undone.length })}</p>
          <div className="check">
            <input id={onlyUndoneId} type="checkbox" checked={onlyUndone} onChange={(e) => chooseUndone(e.target.checked)} />
            <label htmlFor={onlyUndoneId}>{t('paste.onlyUndone')}</label>
          </div>
        </>
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
