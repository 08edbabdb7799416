// Renderer entry: settings first (language, theme), then the app, the profiles and main's sweep events.
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { botsweep, call } from './api';
import { App } from './components/App';
import { initI18n, resolveLanguage } from './i18n';
import { useApp } from './store/app';
import { connectSweepEvents, useSweep } from './store/sweep';
import { applyTheme, watchSystemTheme } from './theme';
import './styles.css';

async function boot(): Promise<void> {
  const settings = await call(botsweep().settings.get({})).catch(() => DEFAULT_SETTINGS);
  useApp.setState({ settings });
  applyTheme(settings.theme);
  watchSystemTheme(() => useApp.getState().settings.theme);
  initI18n(resolveLanguage(settings.language));
  connectSweepEvents();
  createRoot(document.getElementById('root')!).render(<App />);
  await useApp.getState().loadProfiles();
  // A window reloaded or opened while a sweep runs shows it, with its progress.
  await useSweep
    .getState()
    .attach()
    .catch((error: unknown) => useApp.getState().showError(error));
}

void boot();
