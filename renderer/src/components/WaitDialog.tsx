// The offer to wait for another process's sweep of the same app (the CLI, another window): what is running and that
// nothing was sent, then Wait (nothing is sent until it has ended) or Not now (the view keeps a Wait button).
import { useTranslation } from '../i18n';
import { errorText } from '../errors';
import { Dialog } from './Dialog';

interface WaitDialogProps {
  readonly error: unknown;
  readonly count: number;
  readonly onAnswer: (wait: boolean) => void;
}

export function WaitDialog({ error, count, onAnswer }: WaitDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('wait.title')} onClose={() => onAnswer(false)}>
      <p>{errorText(t, error)}</p>
      <p>{t('wait.question', { count })}</p>
      <div className="actions">
        <button type="button" onClick={() => onAnswer(false)}>
          {t('wait.notNow')}
        </button>
        <button type="button" className="primary" onClick={() => onAnswer(true)} data-autofocus>
          {t('wait.wait')}
        </button>
      </div>
    </Dialog>
  );
}
