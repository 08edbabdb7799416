// Renderer entry: asks for everything the first paint needs at once (settings, profiles, a running sweep, and the
// likely language's catalog), paints once the settings and that catalog are in, and follows main's sweep events.
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { botsweep, call } from './api';
import { App } from './components/App';
import { attachRunningSweep, connectSweepEvents, loadProfiles } from './controller';
import { changeLanguage, likelyLanguage, loadCatalog, resolveLanguage, setUpI18n } from './i18n';
import { useApp } from './store/app';
import { applyTheme, watchSystemTheme } from './theme';
import './styles.css';

async function boot(): Promise<void> {
  setUpI18n();
  const settings = call(botsweep().settings.get({})).catch(() => DEFAULT_SETTINGS);
  void loadCatalog(likelyLanguage()).catch(() => undefined);
  connectSweepEvents();
  const profiles = loadProfiles();
  const running = attachRunningSweep().catch((error: unknown) => useApp.getState().showError(error));

  const chosen = await settings;
  useApp.setState({ settings: chosen });
  applyTheme(chosen.theme);
  watchSystemTheme(() => useApp.getState().settings.theme);
  // No catalog (a failed fetch): English rather than nothing.
  await changeLanguage(resolveLanguage(chosen.language)).catch(() => undefined);
  createRoot(document.getElementById('root')!).render(<App />);
  await Promise.all([profiles, running]);
}

void boot();
