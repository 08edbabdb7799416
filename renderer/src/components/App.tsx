// The window: header with navigation, active profile, language and theme; the message bar; the current view. A web
// host page without its access token shows only how to get one.
import { Suspense, useId } from 'react';
import { useTranslation } from '../i18n';
import { LANGUAGES, type Language, type Settings } from '../../../shared/settings';
import { switchProfile } from '../controller';
import { changeLanguage, resolveLanguage } from '../i18n';
import { useApp, VIEWS } from '../store/app';
import { activeProfile, productionNameOf, useProfiles } from '../store/profiles';
import { useSweep } from '../store/sweep';
import { applyTheme } from '../theme';
import { Banner } from './Banner';
import { BotsView } from './BotsView';
import { HistoryView, ProfilesView } from './lazy';

export function App() {
  const { t } = useTranslation();
  const view = useApp((state) => state.view);
  const profiles = useProfiles((state) => state.profiles);
  const activeId = useProfiles((state) => state.activeProfileId);
  const production = useProfiles((state) => productionNameOf(activeProfile(state)) !== null);
  const settings = useApp((state) => state.settings);
  const sweeping = useSweep((state) => state.phase === 'running');
  const { setView, saveSettings } = useApp.getState();
  const ids = { profile: useId(), language: useId(), theme: useId() };
  const tokenLost = useApp((state) => state.tokenLost);

  const setLanguage = (language: Settings['language']) => {
    void saveSettings({ language });
    changeLanguage(resolveLanguage(language)).catch((error: unknown) => useApp.getState().showError(error));
  };
  const setTheme = (theme: Settings['theme']) => {
    void saveSettings({ theme });
    applyTheme(theme);
  };

  if (tokenLost)
    return (
      <main className="token-lost">
        <h1>{t('app.title')}</h1>
        <h2>{t('token.title')}</h2>
        <p>{t('token.body')}</p>
      </main>
    );

  return (
    <div className="app">
      <header className="header">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('nav.main')}>
          <ul>
            {VIEWS.map((name) => (
              <li key={name}>
                <button type="button" aria-current={view === name ? 'page' : undefined} onClick={() => setView(name)}>
                  {t(`nav.${name}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <span className="spacer" />
        <div className="field inline">
          <label htmlFor={ids.profile}>{t('profile.active')}</label>
          <select id={ids.profile} value={activeId ?? ''} onChange={(e) => switchProfile(e.target.value || null)} disabled={sweeping}>
            {profiles.length === 0 ? <option value="">{t('profile.none')}</option> : null}
            {profiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </select>
          {production ? <span className="badge badge-production">{t('profile.productionBadge')}</span> : null}
        </div>
        <div className="field inline">
          <label htmlFor={ids.language}>{t('settings.language')}</label>
          <select id={ids.language} value={settings.language} onChange={(e) => setLanguage(e.target.value as Settings['language'])}>
            <option value="system">{t('settings.system')}</option>
            {LANGUAGES.map((language: Language) => (
              <option key={language} value={language} lang={language}>
                {t(`settings.languages.${language}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={ids.theme}>{t('settings.theme')}</label>
          <select id={ids.theme} value={settings.theme} onChange={(e) => setTheme(e.target.value as Settings['theme'])}>
            <option value="system">{t('settings.system')}</option>
            <option value="light">{t('settings.light')}</option>
            <option value="dark">{t('settings.dark')}</option>
          </select>
        </div>
      </header>
      <Banner />
      <main className="main">
        {view === 'bots' ? <BotsView /> : null}
        <Suspense fallback={null}>
          {view === 'history' ? <HistoryView /> : null}
          {view === 'profiles' ? <ProfilesView /> : null}
        </Suspense>
      </main>
    </div>
  );
}
