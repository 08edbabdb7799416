// The check after the calls: a final get_all_robots settles what it can, believed only when it is consistent with what
// is known and, where it would settle an account as gone, a second listing says the same.
import type { AccountResult, Verification } from '../../../shared/sweep.js';
import { distrustedResult, distrustReason, verifiedResult, type Evidence } from './evidence.js';
import type { ListingResult } from './listing.js';

export interface VerifiedAccount {
  readonly evidence: Evidence;
  result: AccountResult | null;
}

/**
 * Settles what a trusted final listing can settle. A listing that is inconsistent settles nothing, but an account it
 * still lists that the answers call deleted or absent is put in doubt: one signal never outvotes another.
 */
export async function verify<S extends VerifiedAccount>(
  states: readonly S[],
  startListing: ReadonlySet<string> | null,
  listOnce: () => Promise<ListingResult>,
  settle: (state: S, result: AccountResult) => void,
): Promise<Verification> {
  const needed = states.some(
    ({ evidence, result }) => result!.status !== 'skipped' && !(result!.status === 'failed' && evidence.wasBot !== false),
  );
  if (!needed) return { status: 'not-needed', reason: null };
  const first = await listOnce();
  if (!first.ok) return { status: first.failure ? 'failed' : 'untrusted', reason: first.reason };
  const listed = first.accounts;
  const pairs = states.map((state) => ({ evidence: state.evidence, current: state.result! }));
  let distrust = distrustReason(listed, startListing, pairs);
  const changes = distrust
    ? []
    : states.flatMap((state) => {
        const next = verifiedResult(state.evidence, state.result!, listed);
        return next ? [{ state, next }] : [];
      });
  // Settling an account as gone rests on the listing: a second listing must say the same.
  if (!distrust && changes.some(({ next }) => next.status === 'deleted' || next.status === 'absent')) {
    const second = await listOnce();
    if (!second.ok) distrust = `a second listing failed: ${second.reason}`;
    else if (second.accounts.size !== listed.size || [...listed].some((account) => !second.accounts.has(account)))
      distrust = 'two listings in a row disagreed';
  }
  if (distrust) {
    for (const state of states) {
      const doubt = distrustedResult(state.evidence, state.result!, listed);
      if (doubt) settle(state, doubt);
    }
    return { status: 'untrusted', reason: distrust };
  }
  for (const { state, next } of changes) settle(state, next);
  return { status: 'verified', reason: null };
}
