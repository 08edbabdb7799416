// What an action (paste, import, Select matching, Refresh) leaves out of the selection, and which: protected by the
// app's guards, already settled in this list, repeated, or no longer listed. Pure: the stores and dialogs use it,
// the LeftOutLines view says it.
import type { AccountStatus } from '../../../shared/sweep';
import { isSettled } from './bots-derive';

export interface LeftOut {
  /** Protected by the app's guards (every profile of the app), never selected. */
  readonly protected: readonly string[];
  /** Deleted or absent in this list already: nothing more to do. */
  readonly settled: readonly string[];
  /** Given more than once: taken once. */
  readonly duplicated: readonly string[];
  /** Selected before, but not in the list any more (a refresh). */
  readonly gone: readonly string[];
}

export const NOTHING_LEFT_OUT: LeftOut = { protected: [], settled: [], duplicated: [], gone: [] };

export function leftOutCount(leftOut: LeftOut): number {
  return leftOut.protected.length + leftOut.settled.length + leftOut.gone.length;
}

/** Splits accounts into those that may be selected and those left out, keeping their order. */
export function sortOut(
  accounts: readonly string[],
  isProtected: (account: string) => boolean,
  status: ReadonlyMap<string, AccountStatus>,
): { readonly selectable: string[]; readonly leftOut: LeftOut } {
  const selectable: string[] = [];
  const guarded: string[] = [];
  const settled: string[] = [];
  for (const account of accounts) {
    if (isProtected(account)) guarded.push(account);
    else if (isSettled(status, account)) settled.push(account);
    else selectable.push(account);
  }
  return { selectable, leftOut: { ...NOTHING_LEFT_OUT, protected: guarded, settled } };
}
