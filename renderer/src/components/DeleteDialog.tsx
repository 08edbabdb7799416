// The last look before deleting: profile, region, SDKAppID and every account; more than ten needs the count typed.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../shared/profile';
import { describeTarget } from '../../../shared/target';
import { AccountsPreview } from './AccountsPreview';
import { Dialog } from './Dialog';

export const TYPED_CONFIRM_OVER = 10;

interface DeleteDialogProps {
  readonly profile: ProfileView;
  readonly accounts: readonly string[];
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

export function DeleteDialog({ profile, accounts, onConfirm, onClose }: DeleteDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const typedId = useId();
  const count = accounts.length;
  const needsTyping = count > TYPED_CONFIRM_OVER;
  const confirmed = !needsTyping || typed.replace(/[\s,.\u00a0']/g, '') === String(count);
  const region =
    profile.target.kind === 'region' ? t(`regions.${profile.target.region}`) : `${t('profile.custom')}: ${describeTarget(profile.target)}`;
  return (
    <Dialog title={t('confirm.title', { count })} onClose={onClose} className="delete-dialog">
      <dl className="facts">
        <dt>{t('confirm.profile')}</dt>
        <dd>{profile.name}</dd>
        <dt>{t('confirm.region')}</dt>
        <dd>{region}</dd>
        <dt>{t('confirm.sdkAppId')}</dt>
        <dd>{profile.sdkAppId}</dd>
      </dl>
      <AccountsPreview accounts={accounts} label={t('confirm.accounts')} />
      <p className="warning">{t('confirm.warning')}</p>
      {needsTyping ? (
        <div className="field">
          <label htmlFor={typedId}>{t('confirm.typeToConfirm', { count })}</label>
          <input
            id={typedId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            data-autofocus
          />
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus={needsTyping ? undefined : true}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="danger" disabled={!confirmed} onClick={onConfirm}>
          {t('confirm.confirm', { count })}
        </button>
      </div>
    </Dialog>
  );
}
