// "Import file": main reads the file (the same reader as `delete --file`: lists, `list` output, history exports) for
// the active profile's app. Another app's export selects nothing until the user has seen both apps and chosen: switch
// to a profile of the file's app, or use it for this one anyway. Then the paste dialog, with what was left out said.
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import type { ImportView } from '../../../shared/api';
import { describeApp } from '../../../shared/app-identity';
import type { ProfileView } from '../../../shared/profile';
import { botsweep, call } from '../api';
import { switchProfile } from '../controller';
import { errorText } from '../errors';
import { useBots } from '../store/bots';
import { useProfiles } from '../store/profiles';
import { Dialog, MessageDialog } from './Dialog';
import { PasteDialog } from './PasteDialog';

interface ImportDialogProps {
  readonly profile: ProfileView;
  readonly text: string;
  readonly onClose: () => void;
}

export function ImportDialog({ profile, text, onClose }: ImportDialogProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<ImportView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [otherAppAccepted, setOtherAppAccepted] = useState(false);

  useEffect(() => {
    let current = true;
    call(botsweep().bots.import({ profileId: profile.id, text }))
      .then((answer) => {
        // An answer for a profile that is no longer the active one is dropped, like a late list.
        if (current && answer.profileId === useProfiles.getState().activeProfileId) setView(answer);
      })
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [profile.id, text]);

  const status = (message: string) => <MessageDialog title={t('paste.title')} message={message} onClose={onClose} />;
  if (failure) return status(errorText(t, failure));
  if (!view) return status(t('import.reading'));

  const other = view.otherApps[0];
  if (other && !otherAppAccepted)
    return (
      <Dialog title={t('import.otherAppTitle')} onClose={onClose}>
        <p>{t('import.otherApp', { fileApp: other.app, profile: profile.name, app: describeApp(profile) })}</p>
        <p className="warning">{t('import.otherAppWhy')}</p>
        <div className="actions">
          <button type="button" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
          {other.profiles.map((candidate) => (
            <button key={candidate.id} type="button" onClick={() => (switchProfile(candidate.id), onClose())}>
              {t('import.switchTo', { profile: candidate.name })}
            </button>
          ))}
          <button type="button" className="danger" onClick={() => setOtherAppAccepted(true)}>
            {t('import.useAnyway', { profile: profile.name })}
          </button>
        </div>
      </Dialog>
    );

  return (
    <PasteDialog
      imported={view}
      onClose={onClose}
      onAdd={(accounts) => {
        useBots.getState().addPasted(accounts);
        onClose();
      }}
    />
  );
}
