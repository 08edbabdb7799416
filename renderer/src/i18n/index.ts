// i18next with English in the bundle and the other catalogs loaded when chosen or detected (each its own chunk); the
// language follows the OS unless the user picks one. A language is switched to only once its catalog is in, so a
// Chinese or Korean user never sees English first.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, Settings } from '../../../shared/settings';
import { en, type Catalog } from './en';

/** The catalogs not in the bundle, each fetched the first time it is needed. */
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<Catalog>> = {
  'zh-CN': () => import('./zh-CN').then((module) => module.zhCN),
  ko: () => import('./ko').then((module) => module.ko),
};

/** The best of our languages for the OS's preferences. */
export function systemLanguage(preferred: readonly string[] = navigator.languages): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('ko')) return 'ko';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function resolveLanguage(setting: Settings['language']): Language {
  return setting === 'system' ? systemLanguage() : setting;
}

/** The language the last start or change resolved to: the next start fetches its catalog before the settings say so. */
const LANGUAGE_HINT = 'botsweep.language';

export function likelyLanguage(): Language {
  const hint = localStorage.getItem(LANGUAGE_HINT);
  return hint === 'en' || hint === 'zh-CN' || hint === 'ko' ? hint : systemLanguage();
}

const catalogs = new Map<Language, Promise<Catalog>>([['en', Promise.resolve(en)]]);

/** A language's catalog, fetched once; safe to call early, to overlap the fetch with other start-up work. */
export function loadCatalog(language: Language): Promise<Catalog> {
  let pending = catalogs.get(language);
  if (!pending) {
    pending = LOADERS[language as Exclude<Language, 'en'>]();
    // A failed fetch may be tried again later.
    pending.catch(() => catalogs.delete(language));
    catalogs.set(language, pending);
  }
  return pending;
}

/** Sets i18next up with English (at once: nothing to fetch); idempotent. */
export function setUpI18n(): typeof i18next {
  if (!i18next.isInitialized)
    void i18next.use(initReactI18next).init({
      resources: { en: { translation: en } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  return i18next;
}

/** Switches to `language` once its catalog is in (the interface never shows it half-translated). */
export async function changeLanguage(language: Language): Promise<void> {
  const catalog = await loadCatalog(language);
  setUpI18n();
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', catalog);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  localStorage.setItem(LANGUAGE_HINT, language);
}

/** Dates in the interface language (numbers go through i18next's Intl-backed `number` format). */
export function formatDateTime(iso: string, language: string = i18next.language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
