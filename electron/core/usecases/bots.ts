// The app's chatbots as the gateway lists them now: the list, their nicknames (100 a call), which of some accounts
// are chatbots (a check, or a dry run), and a connection test of a form or a profile.
import { profileConnection } from '../../../shared/profile.js';
import type { Connection } from '../../../shared/target.js';
import { sameAdmin } from '../../../shared/app-identity.js';
import type { ConnectionTestView } from '../../../shared/api.js';
import { testConnection, type ConnectionTestResult } from '../connection-test.js';
import { gatewayErrorCode } from '../error-codes.js';
import { resolveAim, gatewayOf, findProfile, type Aim, type Aimed, type EnvSecret } from './aim.js';
import { describeInvalidEntries } from '../tim/answers.js';
import { CallFailed } from './call-failed.js';
import type { Context } from './context.js';
import { EXIT } from './exit-codes.js';
import { refuse } from './refusals.js';
import { stopsBatch } from '../tim/errors.js';

/** portrait_get takes at most 100 accounts a call. */
export const NICKNAMES_PER_CALL = 100;

export interface BotListing {
  readonly bots: ReadonlySet<string>;
  /** What else the gateway listed (entries that are not chatbot accounts, left out), in a sentence; null when nothing. */
  readonly note: string | null;
}

/** The app's chatbots (one get_all_robots); a failure or a listing without its accounts throws CallFailed. */
export async function fetchBots(context: Context, aimed: Aimed, what: string | null, signal?: AbortSignal): Promise<BotListing> {
  const outcome = await (await gatewayOf(context, aimed)).getAllRobots(signal);
  if (!outcome.ok) throw new CallFailed(outcome, what);
  if (!outcome.answer.Robot_Account)
    throw new CallFailed(
      {
        ok: false,
        errorClass: 'malformed',
        errorCode: null,
        errorInfo: 'the gateway listed the chatbots without their accounts',
        advice: 'Try again in a moment.',
        ambiguous: false,
      },
      what,
    );
  return { bots: new Set(outcome.answer.Robot_Account), note: describeInvalidEntries(outcome.answer) };
}

export async function listBots(context: Context, aim: Aim, envSecret?: EnvSecret, signal?: AbortSignal) {
  const aimed = resolveAim(context, aim, envSecret);
  const { bots, note } = await fetchBots(context, aimed, null, signal);
  return { aimed, accounts: [...bots], note };
}

/** Nicknames of any number of accounts, 100 a call, one call at a time; an account without one is left out. */
export async function nicknamesOf(context: Context, aimed: Aimed, accounts: readonly string[], signal?: AbortSignal) {
  const gateway = await gatewayOf(context, aimed);
  const nicknames: Record<string, string> = {};
  for (let i = 0; i < accounts.length; i += NICKNAMES_PER_CALL) {
    const answer = await gateway.nicknames(accounts.slice(i, i + NICKNAMES_PER_CALL), signal);
    if (!answer.ok) throw new CallFailed(answer, 'nicknames');
    Object.assign(nicknames, answer.answer.nicknames);
  }
  return nicknames;
}

/** Which of these accounts are chatbots of the app now, and which a deletion would find absent. */
export async function checkAccounts(context: Context, aimed: Aimed, accounts: readonly string[], signal?: AbortSignal) {
  const known = (await fetchBots(context, aimed, null, signal)).bots;
  const unique = [...new Set(accounts)];
  return { bots: unique.filter((account) => known.has(account)), absent: unique.filter((account) => !known.has(account)) };
}

export interface ConnectionTestRequest {
  readonly connection: Connection;
  /** A key typed in the form; without one, the stored key of `profileId`. */
  readonly secret?: string;
  readonly profileId?: string;
}

/**
 * Tests a form as it stands: with the key typed in it, or with a profile's stored key only while the form still
 * names the app and admin that key was entered for (the keychain entry's binding decides that, not the form).
 */
export async function testForm(context: Context, request: ConnectionTestRequest): Promise<ConnectionTestView> {
  let key = request.secret;
  if (!key) {
    const stored = request.profileId ? context.profiles.find(request.profileId) : null;
    if (!stored || stored.id !== request.profileId || !sameAdmin(profileConnection(stored), request.connection))
      refuse('test-secret-required');
    key = await context.profiles.secretFor(stored);
  }
  return testView(await testConnection(request.connection, key, context.env, context.env.timeoutMs));
}

/** A test's answer as the contract gives it: the bot count, or what failed with its stable code. */
export function testView(result: ConnectionTestResult): ConnectionTestView {
  if (result.ok) return { ok: true, botCount: result.botCount };
  const { code, params } = gatewayErrorCode(result.failure);
  return { ok: false, errorClass: result.errorClass, errorCode: result.errorCode, message: result.message, code, params };
}

/** Tests a saved profile with its own key (the CLI's `profile test`); exit 3 when the credentials or app were refused. */
export async function testProfile(context: Context, name: string, envSecret?: EnvSecret, timeoutMs?: number) {
  const aimed = resolveAim(context, { profile: findProfile(context, name).id }, envSecret);
  const result = await testConnection(aimed.connection, await aimed.key(), context.env, timeoutMs ?? context.env.timeoutMs);
  const exitCode = result.ok ? EXIT.ok : stopsBatch(result.errorClass) ? EXIT.credentials : EXIT.someFailed;
  return { aimed, result, exitCode };
}
