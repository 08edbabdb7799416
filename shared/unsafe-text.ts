// Characters that change how text looks on a terminal or screen without being seen: control, zero-width and
// bidi-control characters. Found (to refuse them in names and accounts) and escaped (before text reaches a terminal).

/** C0 and C1 controls, DEL, zero-width and invisible formatting characters, bidi controls, line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const UNSAFE_BUT_NEWLINE_TAB =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0x9d: 'OPERATING SYSTEM COMMAND',
  0xad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

export interface UnsafeCharacter {
  /** "U+202E". */
  readonly codePoint: string;
  /** "RIGHT-TO-LEFT OVERRIDE", or a generic kind. */
  readonly name: string;
  /** 1-based character position in the text. */
  readonly position: number;
}

function codePointLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first unsafe character of `text`, or null. */
export function findUnsafeCharacter(text: string): UnsafeCharacter | null {
  const match = UNSAFE.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  const name = NAMES[code] ?? (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? 'control character' : 'invisible formatting character');
  return { codePoint: codePointLabel(code), name, position: [...text.slice(0, match.index)].length + 1 };
}

/** "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 6" */
export function describeUnsafeCharacter(found: UnsafeCharacter): string {
  return `${found.codePoint} (${found.name}) at character ${found.position}`;
}

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Every unsafe character written as `\uXXXX`, newlines included: for one value from outside (an account, gateway text). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_ALL, escape);
}

/** Like escapeUnsafe, but keeps newlines and tabs: the last guard on whole lines written to a terminal. */
export function escapeUnsafeKeepLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE_TAB, escape);
}
