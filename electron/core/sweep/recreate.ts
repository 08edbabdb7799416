// The re-creation engine: lists the app's chatbots, makes each account that is not one a chatbot again with its saved
// profile (create_robot) at the paced rate, retries what is worth retrying, stops early when the gateway refuses or is
// down, journals ahead of every call and settles each outcome with the listing afterwards (./creation-evidence.ts).
import type { AccountResult, BotProfile, Verification } from '../../../shared/sweep.js';
import { stopsBatch } from '../tim/errors.js';
import type { CallOutcome } from '../tim/outcome.js';
import {
  creationDistrust,
  creationOutcome,
  needsCall,
  provisionalCreation,
  settledCreation,
  staleCreation,
  type CreationEvidence,
} from './creation-evidence.js';
import { BatchFrame } from './frame.js';
import { progressReporter } from './progress.js';
import { stopFromFailure } from './stops.js';
import type { SweepDeps, SweepOptions, SweepReport } from './types.js';

export interface RecreationGateway {
  createRobot(account: string, profile: BotProfile | null): Promise<CallOutcome>;
  getAllRobots: SweepDeps['gateway']['getAllRobots'];
}

export interface RecreationDeps extends Omit<SweepDeps, 'gateway'> {
  readonly gateway: RecreationGateway;
}

interface AccountState {
  readonly evidence: CreationEvidence;
  result: AccountResult | null;
}

/** Re-creates `accounts`, each with its profile in `profiles` (an account without one is created bare). */
export async function runRecreation(
  accounts: readonly string[],
  profiles: ReadonlyMap<string, BotProfile>,
  deps: RecreationDeps,
  options: Omit<SweepOptions, 'snapshot' | 'verify' | 'inheritedBots'> = {},
): Promise<SweepReport> {
  const { clock, gateway, journal } = deps;
  const frame = new BatchFrame(accounts.length, deps, options);
  const { settings, halt } = frame;
  const progress = progressReporter(accounts.length, clock, settings.progressIntervalMs, () => frame.pace.current, options.onProgress);
  const settle = (state: AccountState, next: AccountResult) => {
    state.result = next;
    frame.record(() => journal.outcome(next));
    progress.settled(next);
  };

  // Before the first call: which accounts are chatbots already (they are not created again).
  let before: ReadonlySet<string> | null = null;
  let problem: string | null = 'the batch stopped before the first listing';
  if (!frame.halted && accounts.length) {
    const listing = await frame.listOnce(halt.signal);
    if (listing.ok) before = listing.accounts;
    else if (listing.failure && stopsBatch(listing.failure.errorClass)) frame.stopWith(stopFromFailure(listing.failure));
    problem = listing.ok ? null : listing.reason;
  }
  const states: AccountState[] = accounts.map((account) => ({
    evidence: {
      account,
      wasBot: before ? before.has(account) : null,
      previouslySent: options.previouslySent?.has(account) ?? false,
      attempts: 0,
      answeredOk: false,
      ambiguous: false,
      answeredUnclear: false,
      last: null,
    },
    result: null,
  }));
  if (!frame.stop && accounts.length)
    frame.record(() =>
      journal.classified({
        botCount: before?.size ?? null,
        problem,
        bots: states.filter(({ evidence }) => evidence.wasBot === true).map(({ evidence }) => evidence.account),
        notBots: states.filter(({ evidence }) => evidence.wasBot === false).map(({ evidence }) => evidence.account),
      }),
    );
  const toSend = frame.stop ? states : states.filter((state) => needsCall(state.evidence));
  if (!frame.stop) for (const state of states) if (!needsCall(state.evidence)) settle(state, provisionalCreation(state.evidence));

  const processAccount = async (state: AccountState, firstAnswered: () => void): Promise<void> => {
    const { evidence } = state;
    const profile = profiles.get(evidence.account) ?? null;
    await frame.send(evidence, async () => creationOutcome(await gateway.createRobot(evidence.account, profile)), {
      markSent: () => journal.sent(evidence.account),
      settle: () => settle(state, provisionalCreation(evidence)),
      firstAnswered,
    });
  };
  await frame.workers(toSend, before !== null, processAccount);
  for (const state of states)
    if (!state.result) settle(state, { account: state.evidence.account, status: 'skipped', errorCode: null, errorInfo: null, attempts: 0 });

  const stop = frame.stop;
  const status = stop ? 'aborted' : options.signal?.aborted ? 'cancelled' : 'completed';
  // The listing afterwards is what makes an OK a re-creation: it is made unless the stop says it would fail too.
  const checkable = status !== 'aborted' || stop?.kind === 'gateway-failing' || stop?.kind === 'unknown-error';
  const sent = states.some(({ evidence }) => evidence.attempts > 0);
  let verification: Verification = { status: 'not-needed', reason: null };
  let listed: ReadonlySet<string> | null = null;
  if (sent && !checkable) verification = { status: 'skipped', reason: `the batch was ${status}` };
  else if (sent) {
    const cut = frame.startVerifying();
    const after = await frame.listOnce(cut);
    const down = frame.downDuring;
    const distrust = after.ok ? creationDistrust(after.accounts, before) : null;
    if (!after.ok)
      verification = {
        status: after.failure ? 'failed' : 'untrusted',
        reason: down ? `the gateway stopped answering: ${down.errorInfo}` : after.reason,
      };
    else if (distrust) {
      verification = { status: 'untrusted', reason: distrust };
      for (const state of states) {
        const doubt = staleCreation(state.evidence, state.result!, after.accounts);
        if (doubt) settle(state, doubt);
      }
    } else {
      verification = { status: 'verified', reason: null };
      listed = after.accounts;
    }
  }
  if (sent)
    for (const state of states) {
      const next = settledCreation(state.evidence, state.result!, listed);
      if (next) settle(state, next);
    }
  return frame.report(states, () => progress.flush(), {
    status,
    stop,
    verification,
    listedAtStart: before?.size ?? null,
    listingContradicted: null,
  });
}
