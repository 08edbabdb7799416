// A profile: one app (SDKAppID) in one region or endpoint, with its admin — the secret key is never part of it.
import { z } from 'zod';
import { checkEndpoint } from './endpoint.js';
import { REGION_IDS } from './regions.js';
import { accountPatternProblem } from './glob.js';
import { describeUnsafeCharacter, findUnsafeCharacter } from './unsafe-text.js';
import type { Connection } from './target.js';

export const PROFILE_NAME_MAX = 64;

export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('region'), region: z.enum(REGION_IDS) }).strict(),
  z
    .object({
      kind: z.literal('endpoint'),
      url: z.string().superRefine((url, ctx) => {
        const check = checkEndpoint(url);
        if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
      }),
    })
    .strict(),
]);

/** Refuses control, zero-width and bidi-control characters, naming the character and where it is. */
function noUnsafeCharacter(what: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = findUnsafeCharacter(value);
    if (found)
      ctx.addIssue({ code: 'custom', message: `${what} holds an invisible or control character: ${describeUnsafeCharacter(found)}` });
  };
}

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'the profile name is empty')
  .max(PROFILE_NAME_MAX, `the profile name is longer than ${PROFILE_NAME_MAX} characters`)
  .superRefine(noUnsafeCharacter('the profile name'));

export const sdkAppIdSchema = z
  .number({ error: 'the SDKAppID must be a number' })
  .int('the SDKAppID must be a whole number')
  .positive('the SDKAppID must be greater than 0')
  .max(Number.MAX_SAFE_INTEGER, 'the SDKAppID is too large');

export const identifierSchema = z
  .string()
  .trim()
  .min(1, 'the admin identifier is empty')
  .max(32, 'the admin identifier is longer than 32 characters')
  .superRefine(noUnsafeCharacter('the admin identifier'))
  .refine((id) => !/\s/.test(id), 'the admin identifier holds whitespace');

export const secretStorageSchema = z.enum(['keychain', 'session']);

export const PROTECTED_PATTERNS_MAX = 200;

/** Accounts never to delete in an app, as globs over account IDs (`@RBT#prod-*`), checked as they are saved. */
export const protectedSchema = z
  .array(
    z.string().superRefine((glob, ctx) => {
      const problem = accountPatternProblem(glob);
      if (problem) ctx.addIssue({ code: 'custom', message: `protected account pattern "${glob.slice(0, 40)}": ${problem}` });
    }),
  )
  .max(PROTECTED_PATTERNS_MAX, `at most ${PROTECTED_PATTERNS_MAX} protected account patterns`);

/**
 * The protected patterns as the profiles file holds them: any strings, so one damaged pattern cannot make the whole
 * file unreadable (and every guard vanish with it); the guards refuse a sweep over a pattern that cannot be used.
 */
const storedProtectedSchema = z.array(z.string().max(1024)).max(PROTECTED_PATTERNS_MAX * 5);

/** The app a secret key was entered for: the key signs for this and nothing else. */
export const keyTargetSchema = z.object({ target: targetSchema, sdkAppId: sdkAppIdSchema, identifier: identifierSchema }).strict();

/** What the profiles file stores for each profile. */
export const profileSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f-]{36}$/),
    name: profileNameSchema,
    target: targetSchema,
    sdkAppId: sdkAppIdSchema,
    identifier: identifierSchema,
    secretStorage: secretStorageSchema,
    /** Written by Botsweep 0.1 beside a bare keychain entry; ignored now: the keychain entry's own binding counts. */
    keyFor: keyTargetSchema.optional(),
    /** Globs of accounts never to delete in this app; absent in files written before they existed. */
    protected: storedProtectedSchema.optional(),
    /** A production app: a red badge everywhere, and deletions confirmed by typing the profile's name. */
    production: z.boolean().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;

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
