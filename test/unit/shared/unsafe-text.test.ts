// Invisible and control characters: found with their name and position, escaped for terminals, refused in accounts.
import { describe, expect, it } from 'vitest';
import { parseAccountList, robotAccountProblem } from '../../../shared/accounts.js';
import { checkEndpoint, connectBaseUrl } from '../../../shared/endpoint.js';
import { identifierSchema, profileNameSchema } from '../../../electron/core/contract/profile-schemas.js';
import { escapeUnsafe, escapeUnsafeKeepLines, findUnsafeCharacter } from '../../../shared/unsafe-text.js';

describe('unsafe characters', () => {
  it.each([
    ['@RBT#a\u200bb', 'U+200B', 'ZERO WIDTH SPACE', 7],
    ['@RBT#\u202enimda', 'U+202E', 'RIGHT-TO-LEFT OVERRIDE', 6],
    ['a\u0085b', 'U+0085', 'control character', 2],
    ['😀\u2066x', 'U+2066', 'LEFT-TO-RIGHT ISOLATE', 2],
  ])('finds the first one in %j with its code point, name and 1-based position', (text, codePoint, name, position) => {
    expect(findUnsafeCharacter(text)).toEqual({ codePoint, name, position });
  });

  it('leaves ordinary text, CJK and emoji alone', () => {
    for (const text of ['@RBT#bot_01', '管理员', '관리자', 'café', '😀']) {
      expect(findUnsafeCharacter(text)).toBeNull();
      expect(escapeUnsafe(text)).toBe(text);
    }
  });

  it('escapes for terminals, keeping newlines and tabs only where whole lines are written', () => {
    expect(escapeUnsafe('a\u001b]52;c;x\u0007\nb')).toBe('a\\u001b]52;c;x\\u0007\\u000ab');
    expect(escapeUnsafeKeepLines('a\u001b[31m\tb\nc\rd\u202e')).toBe('a\\u001b[31m\tb\nc\\u000dd\\u202e');
    // The escape is valid JSON for the same character.
    expect(JSON.parse(escapeUnsafeKeepLines(JSON.stringify({ v: 'x\u202ey\u0085' })))).toEqual({ v: 'x\u202ey\u0085' });
  });

  it('refuses them in accounts, identifiers and profile names with the character and position', () => {
    expect(robotAccountProblem('@RBT#a\u200bb')).toBe('invisible-character');
    expect(robotAccountProblem('@RBT#\u202enimda')).toBe('invisible-character');
    expect(parseAccountList('@RBT#ok\n@RBT#\u202enimda').invalid).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/U\+202E \(RIGHT-TO-LEFT OVERRIDE\) at character 6/) }),
    ]);
    expect(identifierSchema.safeParse('admin\u200d').error?.issues[0]?.message).toMatch(/U\+200D .* at character 6/);
    expect(profileNameSchema.safeParse('Prod\u0085').error?.issues[0]?.message).toMatch(/U\+0085 .* at character 5/);
    expect(profileNameSchema.safeParse('Prod SG 서울').success).toBe(true);
  });
});

describe('plain HTTP endpoints', () => {
  it.each(['http://gw.localhost:8080', 'http://a.b.localhost', 'http://LOCALHOST.localhost'])(
    'refuses %s (resolved through DNS)',
    (url) => {
      expect(checkEndpoint(url)).toMatchObject({ ok: false, message: expect.stringMatching(/looked up in DNS/) });
    },
  );

  it('accepts loopback literals and localhost, and connects to localhost as 127.0.0.1', () => {
    for (const url of ['http://127.0.0.1:1', 'http://127.9.8.7', 'http://[::1]:9', 'http://localhost:8080'])
      expect(checkEndpoint(url).ok).toBe(true);
    expect(checkEndpoint('https://gw.localhost').ok).toBe(true);
    expect(connectBaseUrl('http://LocalHost:8080/x')).toBe('http://127.0.0.1:8080/x');
    expect(connectBaseUrl('https://localhost:8443')).toBe('https://localhost:8443');
  });
});
