// Re-create: asks main what undoing the deletion would send (its deleted accounts, or those ticked, each with the
// profile saved before its deletion, to the batch's own app and admin, and a production app's name) and shows exactly
// that in the confirmation dialog, saying what comes back and what does not; nothing starts before the user confirms.
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import type { RecreatePreview } from '../../../shared/api';
import { botsweep, call } from '../api';
import { recreateConfirmed } from '../controller';
import { errorText } from '../errors';
import { useApp } from '../store/app';
import { profileById, useProfiles } from '../store/profiles';
import { DeleteDialog } from './DeleteDialog';
import { Dialog } from './Dialog';

interface RecreateDialogProps {
  readonly batchId: string;
  /** Re-create only these of the batch's deleted accounts; all of them when null. */
  readonly only: readonly string[] | null;
  readonly onClose: () => void;
  /** Called once the re-creation has started. */
  readonly onStarted?: () => void;
}

export function RecreateDialog({ batchId, only, onClose, onStarted }: RecreateDialogProps) {
  const { t } = useTranslation();
  const profiles = useProfiles((state) => state.profiles);
  const [preview, setPreview] = useState<RecreatePreview | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    call(botsweep().sweep.previewRecreate({ batchId, ...(only?.length ? { accounts: [...only] } : {}) }))
      .then((answer) => current && setPreview(answer))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [batchId, only]);

  const message = (text: string) => (
    <Dialog title={t('recreate.heading')} onClose={onClose}>
      <p role="status">{text}</p>
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );

  if (failure) return message(errorText(t, failure));
  if (!preview) return message(t('retry.loading'));
  // In the app a re-creation is signed by the batch's own profile, which main checked points at the batch's app.
  const profile = profileById({ profiles }, preview.profile?.id ?? null);
  if (!profile) return message(t('apiErrors.retry-profile-missing', { profile: preview.profile?.name ?? '?' }));

  const accounts = preview.accounts.map((entry) => entry.account);
  const bare = preview.accounts.filter((entry) => 'missing' in entry).length;
  const nicknames = new Map(
    preview.accounts.map((entry) => [entry.account, 'profile' in entry ? entry.profile.nickname : `(${t('recreate.noProfile')})`] as const),
  );
  const notes = [
    useProfiles.getState().activeProfileId !== profile.id ? t('retry.switches', { profile: profile.name }) : null,
    bare ? t('recreate.bare', { count: bare }) : null,
  ].filter((note): note is string => note !== null);
  const confirm = async (confirmation?: string) => {
    onClose();
    // Main plans it again from the same fields and refuses anything that is no longer what this dialog showed.
    try {
      await recreateConfirmed(batchId, { profileId: profile.id, accounts, ...(confirmation !== undefined ? { confirmation } : {}) });
      onStarted?.();
    } catch (error) {
      useApp.getState().showError(error);
    }
  };
  return (
    <DeleteDialog
      verb="recreate"
      profile={profile}
      production={preview.production}
      accounts={accounts}
      nicknames={nicknames}
      note={notes.length ? notes.join(' ') : null}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
