// The contract's implementation on the core: profiles, vault, gateway, sweep engine and history.
// One object serves Electron's IPC, the loopback web host and (where it fits) the CLI.
import type { ApiErrorCode, ApiErrorKind, ErrorParams, EventName, Events, ExportResult, Handlers } from '../../shared/api.js';
import { globMatcher } from '../../shared/glob.js';
import { profileConnection, type Profile } from '../../shared/profile.js';
import type { SweepProgress } from '../../shared/sweep.js';
import type { Connection } from '../../shared/target.js';
import { testConnection } from './connection-test.js';
import { gatewayErrorCode } from './error-codes.js';
import { exportBatches } from './history-export.js';
import { ProfileStore } from './profiles.js';
import { SettingsStore } from './settings.js';
import { gatewayFor, type GatewayEnv } from './gateway-env.js';
import { RetryRefused, SweepBusy, Sweeps } from './sweeps.js';
import { describeError } from './tim/errors.js';
import type { Vault } from './vault.js';

/** A failure with words for the user; the dispatcher passes it across the bridge as it is. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The stable code the renderer translates; the kind when nothing more precise fits. */
    readonly code: ApiErrorCode = kind,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

/** Same app, admin and gateway: the only case where a stored key may sign for a form's fields. */
function sameConnection(a: Connection, b: Connection): boolean {
  const sameTarget =
    a.target.kind === b.target.kind &&
    (a.target.kind === 'region'
      ? b.target.kind === 'region' && a.target.region === b.target.region
      : b.target.kind === 'endpoint' && a.target.url.trim() === b.target.url.trim());
  return sameTarget && a.sdkAppId === b.sdkAppId && a.identifier.trim() === b.identifier.trim();
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
  readonly history: Sweeps['history'];
  /** Cancels a running sweep and waits for it to journal its end. */
  dispose(): Promise<void>;
}

interface RunningSweep {
  readonly batchId: string;
  readonly profileId: string;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const now = () => deps.gateway.clock.now();
  const profiles = new ProfileStore(deps.dataDir, deps.vault, now);
  const sweeps = new Sweeps({ ...deps.gateway, dataDir: deps.dataDir });
  const history = sweeps.history;
  const settings = new SettingsStore(deps.dataDir);
  const deliver = deps.deliverExport ?? (async (file: ExportFile): Promise<ExportResult> => ({ kind: 'download', ...file }));
  let running: RunningSweep | null = null;
  /** Set from the first check until the sweep ends, so two quick starts cannot both pass. */
  let busy = false;
  /** The running sweep's latest progress, for `sweep.status` (a reloaded window). */
  let lastProgress: SweepProgress | null = null;

  const profileById = (id: string): Profile => {
    const profile = profiles.find(id);
    if (!profile || profile.id !== id)
      throw new ServiceError('not-found', 'That profile no longer exists: pick another one or add it again.', 'profile-missing');
    return profile;
  };

  const gatewayOf = async (profile: Profile) =>
    gatewayFor(profileConnection(profile), await profiles.secretFor(profile), deps.gateway, deps.timeoutMs);
  const gatewayFailure = (outcome: Parameters<typeof gatewayErrorCode>[0] & { advice: string }) => {
    const { kind, code, params } = gatewayErrorCode(outcome);
    return new ServiceError(kind, `${describeError(outcome.errorCode, outcome.errorInfo)}. ${outcome.advice}`, code, params);
  };
  /** A production profile's deletions need its name typed in the confirmation. */
  const requireConfirmation = (profile: Profile, confirmation: string | undefined) => {
    if (profile.production && confirmation?.trim() !== profile.name)
      throw new ServiceError(
        'invalid-request',
        `"${profile.name}" is a production profile: type its name to confirm. Nothing was sent.`,
        'production-confirmation',
        { profile: profile.name },
      );
  };
  /** Protected accounts are never sent: a request that holds any is refused whole. */
  const refuseProtected = (profile: Profile, accounts: readonly string[]) => {
    const isProtected = globMatcher(profile.protected ?? []);
    const hits = accounts.filter(isProtected);
    if (hits.length)
      throw new ServiceError(
        'invalid-request',
        `${hits.length} of these accounts are protected in profile "${profile.name}" (for example ${hits[0]}): they are never deleted. Nothing was sent.`,
        'protected-accounts',
        { count: hits.length, first: hits[0]! },
      );
  };

