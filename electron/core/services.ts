// The contract's implementation on the core: profiles, vault, gateway, sweep engine and history.
// One object serves Electron's IPC, the loopback web host and (where it fits) the CLI.
import type { ApiErrorKind, EventName, Events, ExportResult, Handlers } from '../../shared/api.js';
import { profileConnection, type Profile } from '../../shared/profile.js';
import { retryableAccounts } from '../../shared/sweep.js';
import { testConnection } from './connection-test.js';
import { History } from './history.js';
import { exportBatches } from './history-export.js';
import { ProfileStore } from './profiles.js';
import { SettingsStore } from './settings.js';
import { gatewayFor, runBatch, type GatewayEnv } from './sweep/batch.js';
import { describeError, stopsBatch } from './tim/errors.js';
import type { Vault } from './vault.js';

/** A failure with words for the user; the dispatcher passes it across the bridge as it is. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ExportFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: string;
}

export interface ServiceDeps {
  readonly dataDir: string;
  readonly vault: Vault;
  readonly gateway: GatewayEnv;
  readonly emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Hands an export to the user: a save dialog in the app, a download in the web host (the default). */
  readonly deliverExport?: (file: ExportFile) => Promise<ExportResult>;
  readonly timeoutMs?: number;
}

export interface Services {
  readonly handlers: Handlers;
  readonly profiles: ProfileStore;
  readonly history: History;
  /** Cancels a running sweep and waits for it to journal its end. */
  dispose(): Promise<void>;
}

interface RunningSweep {
  readonly batchId: string;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const now = () => deps.gateway.clock.now();
  const profiles = new ProfileStore(deps.dataDir, deps.vault, now);
  const history = new History(deps.dataDir, now);
  const settings = new SettingsStore(deps.dataDir);
  const deliver = deps.deliverExport ?? (async (file: ExportFile): Promise<ExportResult> => ({ kind: 'download', ...file }));
  let running: RunningSweep | null = null;
  /** Set from the first check until the sweep ends, so two quick starts cannot both pass. */
  let busy = false;

  const profileById = (id: string): Profile => {
    const profile = profiles.find(id);
    if (!profile || profile.id !== id)
      throw new ServiceError('not-found', 'That profile no longer exists: pick another one or add it again.');
    return profile;
  };

  const startSweep = async (
    profile: Profile,
    accounts: readonly string[],
    options: { verify?: boolean; retryOf?: string; previouslyAttempted?: Set<string> },
  ) => {
    if (busy) throw new ServiceError('busy', 'A sweep is running already: wait for it to finish, or cancel it.');
    busy = true;
    let secretKey: string;
    try {
      secretKey = await profiles.secretFor(profile);
    } catch (error) {
      busy = false;
      throw error;
    }
    const controller = new AbortController();
    let resolveBegin!: (batchId: string) => void;
    const begun = new Promise<string>((resolve) => (resolveBegin = resolve));
    const batch = runBatch(
      {
        connection: profileConnection(profile),
        secretKey,
        accounts,
        profile: profile.name,
        profileId: profile.id,
        retryOf: options.retryOf ?? null,
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
        sweep: {
          verify: options.verify ?? true,
          ...(options.previouslyAttempted ? { previouslyAttempted: options.previouslyAttempted } : {}),
        },
        signal: controller.signal,
        onBegin: resolveBegin,
        onProgress: (progress) => deps.emit('sweep.progress', progress),
      },
      { ...deps.gateway, history },
    );
    const done = batch.then(
      (outcome) => {
        running = null;
        busy = false;
        deps.emit('sweep.finished', {
          batchId: outcome.batchId,
          status: outcome.status,
          summary: outcome.summary,
          stop: outcome.stop,
          verification: outcome.verification,
        });
      },
      () => {
        running = null;
        busy = false;
      },
    );
    // The batch either journals its plan (begun) or fails before any call (e.g. an endpoint refused).
    const batchId = await Promise.race([begun, batch.then((outcome) => outcome.batchId)]);
    running = { batchId, controller, done };
    return { batchId };
  };

