// Renderer entry: takes the answers the page asked for before this code even downloaded (renderer/early.js: settings,
// profiles, a running sweep), fetches the likely language's catalog meanwhile, paints once they are in (no flash of
// English, no "no profile" before the profiles), and follows main's sweep events.
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { botsweep, call, type EarlyAnswers } from './api';
import { App } from './components/App';
import { attachRunningSweep, connectSweepEvents, loadProfiles } from './controller';
import { changeLanguage, likelyLanguage, loadCatalog, resolveLanguage } from './i18n';
import { useApp } from './store/app';
import { applyTheme, watchSystemTheme } from './theme';
import './styles.css';

/** The early answers, or the same questions asked now (a page without early.js, such as a test's). */
function earlyAnswers(): EarlyAnswers {
  return (
    window.botsweepEarly ?? {
      settings: botsweep().settings.get({}),
      profiles: botsweep().profiles.list({}),
      running: botsweep().sweep.status({}),
    }
  );
}

async function boot(): Promise<void> {
  const early = earlyAnswers();
  void loadCatalog(likelyLanguage()).catch(() => undefined);
  connectSweepEvents();
  const profiles = loadProfiles(early.profiles);
  // After the profiles: a reloaded window shows the running sweep under its own profile, with its rows.
  const running = attachRunningSweep(early.running, profiles).catch((error: unknown) => useApp.getState().showError(error));

  const settings = await call(early.settings).catch(() => DEFAULT_SETTINGS);
  useApp.setState({ settings });
  applyTheme(settings.theme);
  watchSystemTheme(() => useApp.getState().settings.theme);
  // No catalog (a failed fetch): English rather than nothing.
  await Promise.all([changeLanguage(resolveLanguage(settings.language)).catch(() => undefined), profiles]);
  createRoot(document.getElementById('root')!).render(<App />);
  await running;
}

void boot();
