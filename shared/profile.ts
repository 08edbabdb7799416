// A profile: one app (SDKAppID) in one region or endpoint, with its admin — the secret key is never part of it.
import { z } from 'zod';
import { checkEndpoint } from './endpoint.js';
import { REGION_IDS } from './regions.js';
import { globProblem } from './glob.js';
import { identifierProblem } from './identifier.js';
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
  .superRefine((id, ctx) => {
    const problem = identifierProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const secretStorageSchema = z.enum(['keychain', 'session']);

/** Accounts never to delete under a profile, as globs over account IDs (`@RBT#prod-*`). */
export const protectedSchema = z
  .array(
    z.string().superRefine((glob, ctx) => {
      const problem = globProblem(glob);
      if (problem) ctx.addIssue({ code: 'custom', message: `protected account pattern "${glob.slice(0, 40)}": ${problem}` });
    }),
  )
  .max(200, 'at most 200 protected account patterns');

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
    /** Where the stored key was entered for; absent in files written before keys were bound to their app. */
    keyFor: keyTargetSchema.optional(),
    /** Globs of accounts never to delete; absent in files written before they existed. */
    protected: protectedSchema.optional(),
    /** A production app: a red badge everywhere, and deletions confirmed by typing the profile's name. */
    production: z.boolean().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;

/** A profile as shown to the renderer and the CLI: whether a secret is stored, never the secret. */
export interface ProfileView extends Profile {
  readonly hasSecret: boolean;
}

export function profileConnection(profile: Pick<Profile, 'target' | 'sdkAppId' | 'identifier'>): Connection {
  return { target: profile.target, sdkAppId: profile.sdkAppId, identifier: profile.identifier };
}
