// The Robot_Account rule and the parser for pasted lists and files of chatbot accounts.
import { describeUnsafeCharacter, findUnsafeCharacter } from './unsafe-text.js';

export const ROBOT_PREFIX = '@RBT#';
export const ROBOT_MAX_BYTES = 32;

export type AccountProblem =
  | 'empty'
  | 'missing-prefix'
  | 'too-long'
  | 'whitespace'
  | 'control-character'
  | 'invisible-character'
  | 'prefix-only'
  /** A valid-looking entry that its file does not let Botsweep take (the reason says why). */
  | 'not-taken';

export const ACCOUNT_PROBLEM_TEXT: Record<AccountProblem, string> = {
  empty: 'the account is empty',
  'missing-prefix': `a chatbot account starts with ${ROBOT_PREFIX}`,
  'prefix-only': `nothing follows ${ROBOT_PREFIX}`,
  'too-long': `longer than ${ROBOT_MAX_BYTES} bytes (UTF-8)`,
  whitespace: 'contains whitespace',
  'control-character': 'contains a control character',
  'invisible-character': 'contains an invisible or text-direction character',
  'not-taken': 'cannot be taken from this file',
};

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Why `value` is not a valid Robot_Account, or null when it is one. */
export function robotAccountProblem(value: unknown): AccountProblem | null {
  if (typeof value !== 'string' || value.length === 0) return 'empty';
  // Control and invisible characters first: they would make other messages confusing, and
  // "@RBT#\u202Enimda" shows as "@RBT#admin".
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'control-character';
  if (findUnsafeCharacter(value)) return 'invisible-character';
  if (/\s/u.test(value)) return 'whitespace';
  if (!value.startsWith(ROBOT_PREFIX)) return 'missing-prefix';
  if (value.length === ROBOT_PREFIX.length) return 'prefix-only';
  if (utf8Length(value) > ROBOT_MAX_BYTES) return 'too-long';
  return null;
}

/** The reason in words, naming the offending character and its position where there is one. */
export function accountProblemReason(value: string, problem: AccountProblem): string {
  const found = problem === 'control-character' || problem === 'invisible-character' ? findUnsafeCharacter(value) : null;
  return found ? `${ACCOUNT_PROBLEM_TEXT[problem]}: ${describeUnsafeCharacter(found)}` : ACCOUNT_PROBLEM_TEXT[problem];
}

export function isRobotAccount(value: unknown): value is string {
  return robotAccountProblem(value) === null;
}

export interface InvalidAccount {
  /** 1-based line number in the pasted text or file. */
  readonly line: number;
  readonly value: string;
  readonly problem: AccountProblem;
  readonly reason: string;
}

export interface ParsedAccounts {
  /** Valid accounts, de-duplicated, in first-seen order. */
  readonly accounts: string[];
  readonly invalid: InvalidAccount[];
  /** How many valid entries repeated an earlier one and were dropped. */
  readonly duplicates: number;
  /** The accounts that came more than once, each named once, in first-seen order. */
  readonly duplicated: string[];
}

/**
 * Parses one account per line, or several separated by commas or tabs. Entries are trimmed,
 * blank ones skipped, duplicates dropped (first occurrence kept); every invalid entry is
 * reported with its line number and reason.
 */
export function parseAccountList(text: string): ParsedAccounts {
  const accounts: string[] = [];
  const invalid: InvalidAccount[] = [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  let duplicates = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((lineText, index) => {
    for (const raw of lineText.split(/[,\t]/)) {
      const value = raw.trim();
      if (value === '') continue;
      const problem = robotAccountProblem(value);
      if (problem) {
        invalid.push({ line: index + 1, value, problem, reason: accountProblemReason(value, problem) });
      } else if (seen.has(value)) {
        duplicates++;
        repeated.add(value);
      } else {
        seen.add(value);
        accounts.push(value);
      }
    }
  });
  return { accounts, invalid, duplicates, duplicated: [...repeated] };
}

/** One line per invalid entry, e.g. `line 3: "bot1" — a chatbot account starts with @RBT#`; `where` names the place. */
export function describeInvalidAccounts(
  invalid: readonly InvalidAccount[],
  where: (line: number) => string = (line) => `line ${line}`,
): string[] {
  return invalid.map((entry) => `${where(entry.line)}: ${JSON.stringify(entry.value)} — ${entry.reason}`);
}
