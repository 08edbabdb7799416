// The translator: a key looked up in the interface language's catalog (else English, else the key itself), its
// {{value}} and {{value, number}} filled in (numbers by Intl.NumberFormat), and the plural form chosen by
// Intl.PluralRules (`key_one`, else `key`). That is all the catalogs use of i18next, which with its React binding was
// 19 KB gzip of the renderer's 110 KB budget and a third of the first render's time.
import type { Catalog } from './en';

export type Values = Readonly<Record<string, unknown>>;
export type Translate = (key: string, values?: Values) => string;

export interface Translator {
  readonly language: string;
  readonly t: Translate;
  /** Whether the catalogs have words for `key` (in this language or in English). */
  exists(key: string): boolean;
}

const PLACEHOLDER = /{{\s*(\w+)\s*(?:,\s*(\w+)\s*)?}}/g;

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function createTranslator(language: string, catalog: Catalog, fallback: Catalog): Translator {
  // Made on first use: creating either costs a few milliseconds the first time a page does it.
  let plurals: Intl.PluralRules | null = null;
  let numbers: Intl.NumberFormat | null = null;
  const find = (key: string) => lookup(catalog, key) ?? lookup(fallback, key);
  const fill = (text: string, values: Values) =>
    text.replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => {
      const value = values[name];
      if (value === undefined) return whole;
      if (value === null) return '';
      if (format === 'number' && typeof value === 'number') return (numbers ??= new Intl.NumberFormat(language)).format(value);
      return String(value);
    });
  const t: Translate = (key, values = {}) => {
    const { count, defaultValue } = values;
    const plural = typeof count === 'number' ? find(`${key}_${(plurals ??= new Intl.PluralRules(language)).select(count)}`) : undefined;
    const text = plural ?? find(key) ?? (typeof defaultValue === 'string' ? defaultValue : key);
    return text.includes('{{') ? fill(text, values) : text;
  };
  return { language, t, exists: (key) => find(key) !== undefined };
}
