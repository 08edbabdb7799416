// "Test connection": one get_all_robots call, answered as OK with the bot count or as an actionable error.
import type { Connection } from '../../shared/target.js';
import { gatewayFor, type GatewayEnv } from './gateway-env.js';
import { describeError, type ErrorClass } from './tim/errors.js';
import type { Failure } from './tim/outcome.js';

export type ConnectionTestResult =
  | { readonly ok: true; readonly botCount: number; readonly accounts: string[] }
  | {
      readonly ok: false;
      readonly errorClass: ErrorClass;
      readonly errorCode: number | null;
      readonly message: string;
      /** The failure as the gateway client classified it (its HTTP status, its network problem), for its stable code. */
      readonly failure: Failure;
    };

const ADVICE_BY_CODE: Record<number, string> = {
  70016: 'Wrong region: this SDKAppID lives in another data center. Pick the region shown for the app in the Chat console.',
  70020: 'Wrong region: this SDKAppID lives in another data center. Pick the region shown for the app in the Chat console.',
  60010: 'The identifier is not an app administrator. Use an admin account from the Chat console (for example "administrator").',
  10008: 'The identifier is not an app administrator. Use an admin account from the Chat console (for example "administrator").',
  70009: 'The secret key does not match this SDKAppID. Check the key and the SDKAppID (Chat console → Basic configuration).',
  70003: 'The signature could not be read: check the secret key.',
  70014: 'Check the SDKAppID.',
  60006: 'The SDKAppID is not valid: check it.',
  70050: 'Too many wrong signatures: the gateway refuses this app for a minute. Fix the key, wait a minute, then try again.',
};

export async function testConnection(
  connection: Connection,
  secretKey: string,
  env: GatewayEnv,
  timeoutMs = 10_000,
): Promise<ConnectionTestResult> {
  const outcome = await gatewayFor(connection, secretKey, env, timeoutMs).getAllRobots();
  if (outcome.ok) {
    const accounts = outcome.answer.Robot_Account ?? [];
    return { ok: true, botCount: accounts.length, accounts };
  }
  const advice =
    (outcome.errorCode !== null ? ADVICE_BY_CODE[outcome.errorCode] : undefined) ??
    (outcome.errorClass === 'network'
      ? `Cannot reach the gateway: check that you are online and that no proxy or firewall blocks it. ${outcome.advice}`
      : outcome.advice);
  return {
    ok: false,
    errorClass: outcome.errorClass,
    errorCode: outcome.errorCode,
    message: `${describeError(outcome.errorCode, outcome.errorInfo)}. ${advice}`.trim(),
    failure: outcome,
  };
}
