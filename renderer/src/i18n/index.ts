// The interface language: English in the bundle, the other catalogs loaded when chosen or detected (each its own
// chunk); it follows the OS unless the user picks one. A language is switched to only once its catalog is in, so a
// Chinese or Korean user never sees English first. `t` for code, `useTranslation` for views (they re-render on a change).
import { useSyncExternalStore } from 'react';
import type { Language, Settings } from '../../../shared/settings';
import { en, type Catalog } from './en';
import { createTranslator, type Translate, type Translator } from './translate';

export type { Translate } from './translate';

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

let current: Translator = createTranslator('en', en, en);
const listeners = new Set<() => void>();

/** Switches to `language` once its catalog is in (the interface never shows it half-translated). */
export async function changeLanguage(language: Language): Promise<void> {
  const catalog = await loadCatalog(language);
  current = createTranslator(language, catalog, en);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  if (typeof localStorage !== 'undefined') localStorage.setItem(LANGUAGE_HINT, language);
  listeners.forEach((listener) => listener());
}

export function currentLanguage(): string {
  return current.language;
}

/** The words for `key` in the interface language. */
export const t: Translate = (key, values) => current.t(key, values);

export function exists(key: string): boolean {
  return current.exists(key);
}

const snapshot = () => current;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For views: `t` in the interface language; the view re-renders when the language changes. */
export function useTranslation(): { readonly t: Translate; readonly language: string } {
  const translator = useSyncExternalStore(subscribe, snapshot, snapshot);
  return { t: translator.t, language: translator.language };
}

/** Dates in the interface language. */
export function formatDateTime(iso: string, language: string = current.language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** A duration in the interface language: "4.2 sec", "2 min 5 sec" (units from Intl, so no catalog needs them). */
export function formatDuration(ms: number, language: string = current.language): string {
  const unit = (value: number, name: 'second' | 'minute', digits = 0) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return unit(seconds, 'second', seconds < 10 ? 1 : 0);
  return `${unit(Math.floor(seconds / 60), 'minute')} ${unit(Math.round(seconds % 60), 'second')}`;
}
