// Applies the theme: the OS's light or dark unless the user fixed one.
import type { Settings, Theme } from '../../shared/settings';

const media = () => window.matchMedia('(prefers-color-scheme: dark)');

export function resolveTheme(setting: Settings['theme']): Theme {
  if (setting !== 'system') return setting;
  return media().matches ? 'dark' : 'light';
}

export function applyTheme(setting: Settings['theme']): void {
  document.documentElement.dataset.theme = resolveTheme(setting);
}

/** Follows OS changes while the setting is "system". */
export function watchSystemTheme(current: () => Settings['theme']): () => void {
  const query = media();
  const onChange = () => {
    if (current() === 'system') applyTheme('system');
  };
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