  const startSweep = async (
    profile: Profile,
    accounts: readonly string[],
    options: {
      verify?: boolean;
      wait?: boolean;
      retryOf?: string;
      previouslySent?: Set<string>;
      inheritedBots?: Map<string, boolean>;
      nicknames?: Record<string, string>;
    },
  ) => {
    if (busy) throw new ServiceError('busy', 'A sweep is running already: wait for it to finish, or cancel it.', 'sweep-running');
    busy = true;
    lastProgress = null;
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
    const batch = sweeps.run({
      connection: profileConnection(profile),
      secretKey,
      accounts,
      profile: profile.name,
      profileId: profile.id,
      retryOf: options.retryOf ?? null,
      ...(options.nicknames ? { nicknames: options.nicknames } : {}),
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      sweep: {
        verify: options.verify ?? true,
        ...(options.previouslySent ? { previouslySent: options.previouslySent } : {}),
        ...(options.inheritedBots ? { inheritedBots: options.inheritedBots } : {}),
      },
      signal: controller.signal,
      wait: options.wait ?? false,
      onBegin: resolveBegin,
      onProgress: (progress) => {
        lastProgress = progress;
        deps.emit('sweep.progress', progress);
      },
    });
    const done = batch.then(
      (outcome) => {
        running = null;
        busy = false;
        if (outcome.batchId === null) return; // never began: sweep.start answers with the error instead
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
    // The batch either journals its plan (begun) or fails before any call (an endpoint refused, the disk full,
    // another process sweeping the same app).
    let batchId: string | null;
    try {
      batchId = await Promise.race([begun, batch.then((outcome) => outcome.batchId)]);
    } catch (error) {
      if (error instanceof SweepBusy)
        throw new ServiceError(
          'busy',
          `${capitalize(error.message)}. Nothing was sent: wait for it to finish, or start again and wait.`,
          'sweep-running-elsewhere',
          { batch: error.owner.batchId ?? '', pid: error.owner.pid },
        );
      throw error;
    }
    if (batchId === null) {
      const outcome = await batch;
      throw new ServiceError(
        'internal',
        `${outcome.stop?.errorInfo ?? 'the batch could not start'}. ${outcome.stop?.advice ?? ''}`.trim(),
        'journal-unwritable',
        { reason: outcome.stop?.errorInfo ?? '' },
      );
    }
    running = { batchId, profileId: profile.id, controller, done };
    return { batchId };
  };

  const handlers: Handlers = {
    'profiles.list': async () => {
      const list = profiles.list();
      return { profiles: list, warning: profiles.warning };
    },
    'profiles.save': async ({ id, secret, secretStorage, ...fields }) => {
      if (id === undefined) {
        if (!secret) throw new ServiceError('invalid-request', 'Enter the secret key: a new profile needs one.', 'secret-required');
        return profiles.add(fields, secret, secretStorage);
      }
      profileById(id);
      return profiles.update(id, fields, secret ? { value: secret, storage: secretStorage } : undefined);
    },
    'profiles.remove': async ({ id }) => {
      await profiles.remove(profileById(id).id);
      return { removed: true };
    },
    'profiles.test': async ({ id, secret, ...connection }) => {
      let key = secret;
      if (!key) {
        const stored = id ? profiles.find(id) : null;
        if (!stored || stored.id !== id || !sameConnection(profileConnection(stored), connection))
          throw new ServiceError(
            'invalid-request',
            'Enter the secret key to test: the stored key is only used for the app, endpoint and identifier it was saved for.',
            'test-secret-required',
          );
        key = await profiles.secretFor(stored);
      }
      const result = await testConnection(connection, key, deps.gateway, deps.timeoutMs);
      if (result.ok) return { ok: true, botCount: result.botCount };
      const { code, params } = gatewayErrorCode({ ...result, errorInfo: result.message });
      return { ok: false, errorClass: result.errorClass, errorCode: result.errorCode, message: result.message, code, params };
    },
    'bots.list': async ({ profileId }) => {
      const profile = profileById(profileId);
      const outcome = await (await gatewayOf(profile)).getAllRobots();
      if (outcome.ok) return { accounts: outcome.answer.Robot_Account ?? [], profileId: profile.id };
      throw gatewayFailure(outcome);
    },
    'bots.nicknames': async ({ profileId, accounts }) => {
      const profile = profileById(profileId);
      const outcome = await (await gatewayOf(profile)).nicknames(accounts);
      if (outcome.ok) return { profileId: profile.id, nicknames: outcome.answer.nicknames };
      throw gatewayFailure(outcome);
    },
    'bots.check': async ({ profileId, accounts }) => {
      const profile = profileById(profileId);
      const outcome = await (await gatewayOf(profile)).getAllRobots();
      if (!outcome.ok) throw gatewayFailure(outcome);
      const listed = outcome.answer.Robot_Account;
      if (!listed)
        throw new ServiceError(
          'gateway',
          'The gateway listed the chatbots without their accounts: the check is not possible now.',
          'gateway-malformed',
        );
      const known = new Set(listed);
      const unique = [...new Set(accounts)];
      return { profileId: profile.id, bots: unique.filter((a) => known.has(a)), absent: unique.filter((a) => !known.has(a)) };
    },
    'sweep.start': async ({ profileId, accounts, verify, wait, nicknames, confirmation }) => {
      const profile = profileById(profileId);
      requireConfirmation(profile, confirmation);
      const unique = [...new Set(accounts)];
      refuseProtected(profile, unique);
      return startSweep(profile, unique, {
        ...(verify === undefined ? {} : { verify }),
        ...(wait === undefined ? {} : { wait }),
        ...(nicknames ? { nicknames } : {}),
      });
    },
    'sweep.cancel': async ({ batchId }) => {
      if (!running || running.batchId !== batchId) return { cancelled: false };
      running.controller.abort();
      return { cancelled: true };
    },
    'sweep.retry': async ({ batchId, accounts: confirmed, profileId, confirmation }) => {
      let prepared: ReturnType<Sweeps['prepareRetry']>;
      try {
        prepared = sweeps.prepareRetry(batchId);
      } catch (error) {
        if (!(error instanceof RetryRefused)) throw error;
        if (error.kind === 'not-found') throw new ServiceError('not-found', 'That batch is no longer in the history.', 'batch-missing');
        if (error.kind === 'running') throw new ServiceError('busy', `${capitalize(error.message)}.`, 'retry-running', { batch: batchId });
        throw new ServiceError('invalid-request', `${capitalize(error.message)}; nothing was sent.`, 'retry-damaged', { batch: batchId });
      }
      const { batch, plan } = prepared;
      let accounts = plan.accounts;
      if (!accounts.length)
        throw new ServiceError(
          'invalid-request',
          'Nothing to retry: every account of that batch is deleted or was not a chatbot.',
          'nothing-to-retry',
        );
      if (confirmed) {
        // The renderer confirmed these: each must still be one this batch may send again.
        const retryable = new Set(accounts);
        if (!confirmed.every((account) => retryable.has(account)))
          throw new ServiceError(
            'invalid-request',
            'The accounts to retry are no longer the ones that batch left undone: open it again.',
            'retry-accounts-changed',
          );
        accounts = [...new Set(confirmed)];
      }
      const profile = (batch.profileId && profiles.find(batch.profileId)) || (batch.profile && profiles.find(batch.profile)) || null;
      if (!profile)
        throw new ServiceError(
          'not-found',
          `The profile "${batch.profile ?? '?'}" of that batch no longer exists: add it again to retry.`,
          'retry-profile-missing',
          { profile: batch.profile ?? '?' },
        );
      const same =
        profile.sdkAppId === batch.sdkAppId &&
        profile.identifier === batch.identifier &&
        JSON.stringify(profile.target) === JSON.stringify(batch.target);
      if (!same || (profileId !== undefined && profileId !== profile.id))
        throw new ServiceError(
          'invalid-request',
          `The profile "${profile.name}" now points at another app than the batch did: retry from the CLI.`,
          'retry-target-changed',
          { profile: profile.name },
        );
      requireConfirmation(profile, confirmation);
      // Protected accounts are skipped: the protection may be newer than the batch.
      const isProtected = globMatcher(profile.protected ?? []);
      const sendable = accounts.filter((account) => !isProtected(account));
      if (!sendable.length)
        throw new ServiceError(
          'invalid-request',
          `Every account left in that batch is protected in profile "${profile.name}": nothing was sent.`,
          'protected-accounts',
          { count: accounts.length, first: accounts[0]! },
        );
      const nicknames = Object.fromEntries(
        batch.results.filter((result) => result.nickname !== undefined).map((result) => [result.account, result.nickname!]),
      );
      return startSweep(profile, sendable, {
        retryOf: batch.id,
        previouslySent: plan.previouslySent,
        inheritedBots: plan.inheritedBots,
        nicknames,
      });
    },
    'history.list': async ({ status }) => {
      const { batches, damaged } = history.scan(status ? { status } : {});
      return { batches: batches.map(({ results: _results, ...batch }) => batch), damaged };
    },
    'sweep.status': async () => ({
      running: running
        ? {
            batchId: running.batchId,
            profileId: running.profileId,
            progress: lastProgress?.batchId === running.batchId ? lastProgress : null,
          }
        : null,
    }),
    'history.get': async ({ batchId, accountStatus }) => ({ batch: history.get(batchId, accountStatus) }),
    'history.export': async ({ batchId, format }) => {
      const batches = batchId ? [history.get(batchId)].filter((batch) => batch !== null) : history.list();
      if (batchId && !batches.length) throw new ServiceError('not-found', 'That batch is no longer in the history.', 'batch-missing');
      const stamp = new Date(now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return deliver({
        filename: `botsweep-${batchId ?? `history-${stamp}`}.${format}`,
        mimeType: format === 'csv' ? 'text/csv' : 'application/json',
        content: exportBatches(batches, format),
      });
    },
    'history.clear': async () => {
      if (busy) throw new ServiceError('busy', 'A sweep is running: clear the history after it ends.', 'history-busy');
      return history.clear();
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

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
