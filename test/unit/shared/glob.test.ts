// The one glob matcher (Select matching, --match, protected accounts) and the rule for patterns over accounts.
import { describe, expect, it } from 'vitest';
import { accountPatternProblem, compileGlob, globMatcher, globMatches } from '../../../shared/glob.js';

describe('globs', () => {
  it.each([
    ['@RBT#prod-*', '@RBT#prod-1', true],
    ['@RBT#prod-*', '@RBT#prod-', true],
    ['@RBT#prod-*', '@RBT#staging-1', false],
    ['@RBT#prod-*', 'x@RBT#prod-1', false],
    ['@RBT#a?c', '@RBT#abc', true],
    ['@RBT#a?c', '@RBT#ac', false],
    ['@RBT#a.c', '@RBT#abc', false],
    ['(x)[y]+', '(x)[y]+', true],
    ['*', '', true],
    ['*prod*-bot', '@RBT#a-prod-x-bot', true],
    ['*prod*-bot', '@RBT#a-prod-x-bots', false],
    ['*a*a*b', 'aab', true],
    ['*a*a*b', 'aba', false],
    ['@RBT#*x*', '@RBT#', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['@RBT#天*', '@RBT#天气', true],
    ['@RBT#?', '@RBT#天', true],
  ])('%s against %s: %s', (glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });

  it('is case-sensitive, like account IDs', () => {
    expect(globMatches('@RBT#Prod*', '@RBT#prod-1')).toBe(false);
  });

  it('matches any of several', () => {
    const protectedAccount = globMatcher(['@RBT#prod-*', '@RBT#keep']);
    expect(protectedAccount('@RBT#prod-7')).toBe(true);
    expect(protectedAccount('@RBT#keep')).toBe(true);
    expect(protectedAccount('@RBT#other')).toBe(false);
  });

  it('settles the globs a backtracking matcher chokes on (their cost is in npm run bench)', () => {
    const matches = compileGlob('*a*a*a*a*a*a*a*a*b');
    expect(matches(`@RBT#${'a'.repeat(27)}`)).toBe(false);
    expect(matches(`@RBT#${'a'.repeat(26)}b`)).toBe(true);
    expect(matches(`@RBT#${'a'.repeat(7)}b`)).toBe(false);
  });
});

describe('patterns over chatbot accounts', () => {
  it.each([
    ['', /empty/],
    ['x'.repeat(65), /longer than 64/],
    ['@RBT#\u202e*', /U\+202E/],
    ['prod-*', /cannot match a chatbot account: they start with @RBT#/],
    ['@RBT#x ', /whitespace at its end/],
    [' @RBT#x', /whitespace at its start/],
    ['@RBT# x', /whitespace at position 6/],
    ['@RBT#', /something must follow @RBT#/],
    [`@RBT#${'x'.repeat(28)}`, /longer than any chatbot account/],
  ])('refuses %j', (glob, reason) => {
    expect(accountPatternProblem(glob)).toMatch(reason);
  });

  it.each(['@RBT#*', '*', '?RBT#x', '@RB*', '*prod*', '@RBT#prod-??'])('accepts %j', (glob) => {
    expect(accountPatternProblem(glob)).toBeNull();
  });
});
