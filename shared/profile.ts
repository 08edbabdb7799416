// A profile: one app (SDKAppID) in one region or endpoint, with its admin — the secret key is never part of it. Its
// field rules as pure validators (a problem with a stable code, or null): the renderer's form words them in the user's
// language, and the main side's schemas (electron/core/contract/profile-schemas.ts) wrap them with the English text.
import { checkEndpoint, type EndpointProblem } from './endpoint.js';
import { accountPatternProblem } from './glob.js';
import type { Connection, Target } from './target.js';
import { describeUnsafeCharacter, findUnsafeCharacter, type UnsafeCharacter } from './unsafe-text.js';

export const PROFILE_NAME_MAX = 64;
export const IDENTIFIER_MAX = 32;
export const PROTECTED_MAX = 200;

export const SECRET_STORAGES = ['keychain', 'session'] as const;
export type SecretStorage = (typeof SECRET_STORAGES)[number];

/** What the profiles file stores for each profile. */
export interface Profile {
  id: string;
  name: string;
  target: Target;
  sdkAppId: number;
  identifier: string;
  secretStorage: SecretStorage;
  /** Written by Botsweep 0.1 beside a bare keychain entry; ignored now: the keychain entry's own binding counts. */
  keyFor?: { target: Target; sdkAppId: number; identifier: string };
  /** Globs of accounts never to delete in this app; absent in files written before they existed. */
  protected?: string[];
  /** A production app: a red badge everywhere, and deletions confirmed by typing the profile's name. */
  production?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What guards a profile's app, gathered from every profile of that app (main works it out; the renderer shows it). */
export interface AppGuardsView {
  /** The usable protected patterns of every profile of the app. */
  readonly protected: readonly string[];
  /** The production profile name a deletion must be confirmed with, or null when the app is not production. */
  readonly production: string | null;
  /** Stored patterns that cannot be used: every sweep of the app is refused until they are fixed. */
  readonly unusable: readonly string[];
}

/** A profile as shown to the renderer and the CLI: whether a secret is stored, never the secret. */
export interface ProfileView extends Profile {
  readonly hasSecret: boolean;
  /** Its app's guards, when the use cases add them (profiles.list). */
  readonly guards?: AppGuardsView;
}

export function profileConnection(profile: Pick<Profile, 'target' | 'sdkAppId' | 'identifier'>): Connection {
  return { target: profile.target, sdkAppId: profile.sdkAppId, identifier: profile.identifier };
}

/** Why a field cannot be saved: a stable code and its parameters. */
export type ProfileProblem =
  | { readonly code: 'name-empty' | 'identifier-empty' | 'identifier-whitespace' }
  | { readonly code: 'name-too-long' | 'identifier-too-long' | 'protected-too-many'; readonly max: number }
  | { readonly code: 'name-unsafe' | 'identifier-unsafe'; readonly character: UnsafeCharacter }
  | { readonly code: 'sdkappid-not-number' | 'sdkappid-not-whole' | 'sdkappid-not-positive' | 'sdkappid-too-large' }
  | {
      readonly code: 'endpoint';
      readonly problem: EndpointProblem;
      readonly message: string;
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly code: 'protected-pattern'; readonly line: number; readonly pattern: string; readonly detail: string };

/** Every code (the compiler checks the list is whole): the renderer's catalogs must have words for each. */
export const PROFILE_PROBLEM_CODES = /* @__PURE__ */ Object.keys({
  'name-empty': true,
  'name-too-long': true,
  'name-unsafe': true,
  'identifier-empty': true,
  'identifier-too-long': true,
  'identifier-unsafe': true,
  'identifier-whitespace': true,
  'sdkappid-not-number': true,
  'sdkappid-not-whole': true,
  'sdkappid-not-positive': true,
  'sdkappid-too-large': true,
  endpoint: true,
  'protected-pattern': true,
  'protected-too-many': true,
} satisfies Record<ProfileProblem['code'], true>) as ProfileProblem['code'][];

export function profileNameProblem(name: string): ProfileProblem | null {
  const text = name.trim();
  if (!text) return { code: 'name-empty' };
  if (text.length > PROFILE_NAME_MAX) return { code: 'name-too-long', max: PROFILE_NAME_MAX };
  const character = findUnsafeCharacter(text);
  return character ? { code: 'name-unsafe', character } : null;
}

export function sdkAppIdProblem(value: unknown): ProfileProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'sdkappid-not-number' };
  if (!Number.isInteger(value)) return { code: 'sdkappid-not-whole' };
  if (value <= 0) return { code: 'sdkappid-not-positive' };
  return value > Number.MAX_SAFE_INTEGER ? { code: 'sdkappid-too-large' } : null;
}

export function identifierProblem(identifier: string): ProfileProblem | null {
  const text = identifier.trim();
  if (!text) return { code: 'identifier-empty' };
  if (text.length > IDENTIFIER_MAX) return { code: 'identifier-too-long', max: IDENTIFIER_MAX };
  const character = findUnsafeCharacter(text);
  if (character) return { code: 'identifier-unsafe', character };
  return /\s/.test(text) ? { code: 'identifier-whitespace' } : null;
}

/** A custom endpoint's URL, by the rules of shared/endpoint.ts (HTTPS, or plain HTTP to this machine only). */
export function endpointProblem(url: string): ProfileProblem | null {
  const check = checkEndpoint(url);
  return check.ok ? null : { code: 'endpoint', problem: check.problem, message: check.message, params: check.params };
}

/** Protected account globs: each usable (`line` counts from 1), at most PROTECTED_MAX of them. */
export function protectedProblem(globs: readonly string[]): ProfileProblem | null {
  for (const [index, glob] of globs.entries()) {
    const detail = accountPatternProblem(glob);
    if (detail) return { code: 'protected-pattern', line: index + 1, pattern: glob.slice(0, 40), detail };
  }
  return globs.length > PROTECTED_MAX ? { code: 'protected-too-many', max: PROTECTED_MAX } : null;
}

/** The problem in English, for the CLI, the logs and the main process's refusals. */
export function profileProblemText(problem: ProfileProblem): string {
  switch (problem.code) {
    case 'name-empty':
      return 'the profile name is empty';
    case 'name-too-long':
      return `the profile name is longer than ${problem.max} characters`;
    case 'name-unsafe':
      return `the profile name holds an invisible or control character: ${describeUnsafeCharacter(problem.character)}`;
    case 'identifier-empty':
      return 'the admin identifier is empty';
    case 'identifier-too-long':
      return `the admin identifier is longer than ${problem.max} characters`;
    case 'identifier-unsafe':
      return `the admin identifier holds an invisible or control character: ${describeUnsafeCharacter(problem.character)}`;
    case 'identifier-whitespace':
      return 'the admin identifier holds whitespace';
    case 'sdkappid-not-number':
      return 'the SDKAppID must be a number';
    case 'sdkappid-not-whole':
      return 'the SDKAppID must be a whole number';
    case 'sdkappid-not-positive':
      return 'the SDKAppID must be greater than 0';
    case 'sdkappid-too-large':
      return 'the SDKAppID is too large';
    case 'endpoint':
      return problem.message;
    case 'protected-pattern':
      return `protected account pattern "${problem.pattern}": ${problem.detail}`;
    case 'protected-too-many':
      return `at most ${problem.max} protected account patterns`;
  }
}
