// The contract's handlers for the desktop app and the web host: each parses nothing more than the dispatcher already
// checked, calls a use case and shapes its answer. Every rule lives in usecases/.
import type { EventName, Events, ExportResult, Handlers } from '../../shared/api.js';
import type { GatewayEnv } from './gateway-env.js';
import { SettingsStore } from './settings.js';
import { createUseCases, type UseCases } from './usecases/index.js';
import type { Vault, VaultOptions } from './vault.js';

export interface ExportFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: string;
}

export interface ServiceDeps {
  readonly dataDir: string;
  /** The keychain (default: the OS's), or a whole vault (tests). */
  readonly keychain?: VaultOptions['keychain'];
  readonly vault?: Vault;
  readonly gateway: GatewayEnv;
  readonly emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Hands an export to the user: a save dialog in the app, a download in the web host (the default). */
  readonly deliverExport?: (file: ExportFile) => Promise<ExportResult>;
  readonly timeoutMs?: number;
}

export interface Services {
  readonly handlers: Handlers;
  readonly useCases: UseCases;
  /** Cancels a running sweep and waits for it to journal its end. */
  dispose(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const useCases = createUseCases({
    ...deps.gateway,
    dataDir: deps.dataDir,
    ...(deps.vault ? { vault: deps.vault } : {}),
    ...(deps.keychain ? { keychain: deps.keychain } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });
  const session = useCases.sweeps.session(deps.emit);
  const settings = new SettingsStore(deps.dataDir);
  const deliver = deps.deliverExport ?? (async (file: ExportFile): Promise<ExportResult> => ({ kind: 'download', ...file }));

  const handlers: Handlers = {
    'profiles.list': async () => useCases.profiles.list(),
    'profiles.save': async (input) => useCases.profiles.save(input),
    'profiles.remove': async ({ id }) => {
      await useCases.profiles.remove(id, { exactId: true });
      return { removed: true };
    },
    'profiles.test': async ({ id, secret, ...connection }) =>
      useCases.profiles.test({ connection, ...(secret ? { secret } : {}), ...(id ? { profileId: id } : {}) }),
    'bots.list': async ({ profileId }) => {
      const { accounts } = await useCases.bots.list({ profileId });
      return { accounts, profileId };
    },
    'bots.nicknames': async ({ profileId, accounts }) => ({ profileId, nicknames: await useCases.bots.nicknames({ profileId }, accounts) }),
    'bots.check': async ({ profileId, accounts }) => ({ profileId, ...(await useCases.bots.check({ profileId }, accounts)) }),
    'bots.import': async ({ profileId, text }) => ({ profileId, ...useCases.bots.import(profileId, text) }),
    'sweep.start': async ({ profileId, accounts, verify, wait, nicknames, confirmation }) => {
      const plan = await useCases.sweeps.planDeletion({ aim: { profileId }, named: accounts });
      return session.start(plan, {
        snapshot: settings.get().snapshot,
        ...(confirmation === undefined ? {} : { confirmation }),
        ...(verify === undefined ? {} : { verify }),
        ...(wait === undefined ? {} : { wait }),
        ...(nicknames ? { nicknames } : {}),
      });
    },
    'sweep.cancel': async ({ batchId }) => ({ cancelled: session.cancel(batchId ?? null) }),
    'sweep.retry': async ({ batchId, accounts, profileId, confirmation }) => {
      const plan = useCases.sweeps.planRetry({
        batchId,
        ...(profileId ? { profile: profileId } : {}),
        ...(accounts ? { confirmed: accounts } : {}),
      });
      return session.start(plan, { snapshot: settings.get().snapshot, ...(confirmation === undefined ? {} : { confirmation }) });
    },
    'sweep.previewRetry': async ({ batchId, accounts, profileId }) =>
      useCases.sweeps.previewRetry({ batchId, ...(profileId ? { profile: profileId } : {}), ...(accounts ? { confirmed: accounts } : {}) }),
    'sweep.recreate': async ({ batchId, accounts, profileId, confirmation }) => {
      const plan = useCases.sweeps.planRecreate({
        batchId,
        ...(profileId ? { profile: profileId } : {}),
        ...(accounts ? { accounts } : {}),
      });
      return session.start(plan, confirmation === undefined ? {} : { confirmation });
    },
    'sweep.previewRecreate': async ({ batchId, accounts, profileId }) =>
      useCases.sweeps.previewRecreate({ batchId, ...(profileId ? { profile: profileId } : {}), ...(accounts ? { accounts } : {}) }),
    'sweep.status': async () => ({ running: session.status() }),
    'history.list': async ({ status }) => {
      const { batches, damaged } = useCases.history.scan(status ? { status } : {});
      return { batches: batches.map(({ results: _results, ...batch }) => batch), damaged };
    },
    'history.get': async ({ batchId, accountStatus }) => ({ batch: useCases.history.find(batchId, accountStatus) }),
    'history.export': async ({ batchId, format }) => {
      const batches = batchId ? [useCases.history.get(batchId)] : useCases.history.scan().batches;
      return deliver(useCases.history.export(batches, format));
    },
    'history.clear': async () => session.clearHistory(),
    'settings.get': async () => settings.get(),
    'settings.set': async (changes) => settings.set(changes),
  };

  return { handlers, useCases, dispose: () => session.dispose() };
}
