// i18next set up with the three catalogs; the language follows the OS unless the user picks one.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language, type Settings } from '../../../shared/settings';
import { en } from './en';
import { ko } from './ko';
import { zhCN } from './zh-CN';

export const CATALOGS = { en, 'zh-CN': zhCN, ko } as const;

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

export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGS[lng] }])),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Dates in the interface language (numbers go through i18next's Intl-backed `number` format). */
export function formatDateTime(iso: string, language: string = i18next.language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
