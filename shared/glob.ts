// Globs over chatbot accounts and nicknames: `*` any run of characters, `?` one character, everything else literal.
// Used for "Select matching…", `delete --match` and a profile's protected accounts.
import { describeUnsafeCharacter, findUnsafeCharacter } from './unsafe-text.js';

export const GLOB_MAX_LENGTH = 64;

/** Why `glob` cannot be used, or null. */
export function globProblem(glob: string): string | null {
  if (glob.trim() === '') return 'the pattern is empty';
  if (glob.length > GLOB_MAX_LENGTH) return `the pattern is longer than ${GLOB_MAX_LENGTH} characters`;
  const unsafe = findUnsafeCharacter(glob);
  if (unsafe) return `the pattern holds an invisible or control character: ${describeUnsafeCharacter(unsafe)}`;
  return null;
}

/** The whole-text regular expression of a glob; `ignoreCase` for nicknames. */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u');
}

/** A matcher for many globs at once: true when any matches. */
export function globMatcher(globs: readonly string[], ignoreCase = false): (text: string) => boolean {
  const patterns = globs.filter((glob) => globProblem(glob) === null).map((glob) => globToRegExp(glob, ignoreCase));
  return (text) => patterns.some((pattern) => pattern.test(text));
}
