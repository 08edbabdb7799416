// The `botsweep` command line: dispatches to a command and turns every error into a message and an exit code.
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { KeychainProblem } from './cli/connection.js';
import { EXIT, SIGNAL_EXIT_CODES, UsageError, writeLine, type CancelSignal, type CliIo } from './cli/io.js';
import { profileCommand, PROFILE_HELP } from './cli/profile-command.js';
import { historyCommand, HISTORY_HELP } from './cli/history-command.js';
import { listCommand, LIST_HELP } from './cli/list-command.js';
import { sandboxCommand, SANDBOX_HELP } from './cli/sandbox-command.js';
import { webCommand, WEB_HELP } from './cli/web-command.js';
import { deleteCommand, DELETE_HELP, retryCommand, RETRY_HELP } from './cli/sweep-commands.js';
import { usersigCommand, USERSIG_HELP } from './cli/usersig-command.js';

type Command = { run: (args: string[], io: CliIo) => Promise<number>; summary: string; help: string };

const COMMANDS: Record<string, Command> = {
  delete: { run: deleteCommand, summary: 'delete chatbot accounts (from arguments or a file)', help: DELETE_HELP },
  list: { run: listCommand, summary: 'list the app’s chatbot accounts', help: LIST_HELP },
  retry: { run: retryCommand, summary: 'send a batch’s failed, skipped and unconfirmed accounts again', help: RETRY_HELP },
  profile: { run: profileCommand, summary: 'add, list, test or remove profiles (secret keys in the OS keychain)', help: PROFILE_HELP },
  history: { run: historyCommand, summary: 'show, export or clear the history of batches', help: HISTORY_HELP },
  sandbox: { run: sandboxCommand, summary: 'run a local sandbox gateway to try Botsweep safely', help: SANDBOX_HELP },
  web: { run: webCommand, summary: 'serve the UI to a browser on 127.0.0.1 (--demo: with a sandbox)', help: WEB_HELP },
  usersig: { run: usersigCommand, summary: 'print a UserSig made with TIM_SECRET_KEY', help: USERSIG_HELP },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: botsweep <command> [options]

Deletes Tencent Cloud Chat (IM) chatbot accounts (@RBT#…) through the IM REST API.

Commands:
${lines.join('\n')}

Run "botsweep <command> --help" for a command's options.`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' && args[0] && COMMANDS[args[0]]) {
    writeLine(io.stdout, COMMANDS[args[0]]!.help);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(io.stdout, mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, '0.1.0');
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    writeLine(io.stderr, `botsweep: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      writeLine(io.stderr, `botsweep ${name}: ${(error as Error).message}`);
      writeLine(io.stderr, `Run "botsweep ${name} --help" for its options.`);
      return EXIT.usage;
    }
    writeLine(io.stderr, `botsweep ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof KeychainProblem ? EXIT.aborted : EXIT.someFailed;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Runs the CLI for this process. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  let signals = 0;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as CancelSignal[]) {
    process.on(signal, () => {
      // A second signal leaves at once; the first lets a batch finish its in-flight calls and journal them.
      if (++signals > 1) process.exit(SIGNAL_EXIT_CODES[signal]);
      controller.abort(signal);
    });
  }
  // A closed terminal (SIGHUP) or pipe must not crash the drain: what cannot be printed is in the journal.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: Date.now,
    interrupted: controller.signal,
  });
  process.exitCode = code;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) void main();
