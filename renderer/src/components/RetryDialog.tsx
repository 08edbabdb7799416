// Retry failed: asks main what a retry would send (its plan: the batch's undone accounts to the batch's own app and
// admin, protected ones left out, a production app's name) and shows exactly that, grouped by status, with the
// profile and target; nothing starts before the user confirms. `only` narrows it to some accounts (a failure group).
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import type { RetryPreview } from '../../../shared/api';
import { botsweep, call } from '../api';
import { retryConfirmed } from '../controller';
import { errorText } from '../errors';
import { useApp } from '../store/app';
import { profileById, useProfiles } from '../store/profiles';
import { DeleteDialog, type AccountGroup } from './DeleteDialog';
import { MessageDialog } from './Dialog';

const GROUPS = ['failed', 'skipped', 'unconfirmed'] as const;

interface RetryDialogProps {
  readonly batchId: string;
  /** Retry only these of the batch's retryable accounts. */
  readonly only?: readonly string[];
  readonly onClose: () => void;
  /** Called once the retry has started. */
  readonly onStarted?: () => void;
}

export function RetryDialog({ batchId, only, onClose, onStarted }: RetryDialogProps) {
  const { t } = useTranslation();
  const profiles = useProfiles((state) => state.profiles);
  const [preview, setPreview] = useState<RetryPreview | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    call(botsweep().sweep.previewRetry({ batchId, ...(only?.length ? { accounts: [...only] } : {}) }))
      .then((answer) => current && setPreview(answer))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [batchId, only]);

  const message = (text: string) => <MessageDialog title={t('retry.heading')} message={text} onClose={onClose} />;

  if (failure) return message(errorText(t, failure));
  if (!preview) return message(t('retry.loading'));
  // In the app a retry is always signed by a profile: the batch's own, which main checked points at the batch's app.
  const profile = profileById({ profiles }, preview.profile?.id ?? null);
  if (!profile) return message(t('apiErrors.retry-profile-missing', { profile: preview.profile?.name ?? '?' }));

  const accounts = preview.accounts.map((entry) => entry.account);
  const groups: AccountGroup[] = GROUPS.map((status) => ({
    status,
    accounts: preview.accounts.filter((entry) => entry.status === status).map((entry) => entry.account),
  }));
  const nicknames = new Map(preview.accounts.flatMap((entry) => (entry.nickname ? [[entry.account, entry.nickname] as const] : [])));
  const notes = [
    useProfiles.getState().activeProfileId !== profile.id ? t('retry.switches', { profile: profile.name }) : null,
    preview.leftOut.length ? t('retry.leftOut', { count: preview.leftOut.length }) : null,
  ].filter((note): note is string => note !== null);
  const confirm = async (confirmation?: string) => {
    onClose();
    // Main plans the retry again from the same fields and refuses anything that is no longer what this dialog showed.
    try {
      const confirmed = { profileId: profile.id, accounts, ...(confirmation !== undefined ? { confirmation } : {}) };
      await retryConfirmed(batchId, confirmed, preview.kind);
      onStarted?.();
    } catch (error) {
      useApp.getState().showError(error);
    }
  };
  return (
    <DeleteDialog
      verb={preview.kind}
      profile={profile}
      production={preview.production}
      accounts={accounts}
      groups={groups}
      nicknames={nicknames}
      title={t('retry.title', { count: accounts.length })}
      note={notes.length ? notes.join(' ') : null}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
