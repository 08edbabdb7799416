// The chatbot list of one profile: listed and pasted accounts, the filter, the selection and each account's live status.
// An answer for a profile that is no longer the list's owner, or for an older request, is dropped. Nicknames arrive
// after the list (100 a call, one call at a time); protected accounts (the profile's globs) can never be selected.
import { create } from 'zustand';
import { globMatcher } from '../../../shared/glob';
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
  /** Nicknames fetched so far (filled in after the list shows). */
  nicknames: Map<string, string>;
  sort: SortKey;
  /** The active profile's protected account globs. */
  protectedGlobs: readonly string[];
  /** Rows matching `protectedGlobs`: locked, never selected. */
  locked: Set<string>;
  refresh(profileId: string): Promise<void>;
  /** Fetches nicknames of the rows, 100 a call, one after another; stops when the list changes hands. */
  loadNicknames(profileId: string): Promise<void>;
  setSort(sort: SortKey): void;
  setProtected(globs: readonly string[]): void;
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

export type SortKey = 'account' | 'nickname';

export const NICKNAMES_PER_CALL = 100;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The shown rows: filtered by account or nickname, then sorted (the list order for accounts). */
function applyFilter(rows: string[], filter: string, nicknames: Map<string, string> = new Map(), sort: SortKey = 'account'): string[] {
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? rows.filter((row) => row.toLowerCase().includes(needle) || (nicknames.get(row)?.toLowerCase().includes(needle) ?? false))
    : rows;
  if (sort === 'account') return shown;
  // Rows without a nickname go last, in list order.
  return [...shown].sort((a, b) => {
    const left = nicknames.get(a);
    const right = nicknames.get(b);
    if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? 1 : -1;
    return collator.compare(left, right) || collator.compare(a, b);
  });
}

function lockedRows(rows: readonly string[], globs: readonly string[]): Set<string> {
  if (!globs.length) return new Set();
  const isProtected = globMatcher(globs);
  return new Set(rows.filter(isProtected));
}

/** Accounts that may enter the selection: not settled, not protected. */
function selectableOf(accounts: Iterable<string>, done: Set<string>, locked: Set<string>): string[] {
  return [...accounts].filter((account) => !done.has(account) && !locked.has(account));
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
  nicknames: new Map(),
  sort: 'account',
  protectedGlobs: [],
  locked: new Set(),
  refresh: async (profileId) => {
    if (get().owner !== profileId) get().reset(profileId);
    const request = ++generation;
    set({ loading: true });
    try {
      const answer = await call(botsweep().bots.list({ profileId }));
      if (request !== generation || get().owner !== profileId || answer.profileId !== profileId) return;
      const { pasted, filter, selected, nicknames, sort, protectedGlobs } = get();
      const listed = new Set(answer.accounts);
      const rows = [...answer.accounts, ...[...pasted].filter((account) => !listed.has(account))];
      const present = new Set(rows);
      const locked = lockedRows(rows, protectedGlobs);
      set({
        rows,
        locked,
        filtered: applyFilter(rows, filter, nicknames, sort),
        selected: new Set([...selected].filter((account) => present.has(account) && !locked.has(account))),
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
    // The list is usable now; nicknames fill in behind it. A failure there only leaves rows without one.
    if (request === generation && get().loadedFor === profileId)
      void get()
        .loadNicknames(profileId)
        .catch(() => undefined);
  },
  loadNicknames: async (profileId) => {
    const request = generation;
    const rows = get().rows;
    const current = () => request === generation && get().owner === profileId;
    for (let start = 0; start < rows.length; start += NICKNAMES_PER_CALL) {
      const answer = await call(botsweep().bots.nicknames({ profileId, accounts: rows.slice(start, start + NICKNAMES_PER_CALL) }));
      if (!current() || answer.profileId !== profileId) return;
      const names = Object.entries(answer.nicknames);
      if (!names.length) continue;
      const { filter, sort } = get();
      const nicknames = new Map([...get().nicknames, ...names]);
      set({ nicknames, ...(filter.trim() || sort === 'nickname' ? { filtered: applyFilter(get().rows, filter, nicknames, sort) } : {}) });
    }
  },
  setSort: (sort) => {
    const { rows, filter, nicknames } = get();
    set({ sort, filtered: applyFilter(rows, filter, nicknames, sort), anchor: null });
  },
  setProtected: (globs) => {
    const { protectedGlobs, rows, selected } = get();
    if (globs.length === protectedGlobs.length && globs.every((glob, i) => glob === protectedGlobs[i])) return;
    const locked = lockedRows(rows, globs);
    set({ protectedGlobs: [...globs], locked, selected: new Set([...selected].filter((account) => !locked.has(account))) });
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
      nicknames: new Map(),
      locked: new Set(),
      protectedGlobs: [],
    });
  },
  setFilter: (filter) => set({ filter, filtered: applyFilter(get().rows, filter, get().nicknames, get().sort), anchor: null }),
  toggle: (account, options = {}) => {
    const { filtered, selected, anchor, done, locked } = get();
    if (done.has(account) || locked.has(account)) return;
    const index = filtered.indexOf(account);
    const next = new Set(selected);
    if (options.range && anchor !== null && index >= 0) {
      // Shift-click: the range takes the state the anchor row has.
      const on = selected.has(filtered[anchor]!);
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      for (let i = from; i <= to; i++) {
        if (on && !done.has(filtered[i]!) && !locked.has(filtered[i]!)) next.add(filtered[i]!);
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
    const { done, locked } = get();
    set({ selected: new Set(done.size || locked.size ? selectableOf(accounts, done, locked) : accounts) });
  },
  selectAllFiltered: () => {
    const { filtered, selected, filter, done, locked } = get();
    const selectable = done.size || locked.size ? selectableOf(filtered, done, locked) : filtered;
    // With no filter this is every selectable row: one Set from the array, no per-row work beyond it.
    set({ selected: filter.trim() ? new Set([...selected, ...selectable]) : new Set(selectable) });
  },
  clearSelection: () => set({ selected: new Set(), anchor: null }),
  addPasted: (accounts) => {
    const { rows, pasted, filter, selected, done, nicknames, sort, protectedGlobs } = get();
    const present = new Set(rows);
    const added = accounts.filter((account) => !present.has(account));
    const nextRows = [...rows, ...added];
    const locked = lockedRows(nextRows, protectedGlobs);
    set({
      rows: nextRows,
      locked,
      filtered: applyFilter(nextRows, filter, nicknames, sort),
      pasted: new Set([...pasted, ...added]),
      selected: new Set([...selected, ...selectableOf(accounts, done, locked)]),
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
