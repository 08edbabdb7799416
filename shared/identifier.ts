// The admin identifier rule, with no validation library: the CLI checks a flag by it before anything heavy loads, and
// the profile schema (shared/profile.ts) checks by the same function.
import { describeUnsafeCharacter, findUnsafeCharacter } from './unsafe-text.js';

export const IDENTIFIER_MAX = 32;

/** Why `value` (already trimmed) cannot be an admin identifier, or null when it can. */
export function identifierProblem(value: string): string | null {
  if (value.length === 0) return 'the admin identifier is empty';
  if (value.length > IDENTIFIER_MAX) return `the admin identifier is longer than ${IDENTIFIER_MAX} characters`;
  const found = findUnsafeCharacter(value);
  if (found) return `the admin identifier holds an invisible or control character: ${describeUnsafeCharacter(found)}`;
  if (/\s/.test(value)) return 'the admin identifier holds whitespace';
  return null;
}
