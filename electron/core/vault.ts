// The secret keys' home: the OS keychain (service "botsweep", one entry per profile id), or this process's memory
// for a session-only profile. Never a file. Each key is kept together with the app and admin it was entered for, so
// editing profiles.json cannot make it sign for anything else. Keychain trouble becomes a VaultError saying what to do.
import type { SecretStorage } from '../../shared/profile.js';
import type { Connection } from '../../shared/target.js';

export const KEYCHAIN_SERVICE = 'botsweep';
const PROBE_ACCOUNT = '__botsweep_probe__';

/** The few keychain operations the vault needs; the real one wraps @napi-rs/keyring. */
export interface KeychainBackend {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export type VaultProblem = 'unavailable' | 'locked' | 'missing';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly problem: VaultProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The keychain's name on this OS, as users know it. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'the macOS Keychain';
    case 'win32':
      return 'the Windows Credential Manager';
    default:
      return 'the Secret Service keyring (GNOME Keyring or KWallet)';
  }
}

function unlockAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock the login keychain (Keychain Access, or log in again), then try again.';
    case 'win32':
      return 'Sign in to Windows with your own account, then try again.';
    default:
      return 'Unlock your login keyring (it unlocks when you log in to the desktop, or run "gnome-keyring-daemon --unlock"), then try again.';
  }
}

/** Without a keychain a key can still come from elsewhere: each face's own way, named as it exists. */
const WITHOUT_KEYCHAIN =
  'or, on the command line, give the key in TIM_SECRET_KEY and the app with --region or --endpoint, --sdkappid and --identifier ' +
  'instead of --profile (the desktop app can keep a key for its session only)';

function startAdvice(platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    return `Start gnome-keyring or KWallet in a D-Bus session (a desktop login does this; on a server run the command inside "dbus-run-session"), ${WITHOUT_KEYCHAIN}.`;
  }
  return `Check that the keychain service is running, ${WITHOUT_KEYCHAIN}.`;
}

/** Builds the real backend: the OS keychain through @napi-rs/keyring, pinned to the Secret Service on Linux. */
export async function osKeychain(): Promise<KeychainBackend> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  // Without the pin the library falls back to the kernel keyring, which forgets secrets at logout.
  const entry = (account: string) => new AsyncEntry(KEYCHAIN_SERVICE, account, { linux: { store: 'secret-service' } });
  return {
    get: (account) => entry(account).getPassword(),
    set: (account, secret) => entry(account).setPassword(secret),
    delete: (account) => entry(account).deleteCredential(),
  };
}

export interface VaultOptions {
  /** The keychain, or a promise of it; a rejected one means no keychain is reachable. */
  readonly keychain: KeychainBackend | Promise<KeychainBackend> | (() => Promise<KeychainBackend>);
  readonly platform?: NodeJS.Platform;
}

/** A stored key and the app and admin it was entered for; `boundTo` is null for an entry from before keys were bound. */
export interface BoundSecret {
  readonly secret: string;
  readonly boundTo: Connection | null;
}

/** The keychain entry: the key and its app in one value, so neither can be changed without the other. */
export function encodeEntry(secret: string, boundTo: Connection): string {
  const app = { target: boundTo.target, sdkAppId: boundTo.sdkAppId, identifier: boundTo.identifier };
  return JSON.stringify({ botsweep: 2, secret, app });
}

export function decodeEntry(text: string): BoundSecret {
  if (text.startsWith('{')) {
    try {
      const entry = JSON.parse(text) as { botsweep?: unknown; secret?: unknown; app?: Connection };
      if (entry.botsweep === 2 && typeof entry.secret === 'string' && entry.app && typeof entry.app === 'object')
        return { secret: entry.secret, boundTo: entry.app };
    } catch {
      // Not an entry of ours: a key that happens to start with "{".
    }
  }
  return { secret: text, boundTo: null };
}

export class Vault {
  private readonly session = new Map<string, BoundSecret>();
  private readonly platform: NodeJS.Platform;
  private backend: Promise<KeychainBackend> | null = null;

  constructor(private readonly options: VaultOptions) {
    this.platform = options.platform ?? process.platform;
  }

  get keychainName(): string {
    return keychainName(this.platform);
  }

  private keychain(): Promise<KeychainBackend> {
    const source = this.options.keychain;
    this.backend ??= Promise.resolve(typeof source === 'function' ? source() : source);
    return this.backend;
  }

  private unavailable(cause: unknown): VaultError {
    return new VaultError('unavailable', `${this.keychainName} cannot be reached (${errorText(cause)}). ${startAdvice(this.platform)}`);
  }

  private locked(): VaultError {
    return new VaultError('locked', `${this.keychainName} is locked. ${unlockAdvice(this.platform)}`);
  }

  /** Runs a keychain operation, turning library errors into VaultErrors. */
  private async run<T>(operation: (backend: KeychainBackend) => Promise<T>): Promise<T> {
    let backend: KeychainBackend;
    try {
      backend = await this.keychain();
    } catch (error) {
      throw this.unavailable(error);
    }
    try {
      return await operation(backend);
    } catch (error) {
      throw classifyKeychainError(error) === 'locked' ? this.locked() : this.unavailable(error);
    }
  }

  /** Stores a key bound to its app; a session-only one stays in this process's memory and is gone when it exits. */
  async store(id: string, secret: string, storage: SecretStorage, boundTo: Connection): Promise<void> {
    if (secret === '') throw new Error('the secret key is empty');
    if (storage === 'session') {
      this.session.set(id, { secret, boundTo });
      return;
    }
    await this.run((backend) => backend.set(id, encodeEntry(secret, boundTo)));
    this.session.delete(id);
  }

  /** The key for a profile with its binding. A keychain read that finds nothing is checked: locked keychains read as empty. */
  async read(id: string, storage: SecretStorage): Promise<BoundSecret> {
    if (storage === 'session') {
      const secret = this.session.get(id);
      if (secret === undefined) {
        throw new VaultError(
          'missing',
          'this profile keeps its secret key for one app session only, and this session has none: enter it again.',
        );
      }
      return secret;
    }
    const secret = await this.run((backend) => backend.get(id));
    if (secret !== null && secret !== '') return decodeEntry(secret);
    await this.probeWritable();
    throw new VaultError(
      'missing',
      `${this.keychainName} holds no secret key for this profile (removed outside Botsweep?): save the profile again with its key.`,
    );
  }

  hasSessionSecret(id: string): boolean {
    return this.session.has(id);
  }

  async remove(id: string, storage: SecretStorage): Promise<void> {
    this.session.delete(id);
    if (storage === 'keychain') await this.run((backend) => backend.delete(id));
  }

  /** Writes and removes a probe entry: the one reliable test of a keychain that reads as empty when locked. */
  async probeWritable(): Promise<void> {
    await this.run(async (backend) => {
      await backend.set(PROBE_ACCOUNT, 'probe');
      await backend.delete(PROBE_ACCOUNT);
    });
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Tells a locked keychain from an unreachable one by the library's error text on each OS. */
export function classifyKeychainError(error: unknown): 'locked' | 'unavailable' {
  const text = errorText(error).toLowerCase();
  if (/dbus|platform failure|no such file|connection refused|not supported|autolaunch|serviceunknown/.test(text)) return 'unavailable';
  if (
    /locked|no result found|couldn't access platform storage|user interaction is not allowed|user canceled|interaction not allowed/.test(
      text,
    )
  ) {
    return 'locked';
  }
  return 'unavailable';
}
