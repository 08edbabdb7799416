// `botsweep list`: the app's chatbots, from get_all_robots, with their nicknames on --details.
import { parseArgs } from 'node:util';
import { escapeUnsafe } from '../../shared/unsafe-text.js';
import { aimFromFlags, cliUseCases, CONNECTION_HELP, CONNECTION_OPTIONS, envSecret, timeoutFromFlags } from './connection.js';
import { EXIT, writeLine, type CliIo } from './io.js';

export const LIST_HELP = `Usage: botsweep list (--profile NAME | (--region ID | --endpoint URL) --sdkappid N --identifier ID) [--details] [--json]

Lists the app's chatbot accounts (get_all_robots), one per line.
  --details          with each bot's nickname (portrait_get, 100 accounts a call): "ACCOUNT<TAB>NICKNAME"
  --json             print {"count": N, "accounts": [...]} instead; with --details each account is
                     {"account", "nickname"} (nickname null when it has none)
Both forms (text or --json) can be given back to "botsweep delete --file".

${CONNECTION_HELP}`;

export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...CONNECTION_OPTIONS, details: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, LIST_HELP), EXIT.ok);
  const aim = aimFromFlags(values);
  const useCases = cliUseCases(io, timeoutFromFlags(values));
  const { accounts, note } = await useCases.bots.list(aim, envSecret(io), io.interrupted);
  // Only valid chatbot accounts are listed, each once; what else the gateway listed is said here, once.
  if (note) writeLine(io.stderr, `Note: ${note}.`);
  const count = `${accounts.length} chatbot${accounts.length === 1 ? '' : 's'}.`;
  if (!values.details) {
    if (values.json) writeLine(io.stdout, JSON.stringify({ count: accounts.length, accounts }));
    else {
      for (const account of accounts) writeLine(io.stdout, escapeUnsafe(account));
      writeLine(io.stderr, count);
    }
    return EXIT.ok;
  }
  const nicknames = accounts.length ? await useCases.bots.nicknames(aim, accounts, envSecret(io), io.interrupted) : {};
  if (values.json) {
    const details = accounts.map((account) => ({ account, nickname: nicknames[account] ?? null }));
    writeLine(io.stdout, JSON.stringify({ count: accounts.length, accounts: details }));
  } else {
    for (const account of accounts) writeLine(io.stdout, `${escapeUnsafe(account)}\t${escapeUnsafe(nicknames[account] ?? '')}`);
    writeLine(io.stderr, count);
  }
  return EXIT.ok;
}
