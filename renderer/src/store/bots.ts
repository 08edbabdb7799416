// The chatbot list of one profile (its owner): listed and pasted accounts, the filter and sort, what the user picked,
// each account's live status and its nickname. An answer for another owner, or for an older request (the generation),
// is dropped. Nicknames arrive after the list, 100 a call, one call at a time. Protected accounts, read from the owner's
// profile, can never be picked; the shown rows and the selection are derived (bots-derive.ts), never stored. A refresh
// says which selected accounts it dropped (no longer listed, protected now).
import { create } from 'zustand';
import { isDone, type AccountResult, type AccountStatus } from '../../../shared/sweep';
import { botsweep, call } from '../api';
import {
  hiddenCount,
  inAccountOrder,
  lockedRows,
  selectableFilter,
  selection,
  selectionOf,
  shownOf,
  type ListFacts,
  type SortKey,
} from './bots-derive';
import { NOTHING_LEFT_OUT, type LeftOut } from './left-out';
import { globMatcher } from '../../../shared/glob';
import { memoLast } from '../memo';
import { protectedGlobsOf, useProfiles } from './profiles';

export type { SortKey } from './bots-derive';

interface BotsState extends ListFacts {
  /** Listed (get_all_robots) then pasted accounts, in order, without duplicates. */
  readonly rows: readonly string[];
  readonly pasted: ReadonlySet<string>;
  /** The last plainly clicked account, where a shift-click range starts. */
  readonly anchor: string | null;
  readonly loading: boolean;
  /** The owner whose list has arrived. */
  readonly loadedFor: string | null;
  /** Bumped by every refresh and reset: only the answer to the latest request of the current owner is kept. */
  readonly generation: number;
  /** What the last refresh took out of the selection, until dismissed or the list changes hands. */
  readonly notice: LeftOut | null;
  refresh(profileId: string): Promise<void>;
  /** Fetches nicknames of the rows, 100 a call, one after another; stops when the list changes hands. */
  loadNicknames(profileId: string): Promise<void>;
  /** Empties the list and hands it to `owner`; answers still on their way for anyone else are dropped. */
  reset(owner?: string | null): void;
  setFilter(filter: string): void;
  /** Sorts by a column; the same column again turns the order around. */
  setSort(sort: SortKey): void;
  setSelectedOnly(selectedOnly: boolean): void;
  dismissNotice(): void;
  /**
   * A sweep this window found running (it was reloaded): its accounts become the list of its profile, with the
   * statuses so far, unless that list is loaded already.
   */
  showSweep(owner: string, accounts: readonly string[], results: readonly AccountResult[]): void;
  toggle(account: string, options?: { range?: boolean }): void;
  /** Picks exactly these (those that may be picked). */
  setSelected(accounts: Iterable<string>): void;
  /** Adds every shown row that may be picked. */
  selectAllShown(): void;
  /** Takes the shown rows out of the selection. */
  deselectShown(): void;
  clearSelection(): void;
  /** Adds accounts not in the list yet (marked pasted) and picks them. */
  addPasted(accounts: readonly string[]): void;
  /** A batch's outcomes: each account's status; settled ones leave the selection. */
  applyResults(results: readonly AccountResult[]): void;
  /** Forgets picks the selection leaves out now (rows a profile's new glob protects), so they do not come back later. */
  dropUnselectable(): void;
}

export const NICKNAMES_PER_CALL = 100;

const EMPTY = {
  rows: [] as readonly string[],
  pasted: new Set<string>() as ReadonlySet<string>,
  picked: new Set<string>() as ReadonlySet<string>,
  status: new Map<string, AccountStatus>() as ReadonlyMap<string, AccountStatus>,
  nicknames: new Map<string, string>() as ReadonlyMap<string, string>,
  anchor: null,
  loading: false,
  loadedFor: null,
  notice: null,
  selectedOnly: false,
};

