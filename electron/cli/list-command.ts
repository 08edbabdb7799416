// `botsweep list`: the app's chatbots, from get_all_robots.
import { parseArgs } from 'node:util';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import { gatewayFor } from '../core/gateway-env.js';
import { describeInvalidEntries } from '../core/tim/answers.js';
import { describeError, stopsBatch } from '../core/tim/errors.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, cliGatewayEnv, resolveConnection, timeoutFromFlags } from './connection.js';
import { EXIT, writeLine, type CliIo } from './io.js';

export const LIST_HELP = `Usage: botsweep list (--profile NAME | (--region ID | --endpoint URL) --sdkappid N --identifier ID) [--details] [--json]

Lists the app's chatbot accounts (get_all_robots), one per line.
  --details          with each bot's nickname (portrait_get, 100 accounts a call): "ACCOUNT<TAB>NICKNAME"
  --json             print {"count": N, "accounts": [...]} instead; with --details each account is
                     {"account", "nickname"} (nickname null when it has none)

${CONNECTION_HELP}`;

export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...CONNECTION_OPTIONS, details: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, LIST_HELP), EXIT.ok);
  const { connection, secret } = await resolveConnection(values, io);
  const gateway = gatewayFor(connection, await secret(), cliGatewayEnv(io), timeoutFromFlags(values));
  const outcome = await gateway.getAllRobots(io.interrupted);
  if (!outcome.ok) {
    writeLine(io.stderr, `botsweep list: ${describeError(outcome.errorCode, outcome.errorInfo)}. ${outcome.advice}`);
    return stopsBatch(outcome.errorClass) ? EXIT.aborted : EXIT.someFailed;
  }
  // The client keeps only valid chatbot accounts, each once; what else the gateway listed is reported here, once.
  const accounts = outcome.answer.Robot_Account ?? [];
  const junk = describeInvalidEntries(outcome.answer);
  if (junk) writeLine(io.stderr, `Note: ${junk}.`);
  if (!values.details) {
    if (values.json) writeLine(io.stdout, JSON.stringify({ count: accounts.length, accounts }));
    else {
      for (const account of accounts) writeLine(io.stdout, escapeUnsafe(account));
      writeLine(io.stderr, `${accounts.length} chatbot${accounts.length === 1 ? '' : 's'}.`);
    }
    return EXIT.ok;
  }
  const nicknames = new Map<string, string>();
  for (let i = 0; i < accounts.length; i += NICKNAMES_PER_CALL) {
    const answer = await gateway.nicknames(accounts.slice(i, i + NICKNAMES_PER_CALL), io.interrupted);
    if (!answer.ok) {
      writeLine(io.stderr, `botsweep list: nicknames: ${describeError(answer.errorCode, answer.errorInfo)}. ${answer.advice}`);
      return stopsBatch(answer.errorClass) ? EXIT.aborted : EXIT.someFailed;
    }
    for (const [account, nickname] of Object.entries(answer.answer.nicknames)) nicknames.set(account, nickname);
  }
  if (values.json) {
    const details = accounts.map((account) => ({ account, nickname: nicknames.get(account) ?? null }));
    writeLine(io.stdout, JSON.stringify({ count: accounts.length, accounts: details }));
  } else {
    for (const account of accounts) writeLine(io.stdout, `${escapeUnsafe(account)}\t${escapeUnsafe(nicknames.get(account) ?? '')}`);
    writeLine(io.stderr, `${accounts.length} chatbot${accounts.length === 1 ? '' : 's'}.`);
  }
  return EXIT.ok;
}

/** portrait_get takes at most 100 accounts a call. */
const NICKNAMES_PER_CALL = 100;
