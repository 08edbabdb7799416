// Why a use case will not go ahead, as a stable code with parameters. One table gives each code its kind (for the
// contract), its English sentence (the CLI and logs; the renderer words the code itself) and the CLI's exit code.
import type { ApiErrorKind } from '../../../shared/api.js';
import type { ApiErrorCode, ErrorParams } from '../../../shared/errors.js';
import { EXIT } from './exit-codes.js';

type Params = Readonly<Record<string, string | number | undefined>>;

interface RefusalRule {
  readonly kind: ApiErrorKind;
  readonly exit: number;
  readonly text: (params: Params) => string;
}

const NOTHING_SENT = 'Nothing was sent.';
const indent = (list: Params[string]) =>
  String(list ?? '')
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
const are = (count: Params[string]) => (Number(count) === 1 ? 'is' : 'are');
const accounts = (count: Params[string]) => (Number(count) === 1 ? '1 account' : `${count} accounts`);

const RULES = {
  'invalid-request': { kind: 'invalid-request', exit: EXIT.usage, text: (p) => `The request was refused: ${p.detail}.` },
  'profile-missing': {
    kind: 'not-found',
    exit: EXIT.usage,
    text: (p) => `No profile "${p.profile}"${p.known ? `; the profiles are: ${p.known}` : '; add one with "botsweep profile add"'}.`,
  },
  'no-accounts': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      p.given ? 'The input holds no accounts.' : 'No accounts given: name them as arguments, or use --file PATH (or --file - for stdin).',
  },
  'invalid-accounts': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) => `${p.count} invalid account${Number(p.count) === 1 ? '' : 's'}; nothing was sent:\n${indent(p.list)}`,
  },
  'profile-invalid': { kind: 'invalid-request', exit: EXIT.usage, text: (p) => `The profile was not saved: ${p.detail}.` },
  'secret-required': { kind: 'invalid-request', exit: EXIT.usage, text: () => 'Enter the secret key: a new profile needs one.' },
  'test-secret-required': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: () => 'Enter the secret key to test: the stored key is only used for the app, endpoint and identifier it was saved for.',
  },
  'secret-missing': {
    kind: 'credentials',
    exit: EXIT.usage,
    text: (p) =>
      `No secret key for ${p.app}: ${p.profile ? `profile "${p.profile}" keeps its key for the desktop app's session only; ` : ''}` +
      'use a profile whose key is in the OS keychain, or set the environment variable TIM_SECRET_KEY.',
  },
  'key-bound-elsewhere': {
    kind: 'credentials',
    exit: EXIT.credentials,
    text: (p) =>
      `The stored secret key of profile "${p.profile}" was entered for ${p.keyApp}, not ${p.app}: it signs for nothing else. ` +
      'Enter the key again for this app (botsweep profile edit --secret-stdin, or the Profiles form). Nothing was sent.',
  },
  'batch-missing': {
    kind: 'not-found',
    exit: EXIT.usage,
    text: (p) => `No batch "${p.batch}" in the history; "botsweep history" lists them.`,
  },
  'sweep-running': {
    kind: 'busy',
    exit: EXIT.busy,
    text: () => 'A sweep is running already: wait for it to finish, or cancel it.',
  },
  'sweep-running-elsewhere': {
    kind: 'busy',
    exit: EXIT.busy,
    text: (p) => `${p.owner}. ${NOTHING_SENT} Wait for it to finish, or start again and wait for it (--wait).`,
  },
  'history-busy': { kind: 'busy', exit: EXIT.busy, text: () => 'A sweep is running: clear the history after it ends.' },
  'nothing-to-retry': {
    kind: 'invalid-request',
    exit: EXIT.ok,
    text: (p) =>
      p.protected
        ? `Nothing to retry: every account left in batch ${p.batch} is protected.`
        : `Nothing to retry: every account of batch ${p.batch} is deleted or was not a chatbot.`,
  },
  'retry-profile-missing': {
    kind: 'not-found',
    exit: EXIT.usage,
    text: (p) =>
      `The profile "${p.profile}" of batch ${p.batch} no longer exists: add it again, or name one with --profile, or set TIM_SECRET_KEY.`,
  },
  'retry-target-changed': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) => `Profile "${p.profile}" is for ${p.profileApp}, but batch ${p.batch} went to ${p.batchApp}. ${NOTHING_SENT}`,
  },
  'retry-accounts-changed': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: () => 'The accounts to retry are no longer the ones that batch left undone: open it again.',
  },
  'retry-running': {
    kind: 'busy',
    exit: EXIT.busy,
    text: (p) => `Batch ${p.batch} is still running in another process: try again once it has ended. ${NOTHING_SENT}`,
  },
  'retry-damaged': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) => `The journal of batch ${p.batch} cannot be used (${p.detail}). ${NOTHING_SENT}`,
  },
  'nothing-to-recreate': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) => `Nothing to re-create: batch ${p.batch} deleted no chatbot. ${NOTHING_SENT}`,
  },
  'recreate-not-deletion': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `Batch ${p.batch} is a re-creation, not a deletion: re-create from the deletion it undoes (${p.undoes}), or finish it with ` +
      `"botsweep retry ${p.batch}". ${NOTHING_SENT}`,
  },
  'recreate-accounts-not-deleted': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `${p.count} of these accounts ${are(p.count)} not deleted by batch ${p.batch}: only the accounts a batch deleted can be ` +
      `re-created from it. ${NOTHING_SENT}\n${indent(p.list)}`,
  },
  'journal-unwritable': {
    kind: 'internal',
    exit: EXIT.usage,
    text: (p) => `The history could not be written (${p.reason}). ${NOTHING_SENT} Free some disk space or make the data folder writable.`,
  },
  'protected-accounts': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `${p.count} of these accounts ${are(p.count)} protected for ${p.app} (for example ${p.first}, by "${p.pattern}" of profile "${p.profile}"): ` +
      `protected accounts are never deleted. ${NOTHING_SENT}${p.list ? `\n${indent(p.list)}` : ''}`,
  },
  'protected-changed': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `While this sweep waited, ${accounts(p.count)} of it became protected for ${p.app} (for example ${p.first}): start it again. ${NOTHING_SENT}`,
  },
  'protected-pattern-unusable': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `Profile "${p.profile}" protects accounts of ${p.app} with a pattern that cannot be used, "${p.pattern}" (${p.reason}): ` +
      `fix it in that profile first (botsweep profile edit, or the Profiles form). ${NOTHING_SENT}`,
  },
  'production-confirmation': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `${p.app} is a production app (profile "${p.profile}"): type that profile's name to confirm ` +
      `(with --yes: --confirm-profile "${p.profile}"). ${NOTHING_SENT}`,
  },
  'production-changed': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `While this sweep waited, ${p.app} was marked as a production app (profile "${p.profile}"): start it again. ${NOTHING_SENT}`,
  },
  'import-other-app': {
    kind: 'invalid-request',
    exit: EXIT.usage,
    text: (p) =>
      `${p.source} is a Botsweep export from ${p.fileApp}, but this sweep goes to ${p.app}: apps provisioned by one script often share ` +
      `bot IDs, so its accounts are not taken for another app. ${NOTHING_SENT}`,
  },
  'lock-not-yours': {
    kind: 'forbidden',
    exit: EXIT.usage,
    text: (p) =>
      `The sweep lock of ${p.app} (${p.path}) belongs to user ${p.owner}, not to you: Botsweep never takes over or removes ` +
      `another user's lock. If no sweep of that user runs, remove the file yourself. ${NOTHING_SENT}`,
  },
  'profiles-unreadable': {
    kind: 'internal',
    exit: EXIT.usage,
    text: (p) =>
      `The profiles file ${p.path} cannot be read (${p.reason}). Until it is fixed, nothing is sent to any app: a profile in it may ` +
      `guard the app. Fix it, or move it away to start with no profiles ("mv '${p.path}' '${p.path}.bad'"; the secret keys stay in the keychain).`,
  },
  'data-dir-unsafe': {
    kind: 'forbidden',
    exit: EXIT.usage,
    text: (p) => `The data folder ${p.path} is not yours alone (${p.reason}): ${p.fix}. Nothing was read from it or sent.`,
  },
} as const satisfies Partial<Record<ApiErrorCode, RefusalRule>>;

export type RefusalCode = keyof typeof RULES;

/** A use case's refusal: nothing was sent. `message` is the English sentence; `code` and `params` are for the renderer. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  readonly kind: ApiErrorKind;
  readonly exitCode: number;

  constructor(
    readonly code: RefusalCode,
    readonly params: ErrorParams = {},
  ) {
    const rule: RefusalRule = RULES[code];
    super(rule.text(params));
    this.kind = rule.kind;
    this.exitCode = rule.exit;
  }
}

export function refuse(code: RefusalCode, params: ErrorParams = {}): never {
  throw new Refusal(code, params);
}
