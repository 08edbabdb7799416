// Globs over chatbot accounts: `*` any run of characters, `?` one character, everything else literal. One matcher,
// linear in practice (no regular expression, no backtracking), for "Select matching…", `delete --match` and a profile's
// protected accounts — all of which match the account ID, case-sensitively, and nothing else.
import { ROBOT_MAX_BYTES, ROBOT_PREFIX, utf8Length } from './accounts.js';
import { describeUnsafeCharacter, findUnsafeCharacter } from './unsafe-text.js';

export const GLOB_MAX_LENGTH = 64;

/** Why `glob` cannot be used as a pattern over chatbot accounts, or null. The pattern is taken as typed: never trimmed. */
export function accountPatternProblem(glob: string): string | null {
  if (glob === '') return 'the pattern is empty';
  if (glob.length > GLOB_MAX_LENGTH) return `the pattern is longer than ${GLOB_MAX_LENGTH} characters`;
  const unsafe = findUnsafeCharacter(glob);
  if (unsafe) return `the pattern holds an invisible or control character: ${describeUnsafeCharacter(unsafe)}`;
  const space = /\s/u.exec(glob);
  if (space) {
    const where = space.index === 0 ? 'at its start' : space.index === glob.length - 1 ? 'at its end' : `at position ${space.index + 1}`;
    return `the pattern holds whitespace ${where}, which no chatbot account does: remove it`;
  }
  const head = glob.split('*')[0]!;
  const prefixFits = [...ROBOT_PREFIX].every((char, i) => i >= head.length || head[i] === '?' || head[i] === char);
  if (!prefixFits) return `the pattern cannot match a chatbot account: they start with ${ROBOT_PREFIX} (for example ${ROBOT_PREFIX}prod-*)`;
  if (!glob.includes('*') && glob.length <= ROBOT_PREFIX.length)
    return `the pattern cannot match a chatbot account: something must follow ${ROBOT_PREFIX}`;
  if (utf8Length(glob.replace(/\*/g, '')) > ROBOT_MAX_BYTES)
    return `the pattern is longer than any chatbot account (${ROBOT_MAX_BYTES} bytes) and cannot match one`;
  return null;
}

/** Whether `glob` matches the whole of `text` (characters are code points). */
export function globMatches(glob: string, text: string): boolean {
  return compileGlob(glob)(text);
}

/**
 * A matcher for one glob. The segments between stars are found left to right, each at its first fit: for globs that
 * is enough (a later fit never helps), so the cost is at most the text's length times the pattern's.
 */
export function compileGlob(glob: string): (text: string) => boolean {
  const segments = glob.split('*').map((segment) => [...segment]);
  if (segments.length === 1) {
    const only = segments[0]!;
    return (text) => {
      const chars = [...text];
      return chars.length === only.length && fitsAt(only, chars, 0);
    };
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((segment) => segment.length > 0);
  return (text) => {
    const chars = [...text];
    if (chars.length < first.length + last.length) return false;
    if (!fitsAt(first, chars, 0) || !fitsAt(last, chars, chars.length - last.length)) return false;
    let from = first.length;
    const end = chars.length - last.length;
    for (const segment of middle) {
      let at = -1;
      for (let i = from; i + segment.length <= end; i++) {
        if (fitsAt(segment, chars, i)) {
          at = i;
          break;
        }
      }
      if (at < 0) return false;
      from = at + segment.length;
    }
    return true;
  };
}

function fitsAt(segment: readonly string[], chars: readonly string[], at: number): boolean {
  for (let i = 0; i < segment.length; i++) if (segment[i] !== '?' && segment[i] !== chars[at + i]) return false;
  return true;
}

/** A matcher for many globs at once: true when any matches. Callers check the globs first (accountPatternProblem). */
export function globMatcher(globs: readonly string[]): (text: string) => boolean {
  const matchers = globs.map(compileGlob);
  return (text) => matchers.some((matches) => matches(text));
}
