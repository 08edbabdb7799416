// The sweep engine: lists the app's chatbots, deletes accounts through the gateway at a paced rate, retries what is
// worth retrying, stops early when the gateway refuses or is down, journals ahead of every call and verifies with a
// final listing. What each account's evidence supports is ./evidence.ts; the stop rules are ./health.ts; the pacing,
// health and worker frame it shares with re-creations is ./frame.ts; the profile snapshot before deletion ./snapshot.ts.
import type { AccountResult, Verification } from '../../../shared/sweep.js';
import { stopsBatch } from '../tim/errors.js';
import { classify, contradictsListing, NOT_FOUND_CODE, provisionalResult, type Evidence } from './evidence.js';
import { BatchFrame } from './frame.js';
import { progressReporter } from './progress.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';
import { stopFromFailure } from './stops.js';
import type { SweepDeps, SweepOptions, SweepReport } from './types.js';
import { verify } from './verify.js';

export * from './types.js';
export { backoffDelay } from './frame.js';

interface AccountState {
  readonly evidence: Evidence;
  result: AccountResult | null;
}

export async function runSweep(accounts: readonly string[], deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const { clock, gateway, journal } = deps;
  const frame = new BatchFrame(accounts.length, deps, options);
  const { settings, limiter, halt } = frame;
  const record = (write: () => void) => frame.record(write);
  const progress = progressReporter(accounts.length, clock, settings.progressIntervalMs, () => frame.pace.current, options.onProgress);
  const settle = (state: AccountState, result: AccountResult) => {
    state.result = result;
    record(() => journal.outcome(result));
    progress.settled(result);
  };

  // Before the first deletion, while the first listing is fetched: each account's profile, to re-create it later.
  const profiles = gateway.profiles?.bind(gateway);
  const saved = options.savedProfiles;
  if (saved?.size && journal.snapshot && !frame.halted) {
    const carried = Object.fromEntries(accounts.filter((account) => saved.has(account)).map((account) => [account, saved.get(account)!]));
    if (Object.keys(carried).length) record(() => journal.snapshot!({ profiles: carried, missing: {} }));
  }
  const toFetch = saved?.size ? accounts.filter((account) => !saved.has(account)) : accounts;
  const snapshot: Snapshot | null =
    options.snapshot && profiles && journal.snapshot && toFetch.length && !frame.halted
      ? takeSnapshot(toFetch, { profiles, limiter, clock, halt: halt.signal, record: (taken) => record(() => journal.snapshot!(taken)) })
      : null;
  // Before the first deletion: which accounts are chatbots of the app. It only classifies; every account is still sent.
  let startListing: ReadonlySet<string> | null = null;
  let listingProblem: string | null = 'the batch stopped before the first listing';
  if (!halt.signal.aborted && accounts.length) {
    const listing = await frame.listOnce(halt.signal);
    if (listing.ok) startListing = listing.accounts;
    else if (listing.failure && stopsBatch(listing.failure.errorClass)) frame.stopWith(stopFromFailure(listing.failure));
    listingProblem = listing.ok ? null : listing.reason;
  }
  const states: AccountState[] = accounts.map((account) => {
    const previouslySent = options.previouslySent?.has(account) ?? false;
    const wasBot = classify(account, startListing, options.inheritedBots?.get(account), previouslySent);
    const evidence: Evidence = {
      account,
      wasBot,
      previouslySent,
      attempts: 0,
      answeredOk: false,
      notFound: false,
      ambiguous: false,
      answeredUnclear: false,
      last: null,
    };
    return { evidence, result: null };
  });
  const verdict = (botCount: number | null, problem: string | null, contradiction?: string) =>
    record(() =>
      journal.classified({
        botCount,
        problem,
        bots: states.filter((state) => state.evidence.wasBot === true).map((state) => state.evidence.account),
        notBots: states.filter((state) => state.evidence.wasBot === false).map((state) => state.evidence.account),
        ...(contradiction ? { contradicted: contradiction } : {}),
      }),
    );
  if (!frame.stop && accounts.length) verdict(startListing?.size ?? null, listingProblem);

  // The gateway answered OK for an account the first listing lacked: that listing is believed for no account, and what
  // was settled by it is settled again by the other evidence alone.
  let contradicted: string | null = null;
  const believeNoListing = (account: string) => {
    contradicted = `the gateway answered OK for ${account}, which the listing before the batch did not have`;
    for (const { evidence } of states)
      evidence.wasBot = classify(evidence.account, null, options.inheritedBots?.get(evidence.account), evidence.previouslySent);
    verdict(null, `not believed: ${contradicted}`, contradicted);
    for (const state of states) {
      if (!state.result || state.result.status === 'skipped' || state.evidence.account === account) continue;
      const next = provisionalResult(state.evidence);
      if (next.status !== state.result.status || next.errorInfo !== state.result.errorInfo) settle(state, next);
    }
  };

  const processAccount = async (state: AccountState, firstAnswered: () => void): Promise<void> => {
    const { evidence } = state;
    if (snapshot) await snapshot.ready(evidence.account);
    await frame.send(evidence, () => gateway.deleteRobot(evidence.account), {
      markSent: () => journal.sent(evidence.account),
      settle: () => settle(state, provisionalResult(evidence)),
      firstAnswered,
      answered: (outcome) => {
        if (outcome.ok) {
          if (contradictsListing(evidence)) believeNoListing(evidence.account);
          return false;
        }
        // "Not found" settles the account: the evidence rules say what it means.
        if (outcome.errorCode !== NOT_FOUND_CODE || outcome.ambiguous) return false;
        evidence.notFound = true;
        return true;
      },
    });
  };

  // A listing that came back has paid the cold start already: the calls go in parallel from the first.
  await frame.workers(states, startListing !== null, processAccount);
  await snapshot?.done;

  for (const state of states) {
    if (!state.result) settle(state, { account: state.evidence.account, status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 });
  }
  const stop = frame.stop;
  const status = stop ? 'aborted' : options.signal?.aborted ? 'cancelled' : 'completed';

  // A batch stopped because the gateway failed its deletions is checked too: the listing may still answer, and settle
  // what those failures did. Other stops leave nothing a listing could settle (nothing was sent, or it would fail too).
  const stopKind = stop?.kind;
  const checkable = status === 'completed' || stopKind === 'gateway-failing' || stopKind === 'unknown-error';
  let verification: Verification = { status: 'skipped', reason: status === 'completed' ? null : `the batch was ${status}` };
  if (checkable && settings.verify === false) verification = { status: 'skipped', reason: 'turned off' };
  else if (checkable) {
    const cut = frame.startVerifying();
    verification = await verify(states, contradicted ? null : startListing, () => frame.listOnce(cut), settle);
    const down = frame.downDuring;
    if (down && verification.status !== 'verified')
      verification = { status: 'failed', reason: `the gateway stopped answering: ${down.errorInfo}` };
  }
  return frame.report(states, () => progress.flush(), {
    status,
    stop,
    verification,
    listedAtStart: contradicted ? null : (startListing?.size ?? null),
    listingContradicted: contradicted,
  });
}
