// The chatbot list's store: selection by click, shift-click range and select-all of the shown rows; pasted accounts;
// settled rows out of every selection; answers for another owner or an older request dropped; the selection the filter
// hides counted, Show selected only, and what a refresh takes out of the selection said.
import { beforeEach, describe, expect, it } from 'vitest';
import { useBots } from '../../../../renderer/src/store/bots.js';
import { hiddenCount, selectionOf, shownOf } from '../../../../renderer/src/store/bots-derive.js';
import { useProfiles } from '../../../../renderer/src/store/profiles.js';
import { profile } from '../helpers.js';

const rows = Array.from({ length: 10 }, (_, i) => `@RBT#b${i}`);
const state = () => useBots.getState();
const selected = () => [...selectionOf(state())].sort();
const result = (account: string, status: 'deleted' | 'absent' | 'failed') => ({
  account,
  status,
  errorCode: null,
  errorInfo: null,
  attempts: 1,
});

beforeEach(() => {
  state().reset();
  useBots.setState({ rows, filter: '', selectedOnly: false });
});

describe('bots store', () => {
  it('toggles one account and remembers it as the anchor', () => {
    state().toggle('@RBT#b2');
    expect(selected()).toEqual(['@RBT#b2']);
    expect(state().anchor).toBe('@RBT#b2');
    state().toggle('@RBT#b2');
    expect(selected()).toEqual([]);
  });

  it('extends a shift-click range from the anchor, in either direction, with the anchor’s state', () => {
    state().toggle('@RBT#b5');
    state().toggle('@RBT#b2', { range: true });
    expect(selected()).toEqual(['@RBT#b2', '@RBT#b3', '@RBT#b4', '@RBT#b5']);
    state().toggle('@RBT#b5'); // unselects b5, anchor b5 (now off)
    state().toggle('@RBT#b3', { range: true });
    expect(selected()).toEqual(['@RBT#b2']);
  });

  it('selects all shown rows only, keeping earlier selections outside the filter, and deselects the shown ones', () => {
    state().toggle('@RBT#b0');
    state().setFilter('b1');
    expect(shownOf(state())).toEqual(['@RBT#b1']);
    state().selectAllShown();
    expect(selected()).toEqual(['@RBT#b0', '@RBT#b1']);
    state().deselectShown();
    expect(selected()).toEqual(['@RBT#b0']);
    state().setFilter('');
    state().selectAllShown();
    expect(selected()).toHaveLength(10);
  });

  it('adds pasted accounts once, selected, and marks them', () => {
    state().addPasted(['@RBT#b1', '@RBT#new']);
    expect(state().rows).toHaveLength(11);
    expect([...state().pasted]).toEqual(['@RBT#new']);
    expect(selected()).toEqual(['@RBT#b1', '@RBT#new']);
  });

  it('drops settled accounts from the selection as results arrive, and forgets everything on reset', () => {
    state().selectAllShown();
    state().applyResults([result('@RBT#b0', 'deleted'), result('@RBT#b1', 'failed')]);
    expect(selected()).not.toContain('@RBT#b0');
    expect(state().picked.has('@RBT#b0')).toBe(false);
    expect(selected()).toContain('@RBT#b1');
    expect(state().status.get('@RBT#b1')).toBe('failed');
    state().reset();
    expect(state().rows).toEqual([]);
    expect(selected()).toEqual([]);
  });

  it('selects 10,000 rows as one set, and the selection is that same set (nothing to take out)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `@RBT#m${i}`);
    useBots.setState({ rows: many });
    state().selectAllShown();
    expect(state().picked.size).toBe(10_000);
    expect(selectionOf(state())).toBe(state().picked);
  });
});

describe('bots store: settled rows and stale answers', () => {
  it('never selects deleted or absent rows again: after 2 of 6 are settled, select all takes 4', () => {
    const six = rows.slice(0, 6);
    useBots.setState({ rows: six });
    state().applyResults([result('@RBT#b0', 'deleted'), result('@RBT#b3', 'absent'), result('@RBT#b4', 'failed')]);
    state().selectAllShown();
    expect(selected()).toEqual(['@RBT#b1', '@RBT#b2', '@RBT#b4', '@RBT#b5']);
    state().toggle('@RBT#b0');
    state().setSelected(six);
    expect(selected()).not.toContain('@RBT#b0');
    expect(selected()).not.toContain('@RBT#b3');
    state().clearSelection();
    state().toggle('@RBT#b5');
    state().toggle('@RBT#b1', { range: true }); // the range skips the settled b3
    expect(selected()).toEqual(['@RBT#b1', '@RBT#b2', '@RBT#b4', '@RBT#b5']);
  });

  it('drops a list that arrives for a profile that is no longer the owner, or for an older request', async () => {
    const A = '00000000-0000-4000-8000-00000000000a';
    const B = '00000000-0000-4000-8000-00000000000b';
    const pending = new Map<string, (value: unknown) => void>();
    const list = (payload: { profileId: string }) => new Promise((resolve) => pending.set(payload.profileId, resolve));
    const nicknames = async () => ({ ok: true, value: { profileId: B, nicknames: {} } });
    (globalThis as { window?: unknown }).window = { botsweep: { bots: { list, nicknames } } };
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

describe('bots store: the selection you can see', () => {
  it('counts the selected rows the filter hides, and Show selected only shows exactly the selection', () => {
    state().setSelected(['@RBT#b1', '@RBT#b2', '@RBT#b5']);
    state().setFilter('b1');
    expect(hiddenCount(selectionOf(state()), shownOf(state()))).toBe(2);
    state().setFilter('');
    expect(hiddenCount(selectionOf(state()), shownOf(state()))).toBe(0);
    state().setSelectedOnly(true);
    expect(shownOf(state())).toEqual(['@RBT#b1', '@RBT#b2', '@RBT#b5']);
    // The filter still applies on top: what it hides is counted.
    state().setFilter('b5');
    expect(shownOf(state())).toEqual(['@RBT#b5']);
    expect(hiddenCount(selectionOf(state()), shownOf(state()))).toBe(2);
  });

  it('a refresh keeps only selected rows still listed and selectable, and says which it dropped and why', async () => {
    const A = '00000000-0000-4000-8000-00000000000a';
    let listed = ['@RBT#b0', '@RBT#b1', '@RBT#b2', '@RBT#keep'];
    const list = () => Promise.resolve({ ok: true, value: { accounts: listed, profileId: A } });
    const nicknames = () => Promise.resolve({ ok: true, value: { profileId: A, nicknames: {} } });
    (globalThis as { window?: unknown }).window = { botsweep: { bots: { list, nicknames } } };
    try {
      useProfiles.setState({ profiles: [profile(A)], activeProfileId: A });
      state().reset(A);
      await state().refresh(A);
      state().setSelected(['@RBT#b0', '@RBT#b1', '@RBT#b2']);
      expect(state().notice).toBeNull();
      // Meanwhile another client deleted b0, and the app's guards now protect b1.
      listed = ['@RBT#b1', '@RBT#b2', '@RBT#keep'];
      useProfiles.setState({ profiles: [{ ...profile(A), guards: { protected: ['@RBT#b1'], production: null, unusable: [] } }] });
      await state().refresh(A);
      expect(selected()).toEqual(['@RBT#b2']);
      expect(state().notice).toEqual({ gone: ['@RBT#b0'], protected: ['@RBT#b1'], settled: [], duplicated: [] });
      state().dismissNotice();
      expect(state().notice).toBeNull();
    } finally {
      delete (globalThis as { window?: unknown }).window;
      useProfiles.setState({ profiles: [], activeProfileId: null });
    }
  });
});
