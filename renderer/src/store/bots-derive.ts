// What the chatbot list derives from its state, memoised: the rows shown (filtered, sorted), the protected rows (the
// owner profile's globs, read from the profiles store), and the selection (what was picked, less settled and protected
// rows). Nothing here is stored, so no action has to keep it in step.
import { globMatcher } from '../../../shared/glob';
import { isDone, type AccountStatus } from '../../../shared/sweep';
import { memoLast } from '../memo';
import { protectedGlobsOf, useProfiles } from './profiles';

export type SortKey = 'account' | 'nickname';

/** The raw state the derivations read (a subset of the bots store). */
export interface ListFacts {
  readonly owner: string | null;
  readonly rows: readonly string[];
  readonly filter: string;
  readonly sort: SortKey;
  readonly nicknames: ReadonlyMap<string, string>;
  readonly picked: ReadonlySet<string>;
  readonly status: ReadonlyMap<string, AccountStatus>;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const NONE: ReadonlySet<string> = new Set();

/** Rows filtered by account or nickname (any case), then sorted: list order for accounts, nickname order (rows without one last). */
export const shownRows = memoLast(
  (rows: readonly string[], filter: string, nicknames: ReadonlyMap<string, string>, sort: SortKey): readonly string[] => {
    const needle = filter.trim().toLowerCase();
    const shown = needle
      ? rows.filter((row) => row.toLowerCase().includes(needle) || (nicknames.get(row)?.toLowerCase().includes(needle) ?? false))
      : rows;
    if (sort === 'account') return shown;
    return [...shown].sort((a, b) => {
      const left = nicknames.get(a);
      const right = nicknames.get(b);
      if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? 1 : -1;
      return collator.compare(left, right) || collator.compare(a, b);
    });
  },
);

/** Rows a glob of the profile protects: locked, never selected, never sent. */
export const lockedRows = memoLast((rows: readonly string[], globs: readonly string[]): ReadonlySet<string> => {
  if (!globs.length) return NONE;
  const isProtected = globMatcher(globs);
  return new Set(rows.filter(isProtected));
});

/** Settled by a batch (deleted, or not a bot): shown greyed until the next refresh, never selectable. */
export function isSettled(status: ReadonlyMap<string, AccountStatus>, account: string): boolean {
  const found = status.get(account);
  return found !== undefined && isDone(found);
}

/** The selection: what was picked, less settled and protected rows (a glob added later takes its rows out at once). */
export const selection = memoLast(
  (picked: ReadonlySet<string>, locked: ReadonlySet<string>, status: ReadonlyMap<string, AccountStatus>): ReadonlySet<string> => {
    if (!locked.size && !status.size) return picked;
    const kept = [...picked].filter((account) => !locked.has(account) && !isSettled(status, account));
    return kept.length === picked.size ? picked : new Set(kept);
  },
);

/** Derivations of the bots store's current state, for actions and tests (views use the hooks in bots.ts). */
export function shownOf(facts: ListFacts): readonly string[] {
  return shownRows(facts.rows, facts.filter, facts.nicknames, facts.sort);
}

export function lockedOf(facts: ListFacts): ReadonlySet<string> {
  return lockedRows(facts.rows, protectedGlobsOf(useProfiles.getState().profiles, facts.owner));
}

export function selectionOf(facts: ListFacts): ReadonlySet<string> {
  return selection(facts.picked, lockedOf(facts), facts.status);
}

/** Accounts that may enter the selection now: neither settled nor protected by the owner's profile. */
export function selectableFilter(facts: ListFacts): (account: string) => boolean {
  const globs = protectedGlobsOf(useProfiles.getState().profiles, facts.owner);
  const isProtected = globs.length ? globMatcher(globs) : () => false;
  return (account) => !isSettled(facts.status, account) && !isProtected(account);
}
