// The main side of the contract: a zod schema for every call's payload, checked before any handler runs, each typed
// against shared/api.ts's request type so the two cannot drift. The renderer never loads this file (nor zod).
import { z } from 'zod';
import { accountProblemReason, robotAccountProblem } from '../../../shared/accounts.js';
import { EXPORT_FORMATS, IMPORT_MAX_CHARS, type Channel, type Request } from '../../../shared/api.js';
import { LANGUAGES, THEMES, type Settings } from '../../../shared/settings.js';
import { BATCH_ID_PATTERN, PROFILE_ID_PATTERN } from '../../../shared/ids.js';
import { ACCOUNT_STATUSES, BATCH_STATUSES } from '../../../shared/sweep.js';
import {
  identifierSchema,
  profileNameSchema,
  protectedSchema,
  sdkAppIdSchema,
  secretStorageSchema,
  targetSchema,
} from './profile-schemas.js';
import type { Assert, Same } from './same.js';

const id = z.string().regex(PROFILE_ID_PATTERN, 'not a profile id');
const batchId = z.string().regex(BATCH_ID_PATTERN, 'not a batch id');
const robotAccount = z.string().superRefine((value, ctx) => {
  const problem = robotAccountProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `not a chatbot account (@RBT#…): ${accountProblemReason(value, problem)}` });
});
const accounts = z.array(robotAccount).min(1).max(100_000);
const secret = z.string().min(1).max(1024);
const noFields = z.object({}).strict();

export const settingsSchema = z
  .object({ language: z.enum(['system', ...LANGUAGES]), theme: z.enum(['system', ...THEMES]), snapshot: z.boolean() })
  .strict() satisfies z.ZodType<Settings>;

/** Every call's payload (see shared/api.ts for what each field means). */
export const requestSchemas = {
  'profiles.list': noFields,
  'profiles.save': z
    .object({
      id: id.optional(),
      name: profileNameSchema,
      target: targetSchema,
      sdkAppId: sdkAppIdSchema,
      identifier: identifierSchema,
      secret: secret.optional(),
      secretStorage: secretStorageSchema,
      protected: protectedSchema.optional(),
      production: z.boolean().optional(),
    })
    .strict(),
  'profiles.remove': z.object({ id }).strict(),
  'profiles.test': z
    .object({ id: id.optional(), target: targetSchema, sdkAppId: sdkAppIdSchema, identifier: identifierSchema, secret: secret.optional() })
    .strict(),
  'bots.list': z.object({ profileId: id }).strict(),
  'bots.nicknames': z.object({ profileId: id, accounts: z.array(robotAccount).min(1).max(100) }).strict(),
  'bots.check': z.object({ profileId: id, accounts }).strict(),
  'bots.import': z.object({ profileId: id, text: z.string().max(IMPORT_MAX_CHARS, 'the file is too large to import') }).strict(),
  'sweep.start': z
    .object({
      profileId: id,
      accounts,
      verify: z.boolean().optional(),
      wait: z.boolean().optional(),
      nicknames: z
        .record(robotAccount, z.string().max(200))
        .refine((map) => Object.keys(map).length > 0, 'leave nicknames out when there are none')
        .optional(),
      confirmation: z.string().max(200).optional(),
    })
    .strict(),
  'sweep.cancel': z.object({ batchId: batchId.optional() }).strict(),
  'sweep.retry': z
    .object({ batchId, accounts: accounts.optional(), profileId: id.optional(), confirmation: z.string().max(200).optional() })
    .strict(),
  'sweep.previewRetry': z.object({ batchId, accounts: accounts.optional(), profileId: id.optional() }).strict(),
  'sweep.recreate': z
    .object({ batchId, accounts: accounts.optional(), profileId: id.optional(), confirmation: z.string().max(200).optional() })
    .strict(),
  'sweep.previewRecreate': z.object({ batchId, accounts: accounts.optional(), profileId: id.optional() }).strict(),
  'sweep.status': noFields,
  'history.list': z.object({ status: z.enum(BATCH_STATUSES).optional() }).strict(),
  'history.get': z.object({ batchId, accountStatus: z.enum(ACCOUNT_STATUSES).optional() }).strict(),
  'history.export': z.object({ batchId: batchId.optional(), format: z.enum(EXPORT_FORMATS) }).strict(),
  'history.clear': noFields,
  'settings.get': noFields,
  'settings.set': settingsSchema.partial().strict(),
} as const satisfies Record<Channel, z.ZodType>;

type Schemas = typeof requestSchemas;
/** Per channel: does the schema accept and produce exactly the contract's request? */
type Drift = { [C in Channel]: Same<z.output<Schemas[C]>, Request<C>> extends true ? Same<z.input<Schemas[C]>, Request<C>> : false };
/** Compile-time: fails naming no channel, but `Drift` shows which is `false`. */
export type RequestSchemasMatchContract = Assert<Same<Drift, { [C in Channel]: true }>>;

/** Checks a payload against its channel's schema; the message names the field, never echoes the value. */
export function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): { ok: true; value: Request<C> } | { ok: false; message: string } {
  // Only plain objects: a Map, Set, Date or class instance is not a payload, whatever the schema would make of it.
  const prototype = typeof payload === 'object' && payload !== null ? Object.getPrototypeOf(payload) : undefined;
  if (prototype !== Object.prototype && prototype !== null) return { ok: false, message: `${channel}: the payload must be a plain object` };
  const parsed = requestSchemas[channel].safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as Request<C> };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${channel}: ${where}${issue?.message ?? 'invalid payload'}` };
}
