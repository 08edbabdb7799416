// Plans a deletion: which accounts a sweep of the app may send, after the app's guards, from the accounts named
// and/or a glob over the app's chatbots. Named protected accounts refuse the request; matched ones are left out.
import { describeInvalidAccounts, parseAccountList, type ParsedAccounts } from '../../../shared/accounts.js';
import type { ImportFormat } from '../../../shared/api.js';
import { accountPatternProblem, compileGlob } from '../../../shared/glob.js';
import type { BatchKind, BotProfile } from '../../../shared/sweep.js';
import type { Connection } from '../../../shared/target.js';
import { escapeUnsafe } from '../../../shared/unsafe-text.js';
import { accountsForApp } from './account-input.js';
import { fetchBots } from './bots.js';
import { resolveAim, type Aim, type EnvSecret } from './aim.js';
import type { Context } from './context.js';
import { guardsFor, productionName, refuseProtected, requireUsable, withoutProtected } from './guards.js';
import { refuse } from './refusals.js';

/** What a sweep will send and what it needs first; the same shape for a deletion, a re-creation and a retry of either. */
export interface SweepPlan {
  /** Default `delete`. */
  readonly kind?: BatchKind;
  /** A re-creation's deletion batch. */
  readonly undoes?: string | null;
  /**
   * Profiles saved before an earlier deletion: what a re-creation restores, or what a deletion's retry journals as its
   * snapshot for those accounts instead of fetching them again.
   */
  readonly profiles?: ReadonlyMap<string, BotProfile>;
  readonly connection: Connection;
  /** The profile the sweep runs under (its name is journaled), if any. */
  readonly profile: { readonly id: string | null; readonly name: string } | null;
  readonly accounts: readonly string[];
  /** Accounts left out because the app's guards protect them (from a glob or a deletion's retry). */
  readonly leftOut: readonly string[];
  /** The profile name a production app's confirmation must hold, or null. */
  readonly production: string | null;
  readonly retryOf: string | null;
  readonly previouslySent?: ReadonlySet<string>;
  readonly inheritedBots?: ReadonlyMap<string, boolean>;
  readonly nicknames?: Readonly<Record<string, string>>;
  /** The app's chatbots, when planning listed them (a glob). */
  readonly listing: ReadonlySet<string> | null;
  /** Entries dropped because they repeated one. */
  readonly duplicates: number;
  /** Things worth saying before the sweep (entries of the gateway's listing that are not chatbot accounts). */
  readonly notes: readonly string[];
  /** What each file given was read as ("list", "export-csv", …). */
  readonly formats: readonly { readonly source: string; readonly format: ImportFormat }[];
  readonly key: () => Promise<string>;
}

/** Text that names accounts: the command line's arguments (one per entry) or a file's content (any format it writes). */
export interface AccountSource {
  readonly kind: 'arguments' | 'file';
  /** "stdin", a path: how lines are named in messages. */
  readonly name: string;
  readonly text: string;
}

export interface DeletionRequest {
  readonly aim: Aim;
  readonly envSecret?: EnvSecret;
  /** Accounts named one by one (the app's selection), already checked as accounts by the contract. */
  readonly named?: readonly string[];
  /** Arguments and files: every entry checked; any invalid one refuses the request, naming each with its line. */
  readonly sources?: readonly AccountSource[];
  /** Take a Botsweep export of another app all the same (the user said so). */
  readonly allowOtherApp?: boolean;
  /** A glob over the app's chatbots (one get_all_robots). */
  readonly match?: string | null;
  readonly signal?: AbortSignal;
}

export async function planDeletion(context: Context, request: DeletionRequest): Promise<SweepPlan> {
  const aimed = resolveAim(context, request.aim, request.envSecret);
  const read = readSources(request.sources ?? [], aimed.connection, request.allowOtherApp === true);
  const given = [...(request.named ?? []), ...read.accounts];
  const named = [...new Set(given)];
  const duplicates = read.duplicates + given.length - named.length;
  if (!named.length && request.match == null) refuse('no-accounts', { given: request.sources?.length ? 1 : 0 });
  const guards = guardsFor(aimed.connection, context.profiles.list());
  requireUsable(guards);
  refuseProtected(guards, named);
  let accounts = named;
  let leftOut: string[] = [];
  let listing: ReadonlySet<string> | null = null;
  const notes: string[] = [];
  if (request.match != null) {
    const problem = accountPatternProblem(request.match);
    if (problem) refuse('invalid-request', { detail: `the pattern ${escapeUnsafe(request.match)}: ${problem}` });
    const listed = await fetchBots(context, aimed, "matching needs the app's chatbots", request.signal);
    listing = listed.bots;
    if (listed.note) notes.push(listed.note);
    const matches = compileGlob(request.match);
    const matched = withoutProtected(
      guards,
      [...listing].filter((bot) => matches(bot)),
    );
    leftOut = matched.leftOut;
    accounts = [...new Set([...accounts, ...matched.sendable])];
  }
  return {
    connection: aimed.connection,
    profile: aimed.profile ? { id: aimed.profile.id, name: aimed.profile.name } : null,
    accounts,
    leftOut,
    production: productionName(guards, aimed.profile?.name ?? null),
    retryOf: null,
    listing,
    duplicates,
    notes,
    formats: read.formats,
    key: aimed.key,
  };
}

/** Every source's accounts, in order; refuses when any entry is not a chatbot account or a file is another app's. */
function readSources(sources: readonly AccountSource[], app: Connection, allowOtherApp: boolean) {
  const accounts: string[] = [];
  const problems: string[] = [];
  const formats: { source: string; format: ImportFormat }[] = [];
  let duplicates = 0;
  for (const source of sources) {
    let parsed: ParsedAccounts;
    if (source.kind === 'arguments') parsed = parseAccountList(source.text);
    else {
      const file = accountsForApp(source.text, app, source.name, allowOtherApp);
      formats.push({ source: source.name, format: file.format });
      parsed = file;
    }
    const label = source.kind === 'arguments' ? (line: number) => `argument ${line}` : (line: number) => `${source.name} line ${line}`;
    problems.push(...describeInvalidAccounts(parsed.invalid, label));
    duplicates += parsed.duplicates;
    accounts.push(...parsed.accounts);
  }
  if (problems.length) {
    const shown = problems.length > 100 ? [...problems.slice(0, 100), `… and ${problems.length - 100} more`] : problems;
    refuse('invalid-accounts', { count: problems.length, list: shown.join('\n') });
  }
  return { accounts, duplicates, formats };
}

/**
 * A dry run's check: which of the plan's accounts are chatbots of the app now and which a deletion would find absent,
 * or why that cannot be told (no key at hand, the listing failed). Nothing is deleted.
 */
export async function checkPlan(
  context: Context,
  plan: SweepPlan,
  signal?: AbortSignal,
): Promise<{ bots: string[]; absent: string[] } | { problem: string }> {
  let listing = plan.listing;
  if (!listing) {
    try {
      const key = await plan.key();
      listing = (await fetchBots(context, { connection: plan.connection, profile: null, key: async () => key }, null, signal)).bots;
    } catch (error) {
      return { problem: error instanceof Error ? error.message : String(error) };
    }
  }
  const known = listing;
  return { bots: plan.accounts.filter((account) => known.has(account)), absent: plan.accounts.filter((account) => !known.has(account)) };
}
