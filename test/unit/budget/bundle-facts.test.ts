// The renderer budget's judgement (test/budget/bundle-facts.ts) on made-up bundles: over 110 KB at start (with the
// largest catalog), an on-demand chunk over 10 KB, or zod anywhere fails; the real build is judged by npm run test:budget.
import { describe, expect, it } from 'vitest';
import { budgetProblems, worstStartBytes, type ChunkSize } from '../../budget/bundle-facts.js';

const KB = 1024;
const chunk = (file: string, kb: number, extra: Partial<ChunkSize> = {}): ChunkSize => ({
  file,
  onDemand: false,
  gzipBytes: Math.round(kb * KB),
  catalog: false,
  zod: [],
  ...extra,
});
const catalog = (file: string, kb: number) => chunk(file, kb, { onDemand: true, catalog: true });

describe('the renderer budget', () => {
  it('holds for a start of 100 KB with a 6 KB catalog and small views on demand', () => {
    const bundle = [chunk('index.js', 100), catalog('ko.js', 6), catalog('zh-CN.js', 5), chunk('History.js', 2, { onDemand: true })];
    expect(worstStartBytes(bundle)).toBe(106 * KB);
    expect(budgetProblems(bundle)).toEqual([]);
  });

  it('counts the largest catalog into the start: 105 + 6 KB is over', () => {
    expect(budgetProblems([chunk('index.js', 105), catalog('ko.js', 6)])).toEqual([
      'a start loads 111.0 KB of JS gzip before its first paint, over the 110 KB budget',
    ]);
  });

  it('fails on an on-demand chunk over 10 KB, on zod in any chunk, and on facts without a start chunk', () => {
    expect(budgetProblems([chunk('index.js', 50), chunk('big.js', 11, { onDemand: true })])).toEqual([
      'big.js, loaded on demand, is 11.0 KB gzip, over 10 KB',
    ]);
    expect(budgetProblems([chunk('index.js', 50, { zod: ['node_modules/zod/v4/core/core.js', 'ZodError'] })])[0]).toMatch(
      /index\.js carries zod/,
    );
    expect(budgetProblems([catalog('ko.js', 6)])).toContain('no chunk loads at start: the build facts are incomplete');
  });
});
