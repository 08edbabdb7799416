// The last look before deleting: profile, region, SDKAppID and every account (grouped by status for a retry);
// more than ten needs the count typed. Used by Delete selected and by Retry failed alike.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../shared/profile';
import type { AccountStatus } from '../../../shared/sweep';
import { describeTarget } from '../../../shared/target';
import { AccountsPreview } from './AccountsPreview';
import { Dialog } from './Dialog';

export const TYPED_CONFIRM_OVER = 10;

export interface AccountGroup {
  readonly status: AccountStatus;
  readonly accounts: readonly string[];
}

interface DeleteDialogProps {
  readonly profile: Pick<ProfileView, 'name' | 'target' | 'sdkAppId'>;
  readonly accounts: readonly string[];
  /** A retry's accounts by their last status; the list shows each group under its own heading. */
  readonly groups?: readonly AccountGroup[];
  readonly title?: string;
  /** Something to know before confirming (e.g. the active profile changes). */
  readonly note?: string | null;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

export function DeleteDialog({ profile, accounts, groups, title, note, onConfirm, onClose }: DeleteDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const typedId = useId();
  const count = accounts.length;
  const needsTyping = count > TYPED_CONFIRM_OVER;
  const confirmed = !needsTyping || typed.replace(/[\s,.\u00a0']/g, '') === String(count);
  const region =
    profile.target.kind === 'region' ? t(`regions.${profile.target.region}`) : `${t('profile.custom')}: ${describeTarget(profile.target)}`;
  return (
    <Dialog title={title ?? t('confirm.title', { count })} onClose={onClose} className="delete-dialog">
      <dl className="facts">
        <dt>{t('confirm.profile')}</dt>
        <dd>{profile.name}</dd>
        <dt>{t('confirm.region')}</dt>
        <dd>{region}</dd>
        <dt>{t('confirm.sdkAppId')}</dt>
        <dd>{profile.sdkAppId}</dd>
      </dl>
      {groups ? (
        groups
          .filter((group) => group.accounts.length)
          .map((group) => {
            const label = t('retry.group', { status: t(`status.${group.status}`), count: group.accounts.length });
            return (
              <div key={group.status} className="account-group">
                <h3>{label}</h3>
                <AccountsPreview accounts={group.accounts} label={label} />
              </div>
            );
          })
      ) : (
        <AccountsPreview accounts={accounts} label={t('confirm.accounts')} />
      )}
      {note ? <p className="muted">{note}</p> : null}
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
