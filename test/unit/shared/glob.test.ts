import { describe, expect, it } from 'vitest';
import { globMatcher, globProblem, globToRegExp } from '../../../shared/glob.js';

describe('globs', () => {
  it('match whole accounts with * and ?, and nothing else is special', () => {
    const prod = globToRegExp('@RBT#prod-*');
    expect(prod.test('@RBT#prod-1')).toBe(true);
    expect(prod.test('@RBT#staging-1')).toBe(false);
    expect(prod.test('x@RBT#prod-1')).toBe(false);
    expect(globToRegExp('@RBT#a?c').test('@RBT#abc')).toBe(true);
    expect(globToRegExp('@RBT#a.c').test('@RBT#abc')).toBe(false);
    expect(globToRegExp('(x)[y]+').test('(x)[y]+')).toBe(true);
  });

  it('ignore case for nicknames when asked', () => {
    expect(globToRegExp('weather*', true).test('Weather bot 3')).toBe(true);
    expect(globToRegExp('weather*').test('Weather bot 3')).toBe(false);
  });

  it('match any of several, and skip unusable ones', () => {
    const protectedAccount = globMatcher(['@RBT#prod-*', '', '@RBT#keep']);
    expect(protectedAccount('@RBT#prod-7')).toBe(true);
    expect(protectedAccount('@RBT#keep')).toBe(true);
    expect(protectedAccount('@RBT#other')).toBe(false);
  });

  it('say what is wrong with a pattern', () => {
    expect(globProblem(' ')).toMatch(/empty/);
    expect(globProblem('x'.repeat(65))).toMatch(/longer than 64/);
    expect(globProblem('@RBT#\u202e*')).toMatch(/U\+202E/);
    expect(globProblem('@RBT#*')).toBeNull();
  });
});
