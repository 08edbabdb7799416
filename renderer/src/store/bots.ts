// The chatbot list: listed and pasted accounts, the filter, the selection and each account's live status.
import { create } from 'zustand';
import type { AccountResult, AccountStatus } from '../../../shared/sweep';
import { botsweep, call } from '../api';

interface BotsState {
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
  loading: boolean;
  loadedFor: string | null;
  refresh(profileId: string): Promise<void>;
  reset(): void;
  setFilter(filter: string): void;
  toggle(account: string, options?: { range?: boolean }): void;
  setSelected(accounts: Iterable<string>): void;
  selectAllFiltered(): void;
  clearSelection(): void;
  addPasted(accounts: readonly string[]): void;
  applyResults(results: readonly AccountResult[]): void;
  /** Drops settled-as-deleted accounts from the selection. */
  deselectDeleted(): void;
}

function applyFilter(rows: string[], filter: string): string[] {
  const needle = filter.trim().toLowerCase();
  return needle ? rows.filter((row) => row.toLowerCase().includes(needle)) : rows;
}

export const useBots = create<BotsState>((set, get) => ({
  rows: [],
  pasted: new Set(),
  filter: '',
  filtered: [],
  selected: new Set(),
  anchor: null,
  status: new Map(),
  loading: false,
  loadedFor: null,
  refresh: async (profileId) => {
    set({ loading: true });
    try {
      const { accounts } = await call(botsweep().bots.list({ profileId }));
      const { pasted, filter, selected } = get();
      const listed = new Set(accounts);
      const rows = [...accounts, ...[...pasted].filter((account) => !listed.has(account))];
      const present = new Set(rows);
      set({
        rows,
        filtered: applyFilter(rows, filter),
        selected: new Set([...selected].filter((account) => present.has(account))),
        status: new Map(),
        loadedFor: profileId,
        anchor: null,
      });
    } finally {
      set({ loading: false });
    }
  },
  reset: () => set({ rows: [], filtered: [], pasted: new Set(), selected: new Set(), status: new Map(), anchor: null, loadedFor: null }),
  setFilter: (filter) => set({ filter, filtered: applyFilter(get().rows, filter), anchor: null }),
  toggle: (account, options = {}) => {
    const { filtered, selected, anchor } = get();
    const index = filtered.indexOf(account);
    const next = new Set(selected);
    if (options.range && anchor !== null && index >= 0) {
      // Shift-click: the range takes the state the anchor row has.
      const on = selected.has(filtered[anchor]!);
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      for (let i = from; i <= to; i++) {
        if (on) next.add(filtered[i]!);
        else next.delete(filtered[i]!);
      }
    } else {
      if (next.has(account)) next.delete(account);
      else next.add(account);
      set({ anchor: index >= 0 ? index : null });
    }
    set({ selected: next });
  },
  setSelected: (accounts) => set({ selected: new Set(accounts) }),
  selectAllFiltered: () => {
    const { filtered, selected, filter } = get();
    // With no filter this is every row: one Set from the array, no per-row work beyond it.
    set({ selected: filter.trim() ? new Set([...selected, ...filtered]) : new Set(filtered) });
  },
  clearSelection: () => set({ selected: new Set(), anchor: null }),
  addPasted: (accounts) => {
    const { rows, pasted, filter, selected } = get();
    const present = new Set(rows);
    const added = accounts.filter((account) => !present.has(account));
    const nextRows = [...rows, ...added];
    set({
      rows: nextRows,
      filtered: applyFilter(nextRows, filter),
      pasted: new Set([...pasted, ...added]),
      selected: new Set([...selected, ...accounts]),
    });
  },
  deselectDeleted: () => {
    const { selected, status } = get();
    set({ selected: new Set([...selected].filter((account) => status.get(account) !== 'deleted')) });
  },
  applyResults: (results) => {
    if (!results.length) return;
    const status = new Map(get().status);
    for (const result of results) status.set(result.account, result.status);
    set({ status });
  },
}));
