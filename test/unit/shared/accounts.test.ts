// Chatbot accounts (shared/accounts.ts): the account rule and the line, comma and tab parser with its line-numbered
// reasons.
import { describe, expect, it } from 'vitest';
import { parseAccountList, robotAccountProblem, utf8Length, describeInvalidAccounts } from '../../../shared/accounts.js';

describe('robotAccountProblem', () => {
  const thirtyTwo = '@RBT#' + 'a'.repeat(27);
  // '中' is 3 bytes in UTF-8: 5 + 9*3 = 32 bytes in 14 characters; one more ASCII char makes 33.
  const cjk32 = '@RBT#' + '中'.repeat(9);
  const cjk33 = cjk32 + 'x';
  const emoji = '@RBT#' + '😀'.repeat(6) + 'abc'; // 5 + 24 + 3 = 32

  it.each([
    ['@RBT#001', null],
    [thirtyTwo, null],
    [thirtyTwo + 'b', 'too-long'],
    [cjk32, null],
    [cjk33, 'too-long'],
    [emoji, null],
    [emoji + 'd', 'too-long'],
    ['', 'empty'],
    ['@RBT#', 'prefix-only'],
    ['RBT#001', 'missing-prefix'],
    ['@rbt#001', 'missing-prefix'],
    ['bot001', 'missing-prefix'],
    ['@RBT# 001', 'whitespace'],
    ['@RBT#\u3000x', 'whitespace'],
    ['@RBT#a\u0000b', 'control-character'],
    ['@RBT#a\u007fb', 'control-character'],
    [42, 'empty'],
  ])('%j → %s', (input, problem) => {
    expect(robotAccountProblem(input)).toBe(problem);
  });

  it('measures UTF-8 bytes, not characters', () => {
    expect(utf8Length(cjk32)).toBe(32);
    expect(cjk32.length).toBe(14);
    expect(utf8Length(cjk33)).toBe(33);
  });
});

describe('parseAccountList', () => {
  it('accepts lines, commas and tabs, trims, skips blanks and keeps first order without duplicates', () => {
    const parsed = parseAccountList('\uFEFF@RBT#b\r\n\n  @RBT#a , @RBT#c\t@RBT#b\n\n@RBT#a\n');
    expect(parsed.accounts).toEqual(['@RBT#b', '@RBT#a', '@RBT#c']);
    expect(parsed.duplicates).toBe(2);
    // Which ones repeated, each named once.
    expect(parsed.duplicated).toEqual(['@RBT#b', '@RBT#a']);
    expect(parsed.invalid).toEqual([]);
  });

  it('reports every invalid entry with its line number and reason', () => {
    const parsed = parseAccountList('@RBT#ok\nbot1, @RBT#fine\n\n@RBT#' + 'x'.repeat(28) + '\n@RBT#\n');
    expect(parsed.accounts).toEqual(['@RBT#ok', '@RBT#fine']);
    expect(parsed.invalid.map((entry) => [entry.line, entry.value, entry.problem])).toEqual([
      [2, 'bot1', 'missing-prefix'],
      [4, '@RBT#' + 'x'.repeat(28), 'too-long'],
      [5, '@RBT#', 'prefix-only'],
    ]);
    expect(describeInvalidAccounts(parsed.invalid)[0]).toBe('line 2: "bot1" — a chatbot account starts with @RBT#');
  });

  it('returns nothing for blank input', () => {
    expect(parseAccountList(' \n\t,\n')).toEqual({ accounts: [], invalid: [], duplicates: 0, duplicated: [] });
  });
});
