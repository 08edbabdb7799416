// The main side's schemas for a profile and its fields: zod wrappers around shared/profile.ts's validators (one rule,
// worded once), typed against the shared types so a schema cannot drift from what the contract says it parses.
import { z } from 'zod';
import { PROFILE_ID_PATTERN } from '../../../shared/ids.js';
import {
  endpointProblem,
  identifierProblem,
  profileNameProblem,
  profileProblemText,
  protectedProblem,
  sdkAppIdProblem,
  SECRET_STORAGES,
  type Profile,
  type ProfileProblem,
} from '../../../shared/profile.js';
import { REGION_IDS } from '../../../shared/regions.js';
import type { Target } from '../../../shared/target.js';
import type { Assert, Same } from './same.js';

/** A refinement that reports the validator's problem in English; `path` places it (e.g. the bad pattern's index). */
function rule<T>(problemOf: (value: T) => ProfileProblem | null) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (!problem) return;
    const path = problem.code === 'protected-pattern' ? [problem.line - 1] : [];
    ctx.addIssue({ code: 'custom', message: profileProblemText(problem), path });
  };
}

export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('region'), region: z.enum(REGION_IDS) }).strict(),
  z.object({ kind: z.literal('endpoint'), url: z.string().superRefine(rule(endpointProblem)) }).strict(),
]);

export const profileNameSchema = z.string().trim().superRefine(rule(profileNameProblem));

export const sdkAppIdSchema = z
  .number({ error: profileProblemText({ code: 'sdkappid-not-number' }) })
  .superRefine(rule<number>(sdkAppIdProblem));

export const identifierSchema = z.string().trim().superRefine(rule(identifierProblem));

export const secretStorageSchema = z.enum(SECRET_STORAGES);

/** Accounts never to delete under a profile, as globs over account IDs (`@RBT#prod-*`). */
export const protectedSchema = z.array(z.string()).superRefine(rule<string[]>(protectedProblem));

/** The app a secret key was entered for: the key signs for this and nothing else. */
export const keyTargetSchema = z.object({ target: targetSchema, sdkAppId: sdkAppIdSchema, identifier: identifierSchema }).strict();

/** What the profiles file stores for each profile. */
export const profileSchema = z
  .object({
    id: z.string().regex(PROFILE_ID_PATTERN),
    name: profileNameSchema,
    target: targetSchema,
    sdkAppId: sdkAppIdSchema,
    identifier: identifierSchema,
    secretStorage: secretStorageSchema,
    keyFor: keyTargetSchema.optional(),
    // Any strings here: one damaged pattern must not make the whole file unreadable; the guards refuse a sweep over it.
    protected: z.array(z.string().max(1024)).max(1000).optional(),
    production: z.boolean().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();

/** Compile-time: the schemas parse to exactly the shared types (a field added to one and not the other fails here). */
export type ProfileSchemaMatchesProfile = Assert<Same<z.output<typeof profileSchema>, Profile>>;
export type TargetSchemaMatchesTarget = Assert<Same<z.output<typeof targetSchema>, Target>>;
