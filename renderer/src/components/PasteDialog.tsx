// "Paste list" / "Import file": accounts not in the list, through the same parser as the CLI; bad lines shown with reasons.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAccountList } from '../../../shared/accounts';
import { Dialog } from './Dialog';

interface PasteDialogProps {
  readonly initialText?: string;
  readonly onAdd: (accounts: string[]) => void;
  readonly onClose: () => void;
}

export function PasteDialog({ initialText = '', onAdd, onClose }: PasteDialogProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialText);
  const textId = useId();
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const shownInvalid = parsed.invalid.slice(0, 200);
  return (
    <Dialog title={t('paste.title')} onClose={onClose} className="paste-dialog">
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