export const useBots = create<BotsState>((set, get) => ({
  owner: null,
  filter: '',
  sort: 'account',
  descending: false,
  generation: 0,
  ...EMPTY,
  refresh: async (profileId) => {
    if (get().owner !== profileId) get().reset(profileId);
    const request = get().generation + 1;
    set({ generation: request, loading: true });
    const current = () => get().generation === request && get().owner === profileId;
    try {
      const answer = await call(botsweep().bots.list({ profileId }));
      if (!current() || answer.profileId !== profileId) return;
      // What was picked and not settled: a pick the guards took out since is dropped now, and said.
      const { pasted, picked, status } = get();
      const before = [...picked].filter((account) => !isDone(status.get(account) ?? 'failed'));
      const listed = new Set(answer.accounts);
      const rows = [...answer.accounts, ...[...pasted].filter((account) => !listed.has(account))];
      const present = new Set(rows);
      set({
        rows,
        picked: new Set(before.filter((account) => present.has(account))),
        status: new Map(),
        loadedFor: profileId,
        anchor: null,
      });
      // What left the selection, and why: gone from the listing, or protected now (the app's guards as they are).
      const after = selectionOf(get());
      const gone = before.filter((account) => !present.has(account));
      const guarded = before.filter((account) => present.has(account) && !after.has(account));
      const notice = { ...NOTHING_LEFT_OUT, gone: inAccountOrder(gone), protected: inAccountOrder(guarded) };
      set({ notice: gone.length || guarded.length ? notice : null });
    } catch (error) {
      // A failure of a request nobody waits for any more is not news.
      if (current()) throw error;
    } finally {
      if (get().generation === request) set({ loading: false });
    }
    // The list is usable now; nicknames fill in behind it. A failure there only leaves rows without one.
    if (current() && get().loadedFor === profileId)
      void get()
        .loadNicknames(profileId)
        .catch(() => undefined);
  },
  loadNicknames: async (profileId) => {
    const { generation, rows } = get();
    const current = () => get().generation === generation && get().owner === profileId;
    for (let start = 0; start < rows.length; start += NICKNAMES_PER_CALL) {
      const answer = await call(botsweep().bots.nicknames({ profileId, accounts: rows.slice(start, start + NICKNAMES_PER_CALL) }));
      if (!current() || answer.profileId !== profileId) return;
      const names = Object.entries(answer.nicknames);
      if (names.length) set({ nicknames: new Map([...get().nicknames, ...names]) });
    }
  },
  reset: (owner = null) => set({ ...EMPTY, owner, generation: get().generation + 1 }),
  setFilter: (filter) => set({ filter, anchor: null }),
  setSort: (sort) => set({ sort, descending: get().sort === sort ? !get().descending : false, anchor: null }),
  setSelectedOnly: (selectedOnly) => set({ selectedOnly, anchor: null }),
  dismissNotice: () => set({ notice: null }),
  showSweep: (owner, accounts, results) => {
    if (get().owner !== owner) return;
    if (get().loadedFor !== owner) {
      set({ rows: [...accounts], loadedFor: owner, picked: new Set(), anchor: null, generation: get().generation + 1 });
      void get()
        .loadNicknames(owner)
        .catch(() => undefined);
    }
    get().applyResults(results);
  },
  toggle: (account, options = {}) => {
    const state = get();
    const may = selectableFilter(state);
    if (!may(account)) return;
    const shown = shownOf(state);
    const next = new Set(state.picked);
    const from = options.range && state.anchor !== null ? shown.indexOf(state.anchor) : -1;
    const to = shown.indexOf(account);
    if (from >= 0 && to >= 0) {
      // Shift-click: the range takes the state the anchor row has.
      const on = state.picked.has(state.anchor!);
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const row = shown[i]!;
        if (on && may(row)) next.add(row);
        else next.delete(row);
      }
      set({ picked: next });
      return;
    }
    if (next.has(account)) next.delete(account);
    else next.add(account);
    set({ picked: next, anchor: to >= 0 ? account : null });
  },
  setSelected: (accounts) => set({ picked: new Set([...accounts].filter(selectableFilter(get()))) }),
  selectAllShown: () => {
    const state = get();
    const selectable = shownOf(state).filter(selectableFilter(state));
    // Unfiltered, this is every selectable row: one Set from the array, no per-row work beyond it.
    set({ picked: state.filter.trim() ? new Set([...state.picked, ...selectable]) : new Set(selectable) });
  },
  deselectShown: () => {
    const shown = new Set(shownOf(get()));
    set({ picked: new Set([...get().picked].filter((account) => !shown.has(account))) });
  },
  clearSelection: () => set({ picked: new Set(), anchor: null }),
  addPasted: (accounts) => {
    const { rows, pasted, picked } = get();
    const present = new Set(rows);
    const added = accounts.filter((account) => !present.has(account));
    const may = selectableFilter(get());
    set({
      rows: [...rows, ...added],
      pasted: new Set([...pasted, ...added]),
      picked: new Set([...picked, ...accounts.filter(may)]),
    });
  },
  dropUnselectable: () => {
    const kept = selectionOf(get());
    if (kept !== get().picked) set({ picked: new Set(kept) });
  },
  applyResults: (results) => {
    if (!results.length) return;
    const status = new Map(get().status);
    const picked = new Set(get().picked);
    for (const result of results) {
      status.set(result.account, result.status);
      if (isDone(result.status)) picked.delete(result.account);
    }
    set({ status, picked });
  },
}));

/** The rows on screen, filtered (maybe to the selected ones) and sorted (only a sort by status reads the statuses, so
 * the others are not sorted again at every progress event). */
export function useShownRows(): readonly string[] {
  const selected = useSelection();
  return useBots((state) => shownOf(state, state.selectedOnly ? selected : null));
}

/** How many selected rows the filter hides. */
export function useHiddenSelected(): number {
  return hiddenCount(useSelection(), useShownRows());
}

/** The rows the owner profile protects, following edits of its globs whether or not any view is open. */
export function useLockedRows(): ReadonlySet<string> {
  const owner = useBots((state) => state.owner);
  const rows = useBots((state) => state.rows);
  const globs = useProfiles((state) => protectedGlobsOf(state.profiles, owner));
  return lockedRows(rows, globs);
}

/**
 * Whether the app's guards protect an account, listed or not (a pasted one): the patterns main gathers from every
 * profile of the app (ProfileView.guards), the same matcher as everywhere.
 */
export function useIsProtected(): (account: string) => boolean {
  const owner = useBots((state) => state.owner);
  const globs = useProfiles((state) => protectedGlobsOf(state.profiles, owner));
  return matcherOf(globs);
}

const matcherOf = memoLast((globs: readonly string[]) => (globs.length ? globMatcher(globs) : () => false));

/** The selection as it stands: picked rows, less settled and protected ones. */
export function useSelection(): ReadonlySet<string> {
  const locked = useLockedRows();
  const picked = useBots((state) => state.picked);
  const status = useBots((state) => state.status);
  return selection(picked, locked, status);
}
