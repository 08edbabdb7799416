// Know what you delete, in the renderer's state: nicknames fetched 100 a call and dropped when the list changed
// hands, filter and sort by nickname, protected rows out of every selection, globs, failure groups, start payload.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupFailures } from '../../../renderer/src/components/FailureGroups.js';
import { matchingRows } from '../../../renderer/src/components/SelectMatchingDialog.js';
import { deleteConfirmed } from '../../../renderer/src/controller.js';
import { useBots } from '../../../renderer/src/store/bots.js';
import { lockedOf, selectionOf, shownOf } from '../../../renderer/src/store/bots-derive.js';
import { useProfiles } from '../../../renderer/src/store/profiles.js';
import type { ProfileView } from '../../../shared/profile.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const state = () => useBots.getState();
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const setApi = (api: unknown) => ((globalThis as { window?: unknown }).window = { botsweep: api });

const profile = (id: string, globs: string[] = []): ProfileView => ({
  id,
  name: `P-${id.slice(-1)}`,
  target: { kind: 'region', region: 'singapore' },
  sdkAppId: 1400000000,
  identifier: 'administrator',
  secretStorage: 'session',
  protected: globs,
  createdAt: '',
  updatedAt: '',
  hasSecret: true,
});
const protect = (globs: string[]) => useProfiles.setState({ profiles: [profile(A, globs), profile(B)], activeProfileId: A });
const selected = () => [...selectionOf(state())];

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  state().reset();
  useProfiles.setState({ profiles: [], activeProfileId: null });
});

describe('nicknames', () => {
  it('are fetched after the list, 100 accounts a call, one call at a time', async () => {
    const accounts = Array.from({ length: 250 }, (_, i) => `@RBT#n${i}`);
    const calls: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const nicknames = vi.fn(async ({ accounts: asked }: { accounts: string[] }) => {
      calls.push(asked.length);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return { ok: true as const, value: { profileId: A, nicknames: Object.fromEntries(asked.map((a) => [a, `Nick ${a.slice(5)}`])) } };
    });
    setApi({ bots: { list: () => ok({ accounts, profileId: A }), nicknames } });
    state().reset(A);
    await state().refresh(A);
    // The list is there before any nickname.
    expect(state().rows).toHaveLength(250);
    await vi.waitFor(() => expect(state().nicknames.size).toBe(250));
    expect(calls).toEqual([100, 100, 50]);
    expect(maxInFlight).toBe(1);
  });

  it('are dropped when the list changed hands meanwhile', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const nicknames = () => new Promise((resolve) => (answer = resolve));
    setApi({ bots: { list: () => ok({ accounts: ['@RBT#a1'], profileId: A }), nicknames } });
    state().reset(A);
    await state().refresh(A);
    state().reset(B);
    answer({ ok: true, value: { profileId: A, nicknames: { '@RBT#a1': 'From A' } } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state().owner).toBe(B);
    expect(state().nicknames.size).toBe(0);
  });
});

