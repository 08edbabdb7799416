import { beforeEach, describe, expect, it } from 'vitest';
import { useBots } from '../../../renderer/src/store/bots.js';

const rows = Array.from({ length: 10 }, (_, i) => `@RBT#b${i}`);
const state = () => useBots.getState();

beforeEach(() => {
  state().reset();
  useBots.setState({ rows, filtered: rows, filter: '' });
});

describe('bots store', () => {
  it('toggles one account and remembers it as the anchor', () => {
    state().toggle('@RBT#b2');
    expect([...state().selected]).toEqual(['@RBT#b2']);
    expect(state().anchor).toBe(2);
    state().toggle('@RBT#b2');
    expect(state().selected.size).toBe(0);
  });

  it('extends a shift-click range from the anchor, in either direction, with the anchor’s state', () => {
    state().toggle('@RBT#b5');
    state().toggle('@RBT#b2', { range: true });
    expect([...state().selected].sort()).toEqual(['@RBT#b2', '@RBT#b3', '@RBT#b4', '@RBT#b5']);
    state().toggle('@RBT#b5'); // unselects b5, anchor b5 (now off)
    state().toggle('@RBT#b3', { range: true });
    expect([...state().selected]).toEqual(['@RBT#b2']);
  });

  it('selects all shown rows only, keeping earlier selections outside the filter', () => {
    state().toggle('@RBT#b0');
    state().setFilter('b1');
    expect(state().filtered).toEqual(['@RBT#b1']);
    state().selectAllFiltered();
    expect([...state().selected].sort()).toEqual(['@RBT#b0', '@RBT#b1']);
    state().setFilter('');
    state().selectAllFiltered();
    expect(state().selected.size).toBe(10);
  });

  it('adds pasted accounts once, selected, and marks them', () => {
    state().addPasted(['@RBT#b1', '@RBT#new']);
    expect(state().rows).toHaveLength(11);
    expect([...state().pasted]).toEqual(['@RBT#new']);
    expect([...state().selected].sort()).toEqual(['@RBT#b1', '@RBT#new']);
  });

  it('drops deleted accounts from the selection after a sweep, and forgets everything on reset', () => {
    state().selectAllFiltered();
    state().applyResults([
      { account: '@RBT#b0', status: 'deleted', errorCode: null, errorInfo: null, attempts: 1 },
      { account: '@RBT#b1', status: 'failed', errorCode: 10004, errorInfo: 'x', attempts: 1 },
    ]);
    state().deselectDeleted();
    expect(state().selected.has('@RBT#b0')).toBe(false);
    expect(state().selected.has('@RBT#b1')).toBe(true);
    expect(state().status.get('@RBT#b1')).toBe('failed');
    state().reset();
    expect(state().rows).toEqual([]);
    expect(state().selected.size).toBe(0);
  });

  it('selects 10,000 rows as one set', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `@RBT#m${i}`);
    useBots.setState({ rows: many, filtered: many });
    state().selectAllFiltered();
    expect(state().selected.size).toBe(10_000);
  });
});

describe('bots store: settled rows and stale answers', () => {
  const result = (account: string, status: 'deleted' | 'absent' | 'failed') => ({
    account,
    status,
    errorCode: null,
    errorInfo: null,
    attempts: 1,
  });

  it('never selects deleted or absent rows again: after 2 of 6 are settled, select all takes 4', () => {
    const six = rows.slice(0, 6);
    useBots.setState({ rows: six, filtered: six });
    state().applyResults([result('@RBT#b0', 'deleted'), result('@RBT#b3', 'absent'), result('@RBT#b4', 'failed')]);
    state().selectAllFiltered();
    expect([...state().selected].sort()).toEqual(['@RBT#b1', '@RBT#b2', '@RBT#b4', '@RBT#b5']);
    state().toggle('@RBT#b0');
    state().setSelected(six);
    expect(state().selected.has('@RBT#b0')).toBe(false);
    expect(state().selected.has('@RBT#b3')).toBe(false);
    state().clearSelection();
    state().toggle('@RBT#b5');
    state().toggle('@RBT#b1', { range: true }); // the range skips the settled b3
    expect([...state().selected].sort()).toEqual(['@RBT#b1', '@RBT#b2', '@RBT#b4', '@RBT#b5']);
  });

  it('drops a list that arrives for a profile that is no longer the owner, or for an older request', async () => {
    const A = '00000000-0000-4000-8000-00000000000a';
    const B = '00000000-0000-4000-8000-00000000000b';
    const pending = new Map<string, (value: unknown) => void>();
    const list = (payload: { profileId: string }) => new Promise((resolve) => pending.set(payload.profileId, resolve));
    (globalThis as { window?: unknown }).window = { botsweep: { bots: { list } } };
    try {
      state().reset(A);
      const slowA = state().refresh(A);
      state().reset(B); // the user switched to B while A loads
      const fastB = state().refresh(B);
      pending.get(B)!({ ok: true, value: { accounts: ['@RBT#fromB'], profileId: B } });
      await fastB;
      pending.get(A)!({ ok: true, value: { accounts: ['@RBT#fromA'], profileId: A } });
      await slowA;
      expect(state().owner).toBe(B);
      expect(state().rows).toEqual(['@RBT#fromB']);
      expect(state().loading).toBe(false);
    } finally {
      delete (globalThis as { window?: unknown }).window;
    }
  });
});
