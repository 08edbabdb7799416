// The chatbot list of one profile: listed and pasted accounts, the filter, the selection and each account's live status.
// An answer for a profile that is no longer the list's owner, or for an older request, is dropped.
import { create } from 'zustand';
import { isDone, type AccountResult, type AccountStatus } from '../../../shared/sweep';
import { botsweep, call } from '../api';

interface BotsState {
  /** The profile whose accounts these are; every load and result is checked against it. */
  owner: string | null;
  /** Listed (from get_all_robots) then pasted accounts, in order, without duplicates. */
  rows: string[];
  pasted: Set<string>;
  filter: string;
  /** `rows` narrowed by the filter; kept in state so rendering never refilters. */
  filtered: string[];
  selected: Set<string>;
  /** Index in `filtered` of the last plain click, for shift-click ranges. */
  anchor: number | null;
  status: Map<string, AccountStatus>;
  /** Accounts settled as deleted or absent: shown greyed, never selectable, until the next refresh. */
  done: Set<string>;
  loading: boolean;
  loadedFor: string | null;
  refresh(profileId: string): Promise<void>;
  /** Empties the list and hands it to `owner`; answers still on their way for anyone else are dropped. */
  reset(owner?: string | null): void;
  setFilter(filter: string): void;
  toggle(account: string, options?: { range?: boolean }): void;
  setSelected(accounts: Iterable<string>): void;
  selectAllFiltered(): void;
  clearSelection(): void;
  addPasted(accounts: readonly string[]): void;
  applyResults(results: readonly AccountResult[]): void;
  /** Drops settled (deleted or absent) accounts from the selection. */
  deselectDeleted(): void;
}

function applyFilter(rows: string[], filter: string): string[] {
  const needle = filter.trim().toLowerCase();
  return needle ? rows.filter((row) => row.toLowerCase().includes(needle)) : rows;
}

/** Bumped by every refresh and reset: only the answer to the latest request of the current owner is kept. */
let generation = 0;

export const useBots = create<BotsState>((set, get) => ({
  owner: null,
  rows: [],
  pasted: new Set(),
  filter: '',
  filtered: [],
  selected: new Set(),
  anchor: null,
  status: new Map(),
  done: new Set(),
  loading: false,
  loadedFor: null,
  refresh: async (profileId) => {
    if (get().owner !== profileId) get().reset(profileId);
    const request = ++generation;
    set({ loading: true });
    try {
      const answer = await call(botsweep().bots.list({ profileId }));
      if (request !== generation || get().owner !== profileId || answer.profileId !== profileId) return;
      const { pasted, filter, selected } = get();
      const listed = new Set(answer.accounts);
      const rows = [...answer.accounts, ...[...pasted].filter((account) => !listed.has(account))];
      const present = new Set(rows);
      set({
        rows,
        filtered: applyFilter(rows, filter),
        selected: new Set([...selected].filter((account) => present.has(account))),
        status: new Map(),
        done: new Set(),
        loadedFor: profileId,
        anchor: null,
      });
    } catch (error) {
      // A failure of a request nobody waits for any more is not news.
      if (request === generation && get().owner === profileId) throw error;
    } finally {
      if (request === generation) set({ loading: false });
    }
  },
  reset: (owner = null) => {
    generation++;
    set({
      owner,
      rows: [],
      filtered: [],
      pasted: new Set(),
      selected: new Set(),
      status: new Map(),
      done: new Set(),
      anchor: null,
      loadedFor: null,
      loading: false,
    });
  },
  setFilter: (filter) => set({ filter, filtered: applyFilter(get().rows, filter), anchor: null }),
  toggle: (account, options = {}) => {
    const { filtered, selected, anchor, done } = get();
    if (done.has(account)) return;
    const index = filtered.indexOf(account);
    const next = new Set(selected);
    if (options.range && anchor !== null && index >= 0) {
      // Shift-click: the range takes the state the anchor row has.
      const on = selected.has(filtered[anchor]!);
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      for (let i = from; i <= to; i++) {
        if (on && !done.has(filtered[i]!)) next.add(filtered[i]!);
        else next.delete(filtered[i]!);
      }
    } else {
      if (next.has(account)) next.delete(account);
      else next.add(account);
      set({ anchor: index >= 0 ? index : null });
    }
    set({ selected: next });
  },
  setSelected: (accounts) => {
    const { done } = get();
    set({ selected: new Set(done.size ? [...accounts].filter((account) => !done.has(account)) : accounts) });
  },
  selectAllFiltered: () => {
    const { filtered, selected, filter, done } = get();
    const selectable = done.size ? filtered.filter((account) => !done.has(account)) : filtered;
    // With no filter this is every selectable row: one Set from the array, no per-row work beyond it.
    set({ selected: filter.trim() ? new Set([...selected, ...selectable]) : new Set(selectable) });
  },
  clearSelection: () => set({ selected: new Set(), anchor: null }),
  addPasted: (accounts) => {
    const { rows, pasted, filter, selected, done } = get();
    const present = new Set(rows);
    const added = accounts.filter((account) => !present.has(account));
    const nextRows = [...rows, ...added];
    set({
      rows: nextRows,
      filtered: applyFilter(nextRows, filter),
      pasted: new Set([...pasted, ...added]),
      selected: new Set([...selected, ...accounts.filter((account) => !done.has(account))]),
    });
  },
  deselectDeleted: () => {
    const { selected, done } = get();
    set({ selected: new Set([...selected].filter((account) => !done.has(account))) });
  },
  applyResults: (results) => {
    if (!results.length) return;
    const status = new Map(get().status);
    const done = new Set(get().done);
    for (const result of results) {
      status.set(result.account, result.status);
      if (isDone(result.status)) done.add(result.account);
      else done.delete(result.account);
    }
    set({ status, done });
  },
}));