describe('filter, sort and protected rows', () => {
  const rows = ['@RBT#c3', '@RBT#a1', '@RBT#b2', '@RBT#prod1'];
  beforeEach(() => {
    state().reset(A);
    useBots.setState({
      filter: '',
      sort: 'account',
      descending: false,
      rows,
      nicknames: new Map([
        ['@RBT#c3', 'Alpha bot 10'],
        ['@RBT#a1', 'alpha bot 9'],
        ['@RBT#prod1', 'Prod'],
      ]),
    });
  });

  it('filters by account or nickname (any case) and sorts by account, nickname or status, either way', () => {
    state().setFilter('ALPHA');
    expect(shownOf(state())).toEqual(['@RBT#a1', '@RBT#c3']);
    state().setFilter('');
    state().setSort('nickname');
    // Natural order ("9" before "10"), any case; rows without a nickname last.
    expect(shownOf(state())).toEqual(['@RBT#a1', '@RBT#c3', '@RBT#prod1', '@RBT#b2']);
    state().setSort('account');
    expect(shownOf(state())).toEqual(['@RBT#a1', '@RBT#b2', '@RBT#c3', '@RBT#prod1']);
    state().setSort('account');
    expect(state().descending).toBe(true);
    expect(shownOf(state())).toEqual(['@RBT#prod1', '@RBT#c3', '@RBT#b2', '@RBT#a1']);
    // By status: what needs work first, settled ones next, rows without a status last.
    useBots.setState({
      status: new Map([
        ['@RBT#b2', 'deleted'],
        ['@RBT#prod1', 'failed'],
      ]),
    });
    state().setSort('status');
    expect(state().descending).toBe(false);
    expect(shownOf(state())).toEqual(['@RBT#prod1', '@RBT#b2', '@RBT#a1', '@RBT#c3']);
  });

  it('sorts account IDs in natural order: bot2 before bot10', () => {
    useBots.setState({ rows: ['@RBT#bot10', '@RBT#bot2', '@RBT#Bot1'] });
    expect(shownOf(state())).toEqual(['@RBT#Bot1', '@RBT#bot2', '@RBT#bot10']);
  });

  it('never lets a protected row into the selection: toggle, select all, setSelected, paste, and drops it when protected later', () => {
    protect([]);
    state().toggle('@RBT#prod1');
    protect(['@RBT#prod*']);
    expect(selected()).toEqual([]);
    expect([...lockedOf(state())]).toEqual(['@RBT#prod1']);
    state().toggle('@RBT#prod1');
    expect(selected()).toEqual([]);
    state().selectAllShown();
    expect(selected().sort()).toEqual(['@RBT#a1', '@RBT#b2', '@RBT#c3']);
    state().clearSelection();
    state().setSelected(rows);
    expect(selected()).not.toContain('@RBT#prod1');
    state().clearSelection();
    state().addPasted(['@RBT#prod2', '@RBT#new']);
    expect(selected()).toEqual(['@RBT#new']);
    expect(lockedOf(state()).has('@RBT#prod2')).toBe(true);
  });

  it('matches a glob over the account ID only (case counts), as --match does, never protected or settled rows', () => {
    protect(['@RBT#prod1']);
    const facts = () => ({ ...state(), locked: lockedOf(state()) });
    expect(matchingRows('alpha*', facts())).toEqual([]); // a nickname is not matched, and the pattern cannot match an account
    expect(matchingRows('@RBT#?1', facts())).toEqual(['@RBT#a1']);
    expect(matchingRows('@rbt#*', facts())).toEqual([]);
    expect(matchingRows('*', facts())).toEqual(['@RBT#c3', '@RBT#a1', '@RBT#b2']);
    state().applyResults([{ account: '@RBT#a1', status: 'deleted', errorCode: null, errorInfo: null, attempts: 1 }]);
    expect(matchingRows('*', facts())).toEqual(['@RBT#c3', '@RBT#b2']);
    expect(matchingRows('   ', facts())).toEqual([]);
  });
});

describe('failures by reason', () => {
  it('groups failed and unconfirmed accounts by error code, biggest group first; others are left out', () => {
    const result = (account: string, status: 'failed' | 'unconfirmed' | 'deleted', errorCode: number | null) => ({
      account,
      status,
      errorCode,
    });
    const groups = groupFailures([
      result('@RBT#1', 'failed', 10002),
      result('@RBT#2', 'unconfirmed', null),
      result('@RBT#3', 'failed', 10002),
      result('@RBT#4', 'deleted', null),
      result('@RBT#5', 'failed', 60007),
    ]);
    expect(groups.map((group) => [group.key, group.accounts])).toEqual([
      ['code-10002', ['@RBT#1', '@RBT#3']],
      ['unconfirmed', ['@RBT#2']],
      ['code-60007', ['@RBT#5']],
    ]);
  });
});

describe('sweep.start payload', () => {
  it('carries nicknames only for the confirmed accounts that have one, and the typed production name', async () => {
    const start = vi.fn(() => ok({ batchId: 'b1' }));
    setApi({ sweep: { start } });
    protect([]);
    state().reset(A);
    useBots.setState({
      nicknames: new Map([
        ['@RBT#x', 'X'],
        ['@RBT#other', 'Not confirmed'],
      ]),
    });
    const never = () => Promise.resolve(false);
    await deleteConfirmed({ profileId: A, accounts: ['@RBT#x', '@RBT#y'], confirmation: 'Prod' }, never);
    expect(start).toHaveBeenLastCalledWith({
      profileId: A,
      accounts: ['@RBT#x', '@RBT#y'],
      nicknames: { '@RBT#x': 'X' },
      confirmation: 'Prod',
    });
    await deleteConfirmed({ profileId: A, accounts: ['@RBT#y'] }, never);
    expect(start).toHaveBeenLastCalledWith({ profileId: A, accounts: ['@RBT#y'] });
  });
});
