// The use-case layer: every rule about what may be sent, once, for every adapter (the app's IPC, the web host, the
// CLI). Adapters parse input, call these, and present what comes back; they reach nothing below this layer.
import type { ProfileView } from '../../../shared/profile.js';
import type { GatewayEnv } from '../gateway-env.js';
import type { LockOptions } from '../sweep-lock.js';
import { osKeychain, Vault, type VaultOptions } from '../vault.js';
import { importFor } from './account-input.js';
import { findProfile, resolveAim, type Aim, type EnvSecret } from './aim.js';
import { checkAccounts, listBots, nicknamesOf, testForm, testProfile, type ConnectionTestRequest } from './bots.js';
import { openContext, type Context } from './context.js';
import { clearHistory, exportHistory, findBatch, getBatch, historyIds, scanHistory } from './history.js';
import { editProfile, listProfiles, removeProfile, saveProfile, type ProfileEdit, type ProfileSave } from './profiles.js';
import { planRecreate, previewRecreate, type RecreateRequest } from './recreate.js';
import { planRetry, previewRetry, type RetryRequest } from './retry.js';
import { runSweep, type RunOptions } from './run-sweep.js';
import { SweepSession, type Emit } from './session.js';
import { checkPlan, planDeletion, type DeletionRequest, type SweepPlan } from './sweep-plan.js';

export { Refusal } from './refusals.js';
export { CallFailed } from './call-failed.js';
export { EXIT, SIGNAL_EXIT_CODES, outcomeExitCode, signalExitCode, type CancelSignal } from './exit-codes.js';
export type { Aim, EnvSecret } from './aim.js';
export type { ProfileInput } from '../profiles.js';
export type { AccountSource, SweepPlan } from './sweep-plan.js';
export type { RunOptions } from './run-sweep.js';
export type { SweepSession } from './session.js';
export { QUOTA_ADVICE, QUOTA_CODE } from '../sweep/creation-evidence.js';
export { SWEEP_DEFAULTS, type BatchOutcome, type HistoryScan, type LockOwner } from '../sweeps.js';
export { describeApp, describeConnection } from '../../../shared/app-identity.js';
export { realGatewayEnv, type GatewayEnv } from '../gateway-env.js';

export interface UseCaseOptions extends GatewayEnv {
  readonly dataDir: string;
  /** The OS keychain (default), or a stand-in; ignored when `vault` is given. */
  readonly keychain?: VaultOptions['keychain'];
  readonly vault?: Vault;
  readonly timeoutMs?: number;
  readonly locks?: LockOptions;
}

export type UseCases = ReturnType<typeof createUseCases>;

/** Opens the data folder (refusing one that is not the user's own) and gives every use case over it. */
export function createUseCases(options: UseCaseOptions) {
  const vault = options.vault ?? new Vault({ keychain: options.keychain ?? osKeychain });
  const context: Context = openContext({ ...options, vault });
  return {
    profiles: {
      list: () => listProfiles(context),
      find: (nameOrId: string): ProfileView | null => context.profiles.find(nameOrId),
      get: (nameOrId: string): ProfileView => findProfile(context, nameOrId),
      save: (input: ProfileSave) => saveProfile(context, input),
      edit: (name: string, edit: ProfileEdit) => editProfile(context, name, edit),
      remove: (nameOrId: string, removal?: { force?: boolean; exactId?: boolean }) => removeProfile(context, nameOrId, removal),
      test: (request: ConnectionTestRequest) => testForm(context, request),
      testSaved: (name: string, envSecret?: EnvSecret, timeoutMs?: number) => testProfile(context, name, envSecret, timeoutMs),
    },
    bots: {
      list: (aim: Aim, envSecret?: EnvSecret, signal?: AbortSignal) => listBots(context, aim, envSecret, signal),
      nicknames: (aim: Aim, accounts: readonly string[], envSecret?: EnvSecret, signal?: AbortSignal) =>
        nicknamesOf(context, resolveAim(context, aim, envSecret), accounts, signal),
      check: (aim: Aim, accounts: readonly string[], envSecret?: EnvSecret, signal?: AbortSignal) =>
        checkAccounts(context, resolveAim(context, aim, envSecret), accounts, signal),
      import: (profileId: string, text: string) => importFor(context, resolveAim(context, { profileId }).connection, text),
    },
    sweeps: {
      planDeletion: (request: DeletionRequest) => planDeletion(context, request),
      planRetry: (request: RetryRequest) => planRetry(context, request),
      previewRetry: (request: RetryRequest) => previewRetry(context, request),
      planRecreate: (request: RecreateRequest) => planRecreate(context, request),
      previewRecreate: (request: RecreateRequest) => previewRecreate(context, request),
      check: (plan: SweepPlan, signal?: AbortSignal) => checkPlan(context, plan, signal),
      run: (plan: SweepPlan, run?: RunOptions) => runSweep(context, plan, run),
      session: (emit: Emit) => new SweepSession(context, emit),
    },
    history: {
      scan: (query?: Parameters<typeof scanHistory>[1]) => scanHistory(context, query),
      get: (batchId: string, status?: Parameters<typeof getBatch>[2]) => getBatch(context, batchId, status),
      find: (batchId: string, status?: Parameters<typeof findBatch>[2]) => findBatch(context, batchId, status),
      export: (batches: Parameters<typeof exportHistory>[1], format: Parameters<typeof exportHistory>[2]) =>
        exportHistory(context, batches, format, options.clock.now()),
      ids: () => historyIds(context),
      clear: () => clearHistory(context),
    },
  };
}
