// Failed and unconfirmed accounts grouped by the gateway's error code, each group with its count, the advice in
// words, and Select these / Copy these / Retry these (through the confirmation dialog).
import { Suspense, useState } from 'react';
import { useTranslation } from '../i18n';
import type { AccountResult, BatchKind } from '../../../shared/sweep';
import { selectInList } from '../controller';
import { gatewayCodeText } from '../errors';
import { useApp } from '../store/app';
import { useProfiles } from '../store/profiles';
import { RetryDialog } from './lazy';

interface FailureGroup {
  readonly key: string;
  readonly errorCode: number | null;
  readonly status: AccountResult['status'];
  readonly accounts: string[];
}

/** Groups by error code; results without one by their status. Biggest group first. */
export function groupFailures(results: readonly Pick<AccountResult, 'account' | 'status' | 'errorCode'>[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const result of results) {
    if (result.status !== 'failed' && result.status !== 'unconfirmed') continue;
    const key = result.errorCode !== null ? `code-${result.errorCode}` : result.status;
    const group = groups.get(key) ?? { key, errorCode: result.errorCode, status: result.status, accounts: [] };
    group.accounts.push(result.account);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.accounts.length - a.accounts.length);
}

interface FailureGroupsProps {
  readonly results: readonly Pick<AccountResult, 'account' | 'status' | 'errorCode'>[];
  readonly batchId: string;
  /** The batch's profile: Select these puts the accounts in its list. */
  readonly profileId: string | null;
  /** A re-creation's 10008 is the per-account bot quota. */
  readonly kind?: BatchKind | undefined;
}

export function FailureGroups({ results, batchId, profileId, kind }: FailureGroupsProps) {
  const { t } = useTranslation();
  const [retrying, setRetrying] = useState<readonly string[] | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  // Select these needs the batch's profile (to put the accounts in its list); gone, the button is too.
  const profileKnown = useProfiles((state) => profileId !== null && state.profiles.some((profile) => profile.id === profileId));
  const groups = groupFailures(results);
  if (!groups.length) return null;

  const copyThese = async (group: FailureGroup) => {
    try {
      await navigator.clipboard.writeText(group.accounts.join('\n'));
      setCopied(group.key);
    } catch (error) {
      useApp.getState().showError(error);
    }
  };

  return (
    <section className="failure-groups" aria-label={t('failures.title')}>
      <h3>{t('failures.title')}</h3>
      <ul>
        {groups.map((group) => {
          const words = kind === 'recreate' && group.errorCode === 10008 ? t('recreate.quota') : null;
          const reason =
            group.errorCode !== null
              ? `${words ?? gatewayCodeText(t, group.errorCode)} [${group.errorCode}]`
              : t(`failures.${group.status}`);
          return (
            <li key={group.key}>
              <p>
                <strong>{t('failures.count', { count: group.accounts.length })}</strong> {reason}
              </p>
              <div className="row-actions">
                {profileKnown ? (
                  <button type="button" onClick={() => selectInList(profileId!, group.accounts)}>
                    {t('failures.select')}
                  </button>
                ) : null}
                <button type="button" onClick={() => copyThese(group)}>
                  {t('failures.copy')}
                </button>
                <button type="button" onClick={() => setRetrying(group.accounts)}>
                  {t('failures.retry')}
                </button>
                {copied === group.key ? <span className="muted">{t('sweep.copied', { count: group.accounts.length })}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
      <Suspense fallback={null}>
        {retrying ? (
          <RetryDialog
            batchId={batchId}
            only={retrying}
            onClose={() => setRetrying(null)}
            onStarted={() => useApp.getState().setView('bots')}
          />
        ) : null}
      </Suspense>
    </section>
  );
}
