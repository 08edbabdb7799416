// The translator: nested keys, English fallback, the key itself when nothing has words; {{value}} and
// {{value, number}} filled in the interface language's way; the plural form by the language's rules.
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../renderer/src/i18n/en.js';
import { createTranslator } from '../../../../renderer/src/i18n/translate.js';

const english = {
  a: { b: 'deep {{name}}' },
  bots: '{{count, number}} bots',
  bots_one: 'one bot',
  only: 'only in English',
  mixed: '{{n, number}} of {{total, number}}, {{label}}',
} as unknown as Catalog;
const korean = { a: { b: '깊이 {{name}}' }, bots: '봇 {{count, number}}개' } as unknown as Catalog;

describe('the translator', () => {
  const en = createTranslator('en', english, english);
  const ko = createTranslator('ko', korean, english);
  const de = createTranslator('de', english, english);

  it('finds nested keys, falls back to English, then to the key (or a given default)', () => {
    expect(en.t('a.b', { name: 'x' })).toBe('deep x');
    expect(ko.t('a.b', { name: 'x' })).toBe('깊이 x');
    expect(ko.t('only')).toBe('only in English');
    expect(ko.t('nowhere.at.all')).toBe('nowhere.at.all');
    expect(ko.t('nowhere', { defaultValue: 'Singapore' })).toBe('Singapore');
    expect(en.t('a')).toBe('a'); // a group, not words
    expect([en.exists('a.b'), en.exists('a'), ko.exists('only'), ko.exists('nope')]).toEqual([true, false, true, false]);
  });

  it('chooses the plural form by the language’s rules', () => {
    expect(en.t('bots', { count: 1 })).toBe('one bot');
    expect(en.t('bots', { count: 0 })).toBe('0 bots');
    expect(ko.t('bots', { count: 1 })).toBe('봇 1개');
  });

  it('formats numbers in the language’s way and leaves a missing value visible', () => {
    expect(en.t('bots', { count: 12345 })).toBe('12,345 bots');
    expect(de.t('bots', { count: 12345 })).toBe('12.345 bots');
    expect(en.t('mixed', { n: 1000, total: 2000, label: 7 })).toBe('1,000 of 2,000, 7');
    expect(en.t('mixed', { n: 1, total: 2 })).toBe('1 of 2, {{label}}');
    expect(en.t('mixed', { n: 1, total: 2, label: null })).toBe('1 of 2, ');
  });
});
