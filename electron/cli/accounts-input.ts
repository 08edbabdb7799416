// Collects the accounts for a batch from arguments and --file (a path or - for stdin), all validated before anything is sent.
import { readFile } from 'node:fs/promises';
import { describeInvalidAccounts, parseAccountList } from '../../shared/accounts.js';
import { readAll, UsageError, type CliIo } from './io.js';

export interface AccountsInput {
  readonly accounts: string[];
  readonly duplicates: number;
}

export async function readAccounts(args: readonly string[], file: string | undefined, io: CliIo): Promise<AccountsInput> {
  const sources: { label: (line: number) => string; text: string }[] = [];
  if (args.length) sources.push({ label: (line) => `argument ${line}`, text: args.join('\n') });
  if (file !== undefined) {
    let text: string;
    if (file === '-') text = await readAll(io.stdin);
    else {
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(
          `cannot read --file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
        );
      }
    }
    sources.push({ label: (line) => `${file === '-' ? 'stdin' : file} line ${line}`, text });
  }
  if (!sources.length) throw new UsageError('no accounts given: name them as arguments, or use --file PATH (or --file - for stdin)');

  const seen = new Set<string>();
  const accounts: string[] = [];
  const problems: string[] = [];
  let duplicates = 0;
  for (const source of sources) {
    const parsed = parseAccountList(source.text);
    duplicates += parsed.duplicates;
    problems.push(...describeInvalidAccounts(parsed.invalid, source.label));
    for (const account of parsed.accounts) {
      if (seen.has(account)) {
        duplicates++;
      } else {
        seen.add(account);
        accounts.push(account);
      }
    }
  }
  if (problems.length) {
    const lines = problems.map((line) => `  ${line}`).join('\n');
    throw new UsageError(`${problems.length} invalid account${problems.length === 1 ? '' : 's'}; nothing was sent:\n${lines}`);
  }
  if (!accounts.length) throw new UsageError('the input holds no accounts');
  return { accounts, duplicates };
}
