// A profile's field rules, once: the pure validators (what the renderer's form words) and the main side's schemas,
// which wrap them and must refuse exactly the same values with the same English words.
import { describe, expect, it } from 'vitest';
import {
  identifierSchema,
  profileNameSchema,
  protectedSchema,
  sdkAppIdSchema,
  targetSchema,
} from '../../../electron/core/contract/profile-schemas.js';
import {
  endpointProblem,
  identifierProblem,
  profileNameProblem,
  profileProblemText,
  protectedProblem,
  sdkAppIdProblem,
  type ProfileProblem,
} from '../../../shared/profile.js';

const code = (problem: ProfileProblem | null) => problem?.code ?? null;

describe('the validators', () => {
  it.each([
    ['Prod', null],
    ['  Prod  ', null],
    ['', 'name-empty'],
    ['   ', 'name-empty'],
    ['x'.repeat(65), 'name-too-long'],
    ['Prod\u200b', 'name-unsafe'],
  ])('name %j → %s', (value, expected) => expect(code(profileNameProblem(value))).toBe(expected));

  it.each([
    [1400000000, null],
    [Number.NaN, 'sdkappid-not-number'],
    [Number.POSITIVE_INFINITY, 'sdkappid-not-number'],
    ['14', 'sdkappid-not-number'],
    [1.5, 'sdkappid-not-whole'],
    [0, 'sdkappid-not-positive'],
    [-3, 'sdkappid-not-positive'],
    [2 ** 60, 'sdkappid-too-large'],
  ])('SDKAppID %j → %s', (value, expected) => expect(code(sdkAppIdProblem(value))).toBe(expected));

  it.each([
    ['administrator', null],
    ['', 'identifier-empty'],
    ['a'.repeat(33), 'identifier-too-long'],
    ['admin\u0007', 'identifier-unsafe'],
    ['ad min', 'identifier-whitespace'],
  ])('identifier %j → %s', (value, expected) => expect(code(identifierProblem(value))).toBe(expected));

  it('endpoints keep their stable problem and words; protected globs name the bad line, then the count', () => {
    expect(endpointProblem('https://gw.example.com')).toBeNull();
    expect(endpointProblem('http://gw.example.com')).toMatchObject({
      code: 'endpoint',
      problem: 'http-remote',
      params: { host: 'gw.example.com' },
    });
    expect(endpointProblem('nope')).toMatchObject({ problem: 'not-url' });
    expect(protectedProblem(['@RBT#a*', ''])).toMatchObject({ code: 'protected-pattern', line: 2 });
    expect(protectedProblem(Array.from({ length: 201 }, (_, i) => `@RBT#${i}`))).toMatchObject({ code: 'protected-too-many', max: 200 });
    expect(protectedProblem(['@RBT#a*'])).toBeNull();
  });
});

describe('the schemas wrap the validators', () => {
  const message = (
    schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
    value: unknown,
  ) => schema.safeParse(value).error?.issues[0]?.message ?? null;
  const words = (problem: ProfileProblem | null) => (problem ? profileProblemText(problem) : null);

  it.each(['Prod', '', 'x'.repeat(65), 'Prod\u202e'])('name %j', (value) =>
    expect(message(profileNameSchema, value)).toBe(words(profileNameProblem(value))),
  );
  it.each(['administrator', '', 'a'.repeat(33), 'ad min', 'admin\u0085'])('identifier %j', (value) =>
    expect(message(identifierSchema, value)).toBe(words(identifierProblem(value))),
  );
  it.each([1400000000, 0, 1.5, 2 ** 60, '14'])('SDKAppID %j', (value) =>
    expect(message(sdkAppIdSchema, value)).toBe(words(sdkAppIdProblem(value))),
  );
  it('endpoint and protected globs', () => {
    expect(message(targetSchema, { kind: 'endpoint', url: 'http://gw.example.com' })).toBe(words(endpointProblem('http://gw.example.com')));
    expect(message(protectedSchema, ['@RBT#a', ''])).toBe(words(protectedProblem(['@RBT#a', ''])));
    expect(protectedSchema.safeParse(['@RBT#a', '']).error?.issues[0]?.path).toEqual([1]);
  });
});
