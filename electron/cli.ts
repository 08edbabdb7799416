// The `botsweep` command line: dispatches to a command and turns every error into a message and an exit code.
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import packageJson from '../package.json' with { type: 'json' };
import { nodeFetch } from './core/tim/node-http.js';
import { EXIT, InputCancelled, SIGNAL_EXIT_CODES, signalExitCode, UsageError, writeLine, type CancelSignal, type CliIo } from './cli/io.js';

interface CommandModule {
  readonly run: (args: string[], io: CliIo) => Promise<number>;
  readonly help: string;
}
/** A command's module is loaded only when it runs: a `delete` does not pay for the web host, the keychain or zod's schemas. */
type Command = { load: () => Promise<CommandModule>; summary: string };

const COMMANDS: Record<string, Command> = {
  delete: {
    load: async () => import('./cli/delete-command.js').then((m) => ({ run: m.deleteCommand, help: m.DELETE_HELP })),
    summary: 'delete chatbot accounts (from arguments or a file)',
  },
  list: {
    load: async () => import('./cli/list-command.js').then((m) => ({ run: m.listCommand, help: m.LIST_HELP })),
    summary: 'list the app’s chatbot accounts',
  },
  retry: {
    load: async () => import('./cli/retry-command.js').then((m) => ({ run: m.retryCommand, help: m.RETRY_HELP })),
    summary: 'send a batch’s failed, unconfirmed and skipped accounts again',
  },
  recreate: {
    load: async () => import('./cli/recreate-command.js').then((m) => ({ run: m.recreateCommand, help: m.RECREATE_HELP })),
    summary: 'undo a deletion: re-create its bots with the profiles saved before',
  },
  profile: {
    load: async () => import('./cli/profile-command.js').then((m) => ({ run: m.profileCommand, help: m.PROFILE_HELP })),
    summary: 'add, list, test or remove profiles (secret keys in the OS keychain)',
  },
  history: {
    load: async () => import('./cli/history-command.js').then((m) => ({ run: m.historyCommand, help: m.HISTORY_HELP })),
    summary: 'show, export or clear the history of batches',
  },
  sandbox: {
    load: async () => import('./cli/sandbox-command.js').then((m) => ({ run: m.sandboxCommand, help: m.SANDBOX_HELP })),
    summary: 'run a local sandbox gateway to try Botsweep safely',
  },
  web: {
    load: async () => import('./cli/web-command.js').then((m) => ({ run: m.webCommand, help: m.WEB_HELP })),
    summary: 'serve the UI to a browser on 127.0.0.1 (--demo: with a sandbox)',
  },
  usersig: {
    load: async () => import('./cli/usersig-command.js').then((m) => ({ run: m.usersigCommand, help: m.USERSIG_HELP })),
    summary: 'print a UserSig made with TIM_SECRET_KEY',
  },
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
    writeLine(io.stdout, (await COMMANDS[args[0]]!.load()).help);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(io.stdout, mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, packageJson.version);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    writeLine(io.stderr, `botsweep: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return EXIT.usage;
  }
  try {
    return await (await command.load()).run(args, io);
  } catch (error) {
    if (error instanceof InputCancelled) {
      writeLine(io.stderr, `botsweep ${name}: ${error.message}.`);
      return signalExitCode(error.signal);
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      writeLine(io.stderr, `botsweep ${name}: ${(error as Error).message}`);
      writeLine(io.stderr, `Run "botsweep ${name} --help" for its options.`);
      return EXIT.usage;
    }
    writeLine(io.stderr, `botsweep ${name}: ${error instanceof Error ? error.message : String(error)}`);
    // A refusal or a failed call carries its exit code (the use cases' table); read by name, so a command that never
    // needs the use cases does not load them.
    const { name: kind, exitCode } = (error ?? {}) as { name?: string; exitCode?: unknown };
    if ((kind === 'Refusal' || kind === 'CallFailed') && typeof exitCode === 'number') return exitCode;
    // The keychain could not give a key: a credentials problem, nothing sent.
    return kind === 'VaultError' ? EXIT.credentials : EXIT.someFailed;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Ends this process by `signal` itself, at once: its default action, which no pending work can hold up (process.exit()
 * can: it waits for a thread blocked opening a FIFO). The shell sees 128 + the signal's number, as documented.
 */
function dieBy(signal: CancelSignal): never {
  for (const name of Object.keys(SIGNAL_EXIT_CODES)) process.removeAllListeners(name);
  process.kill(process.pid, signal);
  process.exit(SIGNAL_EXIT_CODES[signal]); // where signals are not real (Windows)
}

/** After the first signal, the command has this long to finish (journal, report) once it returned before it is ended. */
const DRAIN_MS = 1000;

/** Runs the CLI for this process. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  let signals = 0;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as CancelSignal[]) {
    process.on(signal, () => {
      // A second signal leaves at once; the first lets a batch finish its in-flight calls and journal them.
      if (++signals > 1) dieBy(signal);
      controller.abort(signal);
    });
  }
  // A closed terminal (SIGHUP) or pipe must not crash the drain: what cannot be printed is in the journal.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    // Opened only when a command reads it: setting up stdin costs a command that does not read it a few ms.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    now: Date.now,
    interrupted: controller.signal,
    fetch: nodeFetch,
  });
  process.exitCode = code;
  // A signal ended the command: if something still holds the process (a read blocked in the OS), end it shortly.
  const signal = controller.signal.reason as CancelSignal | undefined;
  if (signal) setTimeout(() => dieBy(signal), DRAIN_MS).unref();
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) void main();
