// The last look before sending: profile, region, SDKAppID and every account (grouped by status for a retry); more than
// ten needs the count typed, a production app its production profile's name. Check asks the gateway which are bots
// now. Used by Delete selected, Retry failed and Re-create alike (a re-creation says what comes back and what not).
import { useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import type { ProfileView } from '../../../shared/profile';
import type { AccountStatus, BatchKind } from '../../../shared/sweep';
import { describeTarget } from '../../../shared/target';
import { botsweep, call } from '../api';
import { errorText } from '../errors';
import { AccountsPreview } from './AccountsPreview';
import { Dialog } from './Dialog';

export const TYPED_CONFIRM_OVER = 10;

export interface AccountGroup {
  readonly status: AccountStatus;
  readonly accounts: readonly string[];
}

interface DeleteDialogProps {
  /** What confirming does: delete (the default), or re-create the accounts with their saved profiles. */
  readonly verb?: BatchKind;
  readonly profile: Pick<ProfileView, 'id' | 'name' | 'target' | 'sdkAppId'>;
  /** The production profile name to type (the app is production: any profile of it may mark it so), or null. */
  readonly production: string | null;
  readonly accounts: readonly string[];
  readonly nicknames?: ReadonlyMap<string, string> | undefined;
  /** A retry's accounts by their last status; the list shows each group under its own heading. */
  readonly groups?: readonly AccountGroup[];
  readonly title?: string;
  /** Something to know before confirming (e.g. the active profile changes). */
  readonly note?: string | null;
  /** `confirmation`: a production profile's name as typed. */
  readonly onConfirm: (confirmation?: string) => void;
  readonly onClose: () => void;
}

type CheckState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly bots: number; readonly absent: readonly string[] }
  | { readonly kind: 'failed'; readonly error: unknown };

export function DeleteDialog({
  verb = 'delete',
  profile,
  production: productionName,
  accounts,
  nicknames,
  groups,
  title,
  note,
  onConfirm,
  onClose,
}: DeleteDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [check, setCheck] = useState<CheckState | null>(null);
  const open = useRef(true);
  const typedId = useId();
  const count = accounts.length;
  const production = productionName !== null;
  const needsTyping = production || count > TYPED_CONFIRM_OVER;
  const confirmed = production ? typed.trim() === productionName : !needsTyping || typed.replace(/[\s,.\u00a0']/g, '') === String(count);
  const runCheck = async () => {
    setCheck({ kind: 'checking' });
    try {
      const answer = await call(botsweep().bots.check({ profileId: profile.id, accounts: [...accounts] }));
      if (open.current && answer.profileId === profile.id) setCheck({ kind: 'done', bots: answer.bots.length, absent: answer.absent });
    } catch (error) {
      if (open.current) setCheck({ kind: 'failed', error });
    }
  };
  const close = () => {
    open.current = false;
    onClose();
  };
  const recreate = verb === 'recreate';
  const region =
    profile.target.kind === 'region' ? t(`regions.${profile.target.region}`) : `${t('profile.custom')}: ${describeTarget(profile.target)}`;
  return (
    <Dialog title={title ?? t(recreate ? 'recreate.title' : 'confirm.title', { count })} onClose={close} className="delete-dialog">
      <dl className="facts">
        <dt>{t('confirm.profile')}</dt>
        <dd>
          {profile.name}
          {production ? <span className="badge badge-production">{t('profile.productionBadge')}</span> : null}
        </dd>
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
                <AccountsPreview accounts={group.accounts} label={label} nicknames={nicknames} />
              </div>
            );
          })
      ) : (
        <AccountsPreview accounts={accounts} label={t('confirm.accounts')} nicknames={nicknames} />
      )}
      <div className="check-bots" hidden={recreate}>
        <button type="button" onClick={runCheck} disabled={check?.kind === 'checking'}>
          {check?.kind === 'checking' ? t('confirm.checking') : t('confirm.check')}
        </button>
        <div role="status">
          {check?.kind === 'done' ? (
            <>
              <p>{t('confirm.checkResult', { bots: check.bots, absent: check.absent.length })}</p>
              {check.absent.length ? (
                <AccountsPreview accounts={check.absent} label={t('confirm.absentList')} nicknames={nicknames} />
              ) : null}
            </>
          ) : null}
          {check?.kind === 'failed' ? <p className="error">{errorText(t, check.error)}</p> : null}
        </div>
      </div>
      {note ? <p className="muted">{note}</p> : null}
      {recreate ? (
        <>
          <p>{t('recreate.restores')}</p>
          <p className="warning">{t('recreate.notRestored')}</p>
        </>
      ) : (
        <p className="warning">{t('confirm.warning')}</p>
      )}
      {needsTyping ? (
        <div className="field">
          <label htmlFor={typedId}>
            {production ? t('confirm.typeNameToConfirm', { name: productionName }) : t('confirm.typeToConfirm', { count })}
          </label>
          <input
            id={typedId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            inputMode={production ? 'text' : 'numeric'}
            autoComplete="off"
            data-autofocus
          />
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={close} data-autofocus={needsTyping ? undefined : true}>
          {t('confirm.cancel')}
        </button>
        <button
          type="button"
          className={recreate ? 'primary' : 'danger'}
          disabled={!confirmed}
          onClick={() => onConfirm(production ? typed.trim() : undefined)}
        >
          {t(recreate ? 'recreate.confirm' : 'confirm.confirm', { count })}
        </button>
      </div>
    </Dialog>
  );
}