  const handlers: Handlers = {
    'profiles.list': async () => {
      const list = profiles.list();
      return { profiles: list, warning: profiles.warning };
    },
    'profiles.save': async ({ id, secret, secretStorage, ...fields }) => {
      if (id === undefined) {
        if (!secret) throw new ServiceError('invalid-request', 'Enter the secret key: a new profile needs one.');
        return profiles.add(fields, secret, secretStorage);
      }
      profileById(id);
      return profiles.update(id, fields, secret ? { value: secret, storage: secretStorage } : undefined);
    },
    'profiles.remove': async ({ id }) => {
      await profiles.remove(profileById(id).id);
      return { removed: true };
    },
    'profiles.test': async ({ id }) => {
      const profile = profileById(id);
      const result = await testConnection(profileConnection(profile), await profiles.secretFor(profile), deps.gateway, deps.timeoutMs);
      return result.ok ? { ok: true, botCount: result.botCount } : result;
    },
    'bots.list': async ({ profileId }) => {
      const profile = profileById(profileId);
      const gateway = gatewayFor(profileConnection(profile), await profiles.secretFor(profile), deps.gateway, deps.timeoutMs);
      const outcome = await gateway.getAllRobots();
      if (outcome.ok) return { accounts: outcome.answer.Robot_Account };
      const kind: ApiErrorKind =
        outcome.errorClass === 'redirect'
          ? 'gateway'
          : stopsBatch(outcome.errorClass)
            ? 'credentials'
            : outcome.errorClass === 'network'
              ? 'network'
              : 'gateway';
      throw new ServiceError(kind, `${describeError(outcome.errorCode, outcome.errorInfo)}. ${outcome.advice}`);
    },
    'sweep.start': async ({ profileId, accounts, verify }) => {
      const unique = [...new Set(accounts)];
      return startSweep(profileById(profileId), unique, verify === undefined ? {} : { verify });
    },
    'sweep.cancel': async ({ batchId }) => {
      if (!running || running.batchId !== batchId) return { cancelled: false };
      running.controller.abort();
      return { cancelled: true };
    },
    'sweep.retry': async ({ batchId }) => {
      const batch = history.get(batchId);
      if (!batch) throw new ServiceError('not-found', 'That batch is no longer in the history.');
      const accounts = retryableAccounts(batch.results);
      if (!accounts.length) throw new ServiceError('invalid-request', 'Nothing to retry: every account of that batch is deleted.');
      const profile = (batch.profileId && profiles.find(batch.profileId)) || (batch.profile && profiles.find(batch.profile)) || null;
      if (!profile)
        throw new ServiceError('not-found', `The profile "${batch.profile ?? '?'}" of that batch no longer exists: add it again to retry.`);
      const same =
        profile.sdkAppId === batch.sdkAppId &&
        profile.identifier === batch.identifier &&
        JSON.stringify(profile.target) === JSON.stringify(batch.target);
      if (!same)
        throw new ServiceError(
          'invalid-request',
          `The profile "${profile.name}" now points at another app than the batch did: retry from the CLI.`,
        );
      const previouslyAttempted = new Set(
        batch.results.filter((result) => result.status === 'unconfirmed').map((result) => result.account),
      );
      return startSweep(profile, accounts, { retryOf: batch.id, previouslyAttempted });
    },
    'history.list': async ({ status }) => ({
      batches: history.list(status ? { status } : {}).map(({ results: _results, ...batch }) => batch),
    }),
    'history.get': async ({ batchId, accountStatus }) => ({ batch: history.get(batchId, accountStatus) }),
    'history.export': async ({ batchId, format }) => {
      const batches = batchId ? [history.get(batchId)].filter((batch) => batch !== null) : history.list();
      if (batchId && !batches.length) throw new ServiceError('not-found', 'That batch is no longer in the history.');
      const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return deliver({
        filename: `botsweep-${batchId ?? `history-${stamp}`}.${format}`,
        mimeType: format === 'csv' ? 'text/csv' : 'application/json',
        content: exportBatches(batches, format),
      });
    },
    'history.clear': async () => {
      if (busy) throw new ServiceError('busy', 'A sweep is running: clear the history after it ends.');
      return { removed: history.clear() };
    },
    'settings.get': async () => settings.get(),
    'settings.set': async (changes) => settings.set(changes),
  };

  return {
    handlers,
    profiles,
    history,
    async dispose() {
      const current = running;
      if (!current) return;
      current.controller.abort();
      await current.done;
    },
  };
}
