// Profiles: the list (edit, remove with a confirmation) beside the form for the one being edited or a new one.
import { useState } from 'react';
import { useTranslation } from '../i18n';
import type { ProfileView } from '../../../shared/profile';
import { describeTarget } from '../../../shared/target';
import { removeProfile } from '../controller';
import { useApp } from '../store/app';
import { useProfiles } from '../store/profiles';
import { Dialog } from './Dialog';
import { ProfileForm } from './ProfileForm';

export function ProfilesView() {
  const { t } = useTranslation();
  const profiles = useProfiles((state) => state.profiles);
  const activeId = useProfiles((state) => state.activeProfileId);
  const [editingId, setEditingId] = useState<string | null>(activeId);
  /** The profile just saved: its form (a new one, for a new profile) takes the focus the Save button had. */
  const [savedId, setSavedId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ProfileView | null>(null);
  const editing = profiles.find((profile) => profile.id === editingId) ?? null;

  const remove = async (profile: ProfileView) => {
    setRemoving(null);
    try {
      await removeProfile(profile.id);
      if (editingId === profile.id) setEditingId(null);
    } catch (error) {
      useApp.getState().showError(error);
    }
  };

  return (
    <div className="profiles">
      <section className="profile-list" aria-labelledby="profile-list-title">
        <h2 id="profile-list-title">{t('profile.list')}</h2>
        {profiles.length === 0 ? <p className="muted">{t('profile.empty')}</p> : null}
        <ul>
          {profiles.map((profile) => (
            <li key={profile.id} className={profile.id === editingId ? 'current' : undefined}>
              <div>
                <strong>{profile.name}</strong>
                {profile.production ? <span className="badge badge-production">{t('profile.productionBadge')}</span> : null}
                <span className="muted">
                  {profile.sdkAppId} · {describeTarget(profile.target)}
                </span>
              </div>
              <div className="row-actions">
                <button type="button" onClick={() => setEditingId(profile.id)} aria-label={`${t('profile.edit')} ${profile.name}`}>
                  {t('profile.edit')}
                </button>
                <button
                  type="button"
                  className="danger-quiet"
                  onClick={() => setRemoving(profile)}
                  aria-label={`${t('profile.remove')} ${profile.name}`}
                >
                  {t('profile.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setEditingId(null)}>
          {t('profile.new')}
        </button>
      </section>

      {/* Keyed by the profile: switching profiles starts a fresh form, with an empty secret field. */}
      <ProfileForm
        key={editing?.id ?? 'new'}
        editing={editing}
        focusTitle={savedId !== null && savedId === editing?.id}
        onSaved={(id) => {
          setEditingId(id);
          setSavedId(id);
        }}
      />

      {removing ? (
        <Dialog title={t('profile.removeTitle', { name: removing.name })} onClose={() => setRemoving(null)}>
          <p>{t('profile.removeBody')}</p>
          <div className="actions">
            <button type="button" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => remove(removing)}>
              {t('profile.removeConfirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
