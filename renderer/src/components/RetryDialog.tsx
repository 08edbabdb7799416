// Retry failed: reads the batch, shows what would be sent again (failed / skipped / unconfirmed; never deleted or
// absent ones) with the batch's profile and target, and starts nothing before the user confirms. `only` narrows it
// to some of those accounts (e.g. one group of failures by reason).
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import type { ProfileView } from '../../../shared/profile';
import { retryableAccounts, type BatchRecord } from '../../../shared/sweep';
import { botsweep, call } from '../api';
import { retryConfirmed } from '../controller';
import { errorText } from '../errors';
import { useApp } from '../store/app';
import { useProfiles } from '../store/profiles';
import { DeleteDialog, type AccountGroup } from './DeleteDialog';
import { Dialog } from './Dialog';

const GROUPS = ['failed', 'skipped', 'unconfirmed'] as const;

/** The profile that may retry the batch: its own, still pointing at the same app. */
function retryProfile(batch: BatchRecord, profiles: readonly ProfileView[]): { profile: ProfileView | null; problem: string | null } {
  const profile =
    profiles.find((p) => p.id === batch.profileId) ?? profiles.find((p) => batch.profile !== null && p.name === batch.profile) ?? null;
  if (!profile) return { profile: null, problem: 'retry.profileMissing' };
  const same =
    profile.sdkAppId === batch.sdkAppId &&
    profile.identifier === batch.identifier &&
    JSON.stringify(profile.target) === JSON.stringify(batch.target);
  return same ? { profile, problem: null } : { profile, problem: 'retry.targetChanged' };
}

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
  const [batch, setBatch] = useState<BatchRecord | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    call(botsweep().history.get({ batchId }))
      .then(({ batch: found }) => {
        if (!current) return;
        if (found) setBatch(found);
        else setFailure({ kind: 'not-found', code: 'batch-missing', message: 'That batch is no longer in the history.' });
      })
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [batchId]);

  const message = (text: string) => (
    <Dialog title={t('history.retryFailed')} onClose={onClose}>
      <p role="status">{text}</p>
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );

  if (failure) return message(errorText(t, failure));
  if (!batch) return message(t('retry.loading'));
  const wanted = only ? new Set(only) : null;
  const accounts = wanted ? retryableAccounts(batch.results).filter((account) => wanted.has(account)) : retryableAccounts(batch.results);
  const chosen = new Set(accounts);
  if (!accounts.length) return message(t('retry.nothing'));
  const { profile, problem } = retryProfile(batch, profiles);
  if (!profile || problem) return message(t(problem ?? 'retry.profileMissing', { profile: profile?.name ?? batch.profile ?? '?' }));

  const groups: AccountGroup[] = GROUPS.map((status) => ({
    status,
    accounts: batch.results.filter((result) => result.status === status && chosen.has(result.account)).map((result) => result.account),
  }));
  const nicknames = new Map(batch.results.flatMap((result) => (result.nickname ? [[result.account, result.nickname] as const] : [])));
  const switches = useProfiles.getState().activeProfileId !== profile.id;
  const confirm = async (confirmation?: string) => {
    onClose();
    // The dialog showed this profile and target; main checks again that the batch still belongs to them.
    try {
      await retryConfirmed(batch.id, { profileId: profile.id, accounts, ...(confirmation !== undefined ? { confirmation } : {}) });
      onStarted?.();
    } catch (error) {
      useApp.getState().showError(error);
    }
  };
  return (
    <DeleteDialog
      profile={profile}
      accounts={accounts}
      groups={groups}
      nicknames={nicknames}
      title={t('retry.title', { count: accounts.length })}
      note={switches ? t('retry.switches', { profile: profile.name }) : null}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
